/** Background jobs for the admin: the ones that failed after their retries (what, when, how often, why). */
import type { Knex } from 'knex';
import { loadStaff, requireStaff } from '../auth/middleware.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import type { JobRunner } from './runner.ts';

export function jobRoutes(db: Knex, jobs: JobRunner): Route[] {
  return [
    route({
      method: 'get',
      path: '/staff/jobs/failed',
      operationId: 'listFailedJobs',
      summary: 'Background jobs that failed after every retry, newest first (admin)',
      chain: [loadStaff(db), requireStaff('admin')],
      responses: { 200: ok('Failed jobs'), 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN') },
      handle: async (_input, _req, res) => {
        res.set('Cache-Control', 'no-store').json({ runner: jobs.kind, running: jobs.running(), failed: await jobs.failed(50) });
      },
    }),
  ];
}
