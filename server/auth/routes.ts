/** Staff sign-in and sign-out. */
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import { checkPassword } from './accounts.ts';
import { loginBody } from './inputs.ts';
import { loadStaff, requireCsrf, requireStaff } from './middleware.ts';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.ts';

export function authRoutes(db: Knex, options: { maxBodyBytes: number; secureCookies: boolean; limiter: RequestHandler }): Route[] {
  return [
    route({
      method: 'post',
      path: '/staff/session',
      operationId: 'staffLogin',
      summary: 'Sign in (sets the HttpOnly session cookie; returns the CSRF token)',
      chain: [options.limiter, ...jsonBody(options.maxBodyBytes)],
      body: loginBody,
      responses: {
        200: ok('Signed in; failedAttempts: failed sign-ins since the last one'),
        401: error('INVALID_CREDENTIALS (also for an unknown or locked account: they are not told apart)'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED (attempts from this address)'),
      },
      handle: async ({ body: { email, password } }, req, res) => {
        try {
          const { user, failedAttempts } = await checkPassword(db, email, password);
          const session = await createSession(db, user.id);
          await audit(db, { actorType: 'staff', actorId: String(user.id), action: 'staff.login', address: req.ip ?? null });
          res.cookie(SESSION_COOKIE, session.token, {
            httpOnly: true,
            sameSite: 'lax',
            secure: options.secureCookies || req.secure,
            path: '/',
            expires: session.expiresAt,
          });
          // failedAttempts: failed sign-ins on this account since its owner last signed in (shown to them once).
          res.json({ user, csrfToken: session.csrfToken, failedAttempts });
        } catch (error) {
          // A refused sign-in is on the audit trail; anything else is the error handler's.
          if (error instanceof AppError) {
            await audit(db, {
              actorType: 'staff',
              action: 'staff.login_failed',
              address: req.ip ?? null,
              details: { email: email.toLowerCase(), code: error.code },
            });
          }
          throw error;
        }
      },
    }),
    route({
      method: 'get',
      path: '/staff/session',
      operationId: 'getStaffSession',
      summary: 'Who is signed in (user null when nobody), and the CSRF token',
      chain: [loadStaff(db)],
      responses: { 200: ok('Session') },
      handle: (_input, req, res) => {
        res.set('Cache-Control', 'no-store').json({ user: req.staff?.user ?? null, csrfToken: req.staff?.csrfToken ?? null });
      },
    }),
    route({
      method: 'delete',
      path: '/staff/session',
      operationId: 'staffLogout',
      summary: 'Sign out',
      chain: [loadStaff(db), requireStaff(), requireCsrf],
      responses: { 204: { description: 'Signed out' }, 401: error('UNAUTHENTICATED'), 403: error('CSRF_TOKEN_INVALID') },
      handle: async (_input, req, res) => {
        await deleteSession(db, (req.cookies as Record<string, string>)[SESSION_COOKIE]!);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.status(204).end();
      },
    }),
  ];
}
