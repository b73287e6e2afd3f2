/**
 * Resident sign-in (OpenID Connect), the session, sign-out, マイページ and drafts. The sign-in
 * routes are browser navigations: start redirects to the provider; the callback checks the
 * answer against its request and sets the session cookie (HttpOnly, SameSite=Lax), then goes back
 * to where the resident was. A refused callback sets nothing: browsers are sent to the sign-in
 * page with the error's code, API clients get the error itself (400).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import type { ResidentSessionView } from '../../shared/identity.ts';
import { AppError, Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import { errorBody } from '../http/error-handler.ts';
import type { Catalog } from '../procedures/catalog.ts';
import type { ResidentDrafts } from './drafts.ts';
import { callbackQuery, draftBody, procedureIdParam, signInQuery } from './inputs.ts';
import { requireResident, requireResidentCsrf } from './middleware.ts';
import { listMySubmissions } from './my-submissions.ts';
import type { OidcClient } from './oidc-client.ts';
import { RESIDENT_COOKIE, SIGN_IN_COOKIE, type ResidentSessions } from './sessions.ts';
import type { SignInRequests } from './sign-in.ts';

export interface ResidentRouteDeps {
  db: Knex;
  catalog: Catalog;
  sessions: ResidentSessions;
  drafts: ResidentDrafts;
  /** Null when no provider is configured. */
  oidc: { client: OidcClient; requests: SignInRequests } | null;
  publicBaseUrl: string;
  secureCookies: boolean;
  maxBodyBytes: number;
  limiter: RequestHandler;
}

const cookieOptions = (req: Request, secure: boolean) => ({ httpOnly: true, sameSite: 'lax' as const, secure: secure || req.secure });

