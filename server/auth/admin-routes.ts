/** Account management for the admin role: list accounts and create one (also possible with npm run staff:add). */
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import { AccountRefused, createAccount, toStaffUser } from './accounts.ts';
import { newAccountBody } from './inputs.ts';
import { loadStaff, requireCsrf, requireStaff } from './middleware.ts';

export function adminRoutes(db: Knex, departments: () => string[], maxBodyBytes: number): Route[] {
  const admin = [loadStaff(db), requireStaff('admin')];
  const unauthorised = { 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN') };
  return [
    route({
      method: 'get',
      path: '/staff/accounts',
      operationId: 'listStaffAccounts',
      summary: 'Staff accounts (admin)',
      chain: admin,
      responses: { 200: ok('Accounts'), ...unauthorised },
      handle: async (_input, _req, res) => {
        const rows = (await db('staff_users')
          .select('id', 'email', 'display_name', 'role', 'department_id', 'locked_until')
          .orderBy('id')) as Parameters<typeof toStaffUser>[0][];
        res.set('Cache-Control', 'no-store').json({ accounts: rows.map(toStaffUser) });
      },
    }),
    route({
      method: 'post',
      path: '/staff/accounts',
      operationId: 'createStaffAccount',
      summary: 'Create a staff account (admin)',
      chain: [...admin, requireCsrf, ...jsonBody(maxBodyBytes)],
      body: newAccountBody,
      responses: { 201: ok('Created'), ...unauthorised, 422: error('VALIDATION_FAILED') },
      handle: async ({ body }, req, res) => {
        try {
          const user = await createAccount(db, body, departments());
          await audit(db, {
            actorType: 'staff',
            actorId: String(req.staff!.user.id),
            action: 'staff.account_created',
            target: String(user.id),
            address: req.ip ?? null,
            details: { role: user.role, departmentId: user.departmentId },
          });
          res.status(201).json(user);
        } catch (error) {
          // The account rules' own words (also printed by npm run staff:add) become a 422.
          if (error instanceof AccountRefused) throw Errors.accountRefused(error.message);
          throw error;
        }
      },
    }),
  ];
}
