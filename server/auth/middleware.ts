/**
 * Staff request guards: loadStaff reads the session cookie; requireStaff(roles) answers 401/403
 * (and 401 MFA_REQUIRED / MFA_ENROLMENT_REQUIRED, 403 PASSWORD_CHANGE_REQUIRED to a session still signing in);
 * requireCsrf checks the X-CSRF-Token header on every state-changing request.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
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
export type StaffGuard = RequestHandler & { staffRoles: readonly Role[]; stages: readonly SignInStage[] };
export type CsrfGuard = RequestHandler & { csrf: true };

/**
 * How far a session's sign-in has gone: `mfa` (the second code is owed), `enrol` (a second factor
 * must be set up), `password` (an admin reset it: change it first), or done.
 */
export type SignInStage = 'mfa' | 'enrol' | 'password' | 'done';

export function stageOf(session: Pick<StaffSession, 'mfaState' | 'mustChangePassword'>): SignInStage {
  if (session.mfaState === 'pending') return 'mfa';
  if (session.mfaState === 'enrol') return 'enrol';
  return session.mustChangePassword ? 'password' : 'done';
}

function guard(roles: Role[], stages: readonly SignInStage[]): StaffGuard {
  const handler: RequestHandler = (req, _res, next) => {
    if (!req.staff) return next(Errors.unauthenticated());
    const stage = stageOf(req.staff);
    if (!stages.includes(stage)) {
      if (stage === 'mfa') return next(Errors.mfaRequired());
      if (stage === 'enrol') return next(Errors.mfaEnrolmentRequired());
      if (stage === 'password') return next(Errors.passwordChangeRequired());
      return next(Errors.forbidden());
    }
    if (roles.length > 0 && !roles.includes(req.staff.user.role)) return next(Errors.forbidden(roles));
    next();
  };
  return Object.assign(handler, { staffRoles: roles, stages });
}

/** A fully signed-in member of staff (second factor given, password not waiting to be changed) with one of the roles (any when none). */
export function requireStaff(...roles: Role[]): StaffGuard {
  return guard(roles, ['done']);
}

/** A session still signing in may reach only routes that name its stage: the second-factor routes, the forced password change, sign-out. */
export function requireStaffAt(stages: readonly SignInStage[]): StaffGuard {
  return guard([], stages);
}

/** The X-CSRF-Token header equals the session's token (constant time); false when the session has none. */
export function csrfMatches(req: Request, expected: string | undefined): boolean {
  const sent = req.get('X-CSRF-Token') ?? '';
  return !!expected && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

export const requireCsrf: CsrfGuard = Object.assign<RequestHandler, { csrf: true }>(
  (req, _res, next) => next(csrfMatches(req, req.staff?.csrfToken) ? undefined : Errors.csrf()),
  { csrf: true },
);

/** Who may call a route, read off its chain: null when no staff session is required. */
export function staffAccess(
  chain: readonly RequestHandler[],
): { roles: readonly Role[]; csrf: boolean; stages: readonly SignInStage[] } | null {
  const found = chain.find((h): h is StaffGuard => 'staffRoles' in h);
  if (!found) return null;
  return { roles: found.staffRoles, csrf: chain.some((h) => 'csrf' in h), stages: found.stages };
}
