/** Staff sign-in and sign-out. */
import { Router } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { AppError, Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { checkPassword } from './accounts.ts';
import { loadStaff, requireCsrf, requireStaff } from './middleware.ts';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.ts';

export function authRoutes(db: Knex, options: { maxBodyBytes: number; secureCookies: boolean }): Router {
  const router = Router();
  const body = jsonBody(options.maxBodyBytes);

  // operationId: staffLogin
  router.post('/staff/session', ...body, async (req, res) => {
    const { email, password } = req.body as { email?: unknown; password?: unknown };
    if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
      throw Errors.validation([
        ...(typeof email === 'string' && email ? [] : [{ pointer: '/email', keyword: 'required', message: { ja: 'メールアドレスを入力してください。', en: 'Enter your e-mail address.' } }]),
        ...(typeof password === 'string' && password ? [] : [{ pointer: '/password', keyword: 'required', message: { ja: 'パスワードを入力してください。', en: 'Enter your password.' } }]),
      ]);
    }
    try {
      const user = await checkPassword(db, email, password);
      const session = await createSession(db, user.id);
      await audit(db, { actorType: 'staff', actorId: String(user.id), action: 'staff.login', address: req.ip ?? null });
      res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure: options.secureCookies || req.secure, path: '/', expires: session.expiresAt });
      res.json({ user, csrfToken: session.csrfToken });
    } catch (error) {
      if (error instanceof AppError) await audit(db, { actorType: 'staff', action: 'staff.login_failed', address: req.ip ?? null, details: { email: email.toLowerCase(), code: error.code } });
      throw error;
    }
  });

  // operationId: getStaffSession — who is signed in (user null when nobody is).
  router.get('/staff/session', loadStaff(db), (req, res) => {
    res.set('Cache-Control', 'no-store').json({ user: req.staff?.user ?? null, csrfToken: req.staff?.csrfToken ?? null });
  });

  // operationId: staffLogout
  router.delete('/staff/session', loadStaff(db), requireStaff(), requireCsrf, async (req, res) => {
    await deleteSession(db, (req.cookies as Record<string, string>)[SESSION_COOKIE]!);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}
