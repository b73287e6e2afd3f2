/**
 * The second factor: enrolment (startMfaEnrollment returns the otpauth URI, confirmMfaEnrollment
 * turns it on with a first code and returns the recovery codes once) and the second step of
 * sign-in (verifyMfa). A session whose sign-in completes here is replaced by a new one (new
 * cookie token and CSRF token), so a token seen before the second factor is worth nothing after.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { AppError, Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import { codeBody } from './inputs.ts';
import { loadStaff, requireCsrf, requireStaffAt, stageOf } from './middleware.ts';
import type { SecondFactor } from './second-factor.ts';
import { setSessionCookie, sessionToken } from './session-cookie.ts';
import { createSession, deleteSession } from './sessions.ts';

export interface MfaRouteOptions {
  maxBodyBytes: number;
  secureCookies: boolean;
  limiter: RequestHandler;
  idleMinutes: number;
  secondFactor: SecondFactor;
}

export function mfaRoutes(db: Knex, options: MfaRouteOptions): Route[] {
  const { secondFactor } = options;
  /** The session becomes a new, fully signed-in one. */
  const complete = async (req: Request, res: Response) => {
    const old = req.staff!;
    const fresh = await createSession(db, old.user.id, {
      mfaState: 'done',
      idleMinutes: options.idleMinutes,
      userAgent: req.get('User-Agent') ?? null,
      address: req.ip ?? null,
    });
    await deleteSession(db, sessionToken(req));
    setSessionCookie(req, res, fresh, options.secureCookies);
    return { csrfToken: fresh.csrfToken, next: stageOf({ mfaState: 'done', mustChangePassword: old.mustChangePassword }) };
  };
  const auditCode = (req: Request, action: string, details: Record<string, unknown> = {}) =>
    audit(db, { actorType: 'staff', actorId: String(req.staff!.user.id), action, address: req.ip ?? null, details });
  const refusals = {
    401: error('UNAUTHENTICATED, MFA_CODE_INVALID (wrong, replayed or used code; counts toward the lockout)'),
    403: error('CSRF_TOKEN_INVALID'),
    422: error('VALIDATION_FAILED'),
  };
  return [
    route({
      method: 'post',
      path: '/staff/mfa/enrolment',
      operationId: 'startMfaEnrollment',
      summary: 'Start setting up TOTP: a new secret as an otpauth:// URI, as text and as a QR code (not on until confirmed)',
      chain: [loadStaff(db), requireStaffAt(['enrol', 'done']), requireCsrf],
      responses: {
        201: ok('otpauthUri, secret (base32), qrCode (data URL)'),
        401: error('UNAUTHENTICATED'),
        403: error('CSRF_TOKEN_INVALID'),
        409: error('MFA_ALREADY_ENROLLED'),
      },
      handle: async (_input, req, res) => {
        const enrolment = await secondFactor.start(req.staff!.user);
        await auditCode(req, 'staff.mfa_enrolment_started');
        res.status(201).set('Cache-Control', 'no-store').json(enrolment);
      },
    }),
    route({
      method: 'post',
      path: '/staff/mfa/enrolment/confirmation',
      operationId: 'confirmMfaEnrollment',
      summary: 'Turn TOTP on with a first code from the app; returns the ten recovery codes (shown once, stored hashed)',
      chain: [options.limiter, loadStaff(db), requireStaffAt(['enrol', 'done']), requireCsrf, ...jsonBody(options.maxBodyBytes)],
      body: codeBody,
      responses: { 200: ok('recoveryCodes, csrfToken, next'), ...refusals, 409: error('MFA_ALREADY_ENROLLED, MFA_NOT_STARTED') },
      handle: async ({ body }, req, res) => {
        const recoveryCodes = await secondFactor.confirm(req.staff!.user.id, body.code).catch(async (err: unknown) => {
          if (err instanceof AppError && err.code === 'MFA_CODE_INVALID') await auditCode(req, 'staff.mfa_code_failed', { step: 'enrol' });
          throw err;
        });
        await auditCode(req, 'staff.mfa_enrolled');
        const session =
          req.staff!.mfaState === 'enrol' ? await complete(req, res) : { csrfToken: req.staff!.csrfToken, next: stageOf(req.staff!) };
        res.set('Cache-Control', 'no-store').json({ recoveryCodes, ...session });
      },
    }),
    route({
      method: 'post',
      path: '/staff/mfa/verification',
      operationId: 'verifyMfa',
      summary: 'Second step of sign-in: a TOTP code (accepted once only) or a recovery code (single use)',
      chain: [options.limiter, loadStaff(db), requireStaffAt(['mfa', 'done']), requireCsrf, ...jsonBody(options.maxBodyBytes)],
      body: codeBody,
      responses: { 200: ok('Signed in: user, csrfToken (new), failedAttempts, next'), ...refusals, 409: error('MFA_NOT_PENDING') },
      handle: async ({ body }, req, res) => {
        if (req.staff!.mfaState !== 'pending') throw Errors.mfaNotPending();
        const result = await secondFactor.verify(req.staff!.user.id, body.code).catch(async (err: unknown) => {
          if (err instanceof AppError) await auditCode(req, 'staff.mfa_code_failed', { step: 'sign-in' });
          throw err;
        });
        await auditCode(req, 'staff.login', { secondFactor: result.usedRecoveryCode ? 'recovery-code' : 'totp' });
        const session = await complete(req, res);
        res.json({ user: req.staff!.user, failedAttempts: result.failedAttempts, ...session });
      },
    }),
  ];
}
