/** Account management for the admin role: list accounts and create one (also possible with npm run staff:add). */
import { Router } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { createAccount, toStaffUser } from './accounts.ts';
import { loadStaff, requireCsrf, requireStaff } from './middleware.ts';

export function adminRoutes(db: Knex, departments: () => string[], maxBodyBytes: number): Router {
  const router = Router();
  const admin = [loadStaff(db), requireStaff('admin')];

  // operationId: listStaffAccounts
  router.get('/staff/accounts', ...admin, async (_req, res) => {
    const rows = (await db('staff_users').select('id', 'email', 'display_name', 'role', 'department_id', 'locked_until').orderBy('id')) as Parameters<typeof toStaffUser>[0][];
    res.set('Cache-Control', 'no-store').json({ accounts: rows.map(toStaffUser) });
  });

  // operationId: createStaffAccount
  router.post('/staff/accounts', ...admin, requireCsrf, ...jsonBody(maxBodyBytes), async (req, res) => {
    const b = req.body as Record<string, unknown>;
    try {
      const user = await createAccount(
        db,
        { email: String(b.email ?? ''), password: String(b.password ?? ''), role: String(b.role ?? ''), departmentId: typeof b.departmentId === 'string' ? b.departmentId : null, displayName: typeof b.displayName === 'string' ? b.displayName : undefined },
        departments(),
      );
      await audit(db, { actorType: 'staff', actorId: String(req.staff!.user.id), action: 'staff.account_created', target: String(user.id), address: req.ip ?? null, details: { role: user.role, departmentId: user.departmentId } });
      res.status(201).json(user);
    } catch (error) {
      if (error instanceof Error && !('status' in error)) throw Errors.validation([{ pointer: '', keyword: 'account', message: { ja: `アカウントを作成できません：${error.message}`, en: `Cannot create the account: ${error.message}` } }]);
      throw error;
    }
  });

  return router;
}
