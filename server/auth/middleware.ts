/**
 * Staff request guards: loadStaff reads the session cookie; requireStaff(roles) answers 401/403;
 * requireCsrf checks the X-CSRF-Token header on every state-changing request.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { Errors } from '../errors.ts';
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

/** A guard says who it lets through, so the OpenAPI document and the isolation tests read it off the chain. */
export type StaffGuard = RequestHandler & { staffRoles: readonly Role[] };
export type CsrfGuard = RequestHandler & { csrf: true };

export function requireStaff(...roles: Role[]): StaffGuard {
  const guard: RequestHandler = (req, _res, next) => {
    if (!req.staff) return next(Errors.unauthenticated());
    if (roles.length > 0 && !roles.includes(req.staff.user.role)) return next(Errors.forbidden());
    next();
  };
  return Object.assign(guard, { staffRoles: roles });
}

export const requireCsrf: CsrfGuard = Object.assign<RequestHandler, { csrf: true }>(
  (req, _res, next) => {
    const sent = req.get('X-CSRF-Token') ?? '';
    const expected = req.staff?.csrfToken ?? '';
    const ok = expected.length > 0 && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
    next(ok ? undefined : Errors.csrf());
  },
  { csrf: true },
);

/** Who may call a route, read off its chain: null when no staff session is required. */
export function staffAccess(chain: readonly RequestHandler[]): { roles: readonly Role[]; csrf: boolean } | null {
  const guard = chain.find((h): h is StaffGuard => 'staffRoles' in h);
  if (!guard) return null;
  return { roles: guard.staffRoles, csrf: chain.some((h) => 'csrf' in h) };
}
