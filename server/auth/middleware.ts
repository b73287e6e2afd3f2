/**
 * Staff request guards: loadStaff reads the session cookie; requireStaff(roles) answers 401/403;
 * requireCsrf checks the X-CSRF-Token header on every state-changing request.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { AuthErrors } from './accounts.ts';
import type { Role } from './roles.ts';
import { findSession, SESSION_COOKIE, type StaffSession } from './sessions.ts';

declare module 'express-serve-static-core' {
  interface Request {
    staff?: StaffSession;
  }
}

export function loadStaff(db: Knex): RequestHandler {
  return async (req, _res, next) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (token) req.staff = (await findSession(db, token)) ?? undefined;
    next();
  };
}

export function requireStaff(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.staff) return next(AuthErrors.unauthenticated());
    if (roles.length > 0 && !roles.includes(req.staff.user.role)) return next(AuthErrors.forbidden());
    next();
  };
}

export const requireCsrf: RequestHandler = (req, _res, next) => {
  const sent = req.get('X-CSRF-Token') ?? '';
  const expected = req.staff?.csrfToken ?? '';
  const ok = expected.length > 0 && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  next(ok ? undefined : AuthErrors.csrf());
};