export function residentRoutes(d: ResidentRouteDeps): Route[] {
  const body = jsonBody(d.maxBodyBytes, { answers: true });
  const noBody = jsonBody(1024);
  const oidc = () => {
    if (!d.oidc) throw Errors.signInUnavailable();
    return d.oidc;
  };
  const refuse = (req: Request, res: Response, err: AppError) => {
    res.clearCookie(SIGN_IN_COOKIE, { path: '/api/resident' });
    if (req.accepts(['html', 'json']) === 'html') res.redirect(303, `/sign-in?error=${encodeURIComponent(err.code)}`);
    else res.status(err.status).json(errorBody(err, req.id));
  };
  return [
    route({
      method: 'get',
      path: '/resident/sign-in',
      operationId: 'startResidentSignIn',
      summary: 'Start signing in at the identity provider (redirect; authorization code flow with PKCE, state and nonce)',
      chain: [d.limiter],
      query: signInQuery,
      responses: { 302: { description: 'To the provider' }, 503: error('SIGN_IN_UNAVAILABLE or IDENTITY_PROVIDER_UNAVAILABLE') },
      handle: async ({ query }, req, res) => {
        const { url, browserToken } = await oidc().requests.start(query.returnTo);
        res.cookie(SIGN_IN_COOKIE, browserToken, { ...cookieOptions(req, d.secureCookies), path: '/api/resident', maxAge: 10 * 60_000 });
        res.set('Cache-Control', 'no-store').redirect(302, url);
      },
    }),
    route({
      method: 'get',
      path: '/resident/callback',
      operationId: 'completeResidentSignIn',
      summary: "The provider's redirect back: checked against its sign-in request (used once), then a session",
      chain: [d.limiter],
      query: callbackQuery,
      responses: {
        303: { description: 'Signed in: back to where the resident was (or, for a browser, to the sign-in page with the error)' },
        400: error('SIGN_IN_REQUEST_UNKNOWN (wrong, used or expired state), SIGN_IN_OTHER_BROWSER, SIGN_IN_CANCELLED, SIGN_IN_REFUSED'),
        503: error('SIGN_IN_UNAVAILABLE or IDENTITY_PROVIDER_UNAVAILABLE'),
      },
      handle: async (_input, req, res) => {
        const { client, requests } = oidc();
        const url = new URL(req.originalUrl, d.publicBaseUrl);
        const browserToken = (req.cookies as Record<string, string>)[SIGN_IN_COOKIE] ?? '';
        let result;
        try {
          result = await requests.complete(url, browserToken);
        } catch (err) {
          if (err instanceof AppError && err.status < 500) return refuse(req, res, err);
          throw err;
        }
        const session = await d.sessions.create({ issuer: client.settings.issuer, ...result });
        res.clearCookie(SIGN_IN_COOKIE, { path: '/api/resident' });
        res.cookie(RESIDENT_COOKIE, session.token, { ...cookieOptions(req, d.secureCookies), path: '/', expires: session.expiresAt });
        res.set('Cache-Control', 'no-store').redirect(303, result.returnTo);
      },
    }),
    route({
      method: 'get',
      path: '/resident/session',
      operationId: 'getResidentSession',
      summary: 'Whether a resident is signed in, with their verified attributes and the CSRF token for changes',
      responses: { 200: ok('The session') },
      handle: (_input, req, res) => {
        const s = req.resident;
        const settings = d.oidc?.client.settings;
        const view: ResidentSessionView = {
          signedIn: Boolean(s),
          available: Boolean(settings),
          ...(settings ? { provider: { issuer: settings.issuer, label: settings.label, demo: settings.demo } } : {}),
          ...(s
            ? { attributes: s.attributes, assurance: s.assurance, verifiedAt: s.verifiedAt, expiresAt: s.expiresAt, csrfToken: s.csrfToken }
            : {}),
        };
        res.set('Cache-Control', 'no-store').json(view);
      },
    }),
    route({
      method: 'post',
      path: '/resident/sign-out',
      operationId: 'residentSignOut',
      summary: "Ends the session; answers the provider's sign-out address when it has one",
      chain: [requireResident, requireResidentCsrf, ...noBody],
      responses: { 200: ok('Signed out: { endSessionUrl }'), 401: error('RESIDENT_SIGN_IN_REQUIRED'), 403: error('CSRF_TOKEN_INVALID') },
      handle: async (_input, req, res) => {
        const s = req.resident!;
        await d.sessions.end(s.id);
        res.clearCookie(RESIDENT_COOKIE, { path: '/' });
        const endSessionUrl = d.oidc ? await d.oidc.client.endSessionUrl(s.idToken) : null;
        res.set('Cache-Control', 'no-store').json({ signedOut: true, endSessionUrl });
      },
    }),
    route({
      method: 'get',
      path: '/my/submissions',
      operationId: 'listMySubmissions',
      summary: "マイページ: the signed-in resident's submissions",
      chain: [requireResident],
      responses: { 200: ok('Submissions, newest first'), 401: error('RESIDENT_SIGN_IN_REQUIRED') },
      handle: async (_input, req, res) => {
        res.set('Cache-Control', 'no-store').json({ submissions: await listMySubmissions(d.db, d.catalog, req.resident!.subjectHash) });
      },
    }),
    route({
      method: 'get',
      path: '/my/drafts',
      operationId: 'listMyDrafts',
      summary: "マイページ: the signed-in resident's drafts, with the date each will be deleted",
      chain: [requireResident],
      responses: { 200: ok('Drafts'), 401: error('RESIDENT_SIGN_IN_REQUIRED') },
      handle: async (_input, req, res) => {
        res.set('Cache-Control', 'no-store').json({ drafts: await d.drafts.list(req.resident!.subjectHash) });
      },
    }),
    route({
      method: 'get',
      path: '/my/drafts/:id',
      operationId: 'getDraft',
      summary:
        'One draft, fitted to the current version of its form (answers that no longer fit are left out and named; new questions named)',
      chain: [requireResident],
      params: procedureIdParam,
      responses: { 200: ok('The draft'), 401: error('RESIDENT_SIGN_IN_REQUIRED'), 404: error('DRAFT_NOT_FOUND') },
      handle: async ({ params }, req, res) => {
        res.set('Cache-Control', 'no-store').json(await d.drafts.get(req.resident!.subjectHash, params.id));
      },
    }),
    route({
      method: 'put',
      path: '/my/drafts/:id',
      operationId: 'saveDraft',
      summary: 'Saves the draft of a procedure (one per procedure; encrypted at rest)',
      chain: [requireResident, requireResidentCsrf, ...body],
      params: procedureIdParam,
      body: draftBody,
      responses: {
        200: ok('Saved: the summary with its deletion date'),
        401: error('RESIDENT_SIGN_IN_REQUIRED'),
        403: error('CSRF_TOKEN_INVALID'),
        404: error('PROCEDURE_NOT_FOUND'),
        422: error('VALIDATION_FAILED or DEFINITION_VERSION_UNKNOWN'),
      },
      handle: async ({ params, body: b }, req, res) => {
        const { definitionVersion, ...content } = b;
        res.set('Cache-Control', 'no-store').json(await d.drafts.save(req.resident!.subjectHash, params.id, definitionVersion, content));
      },
    }),
    route({
      method: 'delete',
      path: '/my/drafts/:id',
      operationId: 'deleteDraft',
      summary: 'Deletes the draft of a procedure',
      chain: [requireResident, requireResidentCsrf],
      params: procedureIdParam,
      responses: {
        204: { description: 'Deleted' },
        401: error('RESIDENT_SIGN_IN_REQUIRED'),
        403: error('CSRF_TOKEN_INVALID'),
        404: error('DRAFT_NOT_FOUND'),
      },
      handle: async ({ params }, req, res) => {
        if (!(await d.drafts.delete(req.resident!.subjectHash, params.id))) throw Errors.draftNotFound();
        res.status(204).end();
      },
    }),
  ];
}
