/** A member of staff's own account: change the password, see the signed-in sessions and end any of them. */
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import { changePasswordBody, sessionParams } from './inputs.ts';
import { loadStaff, requireCsrf, requireStaff, requireStaffAt } from './middleware.ts';
import { changeOwnPassword } from './passwords.ts';
import { listSessions, revokeSession } from './sessions.ts';

export function accountRoutes(db: Knex, maxBodyBytes: number): Route[] {
  const signedIn = [loadStaff(db), requireStaff()];
  return [
    route({
      method: 'post',
      path: '/staff/account/password',
      operationId: 'changeOwnPassword',
      summary: 'Change my password (12+ characters, not a common one, not my e-mail); my other sessions end',
      chain: [loadStaff(db), requireStaffAt(['password', 'done']), requireCsrf, ...jsonBody(maxBodyBytes)],
      body: changePasswordBody,
      responses: {
        200: ok('endedSessions'),
        401: error('UNAUTHENTICATED'),
        403: error('CSRF_TOKEN_INVALID'),
        422: error('VALIDATION_FAILED (/currentPassword, /newPassword)'),
      },
      handle: async ({ body }, req, res) => {
        const who = { userId: req.staff!.user.id, sessionId: req.staff!.id, address: req.ip ?? null };
        res.json(await changeOwnPassword(db, who, body.currentPassword, body.newPassword));
      },
    }),
    route({
      method: 'get',
      path: '/staff/account/sessions',
      operationId: 'listOwnSessions',
      summary: 'My signed-in sessions: device, address, last seen',
      chain: signedIn,
      responses: { 200: ok('sessions'), 401: error('UNAUTHENTICATED') },
      handle: async (_input, req, res) => {
        res.set('Cache-Control', 'no-store').json({ sessions: await listSessions(db, req.staff!.user.id, req.staff!.id) });
      },
    }),
    route({
      method: 'delete',
      path: '/staff/account/sessions/:id',
      operationId: 'revokeOwnSession',
      summary: 'End one of my sessions (on another device, or this one)',
      chain: [...signedIn, requireCsrf],
      params: sessionParams,
      responses: {
        204: { description: 'Ended' },
        401: error('UNAUTHENTICATED'),
        403: error('CSRF_TOKEN_INVALID'),
        404: error('SESSION_NOT_FOUND'),
      },
      handle: async ({ params }, req, res) => {
        if (!(await revokeSession(db, req.staff!.user.id, params.id))) throw Errors.sessionNotFound();
        await audit(db, {
          actorType: 'staff',
          actorId: String(req.staff!.user.id),
          action: 'staff.session_revoked',
          address: req.ip ?? null,
        });
        res.status(204).end();
      },
    }),
  ];
}
