/** Staff sign-in (password, then the second factor: mfa-routes.ts), the session, sign-out. */
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import { checkPassword } from './accounts.ts';
import { loginBody } from './inputs.ts';
import { loadStaff, requireCsrf, requireStaffAt, stageOf } from './middleware.ts';
import { setSessionCookie, sessionToken } from './session-cookie.ts';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.ts';

/** How long a session waiting for its second factor (code or enrolment) may go unused. */
export const PENDING_IDLE_MINUTES = 15;

export interface AuthOptions {
  maxBodyBytes: number;
  secureCookies: boolean;
  limiter: RequestHandler;
  /** STAFF_MFA: required makes a member of staff without a second factor set one up before anything else. */
  mfa: 'required' | 'optional';
  idleMinutes: number;
}

export function authRoutes(db: Knex, options: AuthOptions): Route[] {
  return [
    route({
      method: 'post',
      path: '/staff/session',
      operationId: 'staffLogin',
      summary: 'Sign in with the password (sets the HttpOnly session cookie; returns the CSRF token and the next step)',
      chain: [options.limiter, ...jsonBody(options.maxBodyBytes)],
      body: loginBody,
      responses: {
        200: ok('Password accepted. next: mfa (send the code: verifyMfa), enrol (set up a second factor first), password, or done'),
        401: error('INVALID_CREDENTIALS (also for an unknown, locked or disabled account: they are not told apart)'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED (attempts from this address)'),
      },
      handle: async ({ body: { email, password } }, req, res) => {
        try {
          const { user, failedAttempts, hasSecondFactor } = await checkPassword(db, email, password);
          const mfaState = hasSecondFactor ? 'pending' : options.mfa === 'required' ? 'enrol' : 'done';
          const session = await createSession(db, user.id, {
            mfaState,
            // Half-signed-in sessions last a quarter of an hour unused, at most.
            idleMinutes: mfaState === 'done' ? options.idleMinutes : Math.min(options.idleMinutes, PENDING_IDLE_MINUTES),
            userAgent: req.get('User-Agent') ?? null,
            address: req.ip ?? null,
          });
          await audit(db, {
            actorType: 'staff',
            actorId: String(user.id),
            action: hasSecondFactor ? 'staff.password_accepted' : 'staff.login',
            address: req.ip ?? null,
            details: { secondFactor: mfaState },
          });
          setSessionCookie(req, res, session, options.secureCookies);
          const row = (await db('staff_users').where('id', user.id).first('must_change_password')) as { must_change_password: unknown };
          const next = stageOf({ mfaState, mustChangePassword: Boolean(row.must_change_password) });
          // failedAttempts: failed sign-ins on this account since its owner last signed in (shown to them once).
          res.json({ user, csrfToken: session.csrfToken, failedAttempts, next });
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
      summary: 'Who is signed in (user null when nobody), the CSRF token and the next step of signing in',
      chain: [loadStaff(db)],
      responses: { 200: ok('Session') },
      handle: (_input, req, res) => {
        res.set('Cache-Control', 'no-store');
        if (!req.staff) return res.json({ user: null, csrfToken: null });
        res.json({
          user: req.staff.user,
          csrfToken: req.staff.csrfToken,
          next: stageOf(req.staff),
          secondFactor: req.staff.hasSecondFactor,
          mfaPolicy: options.mfa,
        });
      },
    }),
    route({
      method: 'delete',
      path: '/staff/session',
      operationId: 'staffLogout',
      summary: 'Sign out (the session ends on the server)',
      chain: [loadStaff(db), requireStaffAt(['mfa', 'enrol', 'password', 'done']), requireCsrf],
      responses: { 204: { description: 'Signed out' }, 401: error('UNAUTHENTICATED'), 403: error('CSRF_TOKEN_INVALID') },
      handle: async (_input, req, res) => {
        await deleteSession(db, sessionToken(req));
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.status(204).end();
      },
    }),
  ];
}
