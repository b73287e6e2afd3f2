/**
 * Resident request guards: loadResident reads the session cookie (mounted once for /api, like the
 * cookie parser); requireResident answers 401; requireResidentCsrf checks X-CSRF-Token on every
 * change. residentOf(req) is the signed-in resident only when the request also carries the
 * session's CSRF token: the routes that accept an access code OR a session use it.
 */
import type { Request, RequestHandler } from 'express';
import { csrfMatches } from '../auth/middleware.ts';
import { Errors } from '../errors.ts';
import { RESIDENT_COOKIE, type ResidentSession, type ResidentSessions } from './sessions.ts';

declare module 'express-serve-static-core' {
  interface Request {
    resident?: ResidentSession;
  }
}

export function loadResident(sessions: ResidentSessions): RequestHandler {
  return async (req, _res, next) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[RESIDENT_COOKIE];
    if (token) req.resident = (await sessions.find(token)) ?? undefined;
    next();
  };
}

export type ResidentGuard = RequestHandler & { resident: true };

export const requireResident: ResidentGuard = Object.assign<RequestHandler, { resident: true }>(
  (req, _res, next) => next(req.resident ? undefined : Errors.residentSignInRequired()),
  { resident: true },
);

const csrfOk = (req: Request) => csrfMatches(req, req.resident?.csrfToken);

export const requireResidentCsrf: RequestHandler & { csrf: true } = Object.assign<RequestHandler, { csrf: true }>(
  (req, _res, next) => next(csrfOk(req) ? undefined : Errors.csrf()),
  { csrf: true },
);

/** The signed-in resident, for a request that also proves it came from this site (CSRF token). */
export function residentOf(req: Request): ResidentSession | null {
  return req.resident && csrfOk(req) ? req.resident : null;
}
