/**
 * Account administration for the admin role (also possible with npm run staff:add): list, create,
 * change role / department / disabled, the April moves as CSV, password and second-factor resets.
 * None of these routes reads a submission.
 */
import express from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import { AccountRefused, createAccount } from './accounts.ts';
import { importMoves, listAccounts, resetStaffMfa, resetStaffPassword, updateAccount } from './administration.ts';
import { accountParams, newAccountBody, reasonBody, updateAccountBody } from './inputs.ts';
import { loadStaff, requireCsrf, requireStaff } from './middleware.ts';

export function adminRoutes(db: Knex, departments: () => string[], maxBodyBytes: number): Route[] {
  const admin = [loadStaff(db), requireStaff('admin')];
  const unauthorised = { 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN, CSRF_TOKEN_INVALID') };
  const actor = (req: express.Request) => ({ id: req.staff!.user.id, address: req.ip ?? null });
  return [
    route({
      method: 'get',
      path: '/staff/accounts',
      operationId: 'listStaffAccounts',
      summary: 'Staff accounts with role, department, last sign-in, second factor, locked, disabled (admin)',
      chain: admin,
      responses: { 200: ok('Accounts'), ...unauthorised },
      handle: async (_input, _req, res) => {
        res.set('Cache-Control', 'no-store').json({ accounts: await listAccounts(db), departments: departments() });
      },
    }),
    route({
      method: 'post',
      path: '/staff/accounts',
      operationId: 'createStaffAccount',
      summary: 'Create a staff account (admin); its password must be changed at the first sign-in',
      chain: [...admin, requireCsrf, ...jsonBody(maxBodyBytes)],
      body: newAccountBody,
      responses: { 201: ok('Created'), ...unauthorised, 422: error('VALIDATION_FAILED') },
      handle: async ({ body }, req, res) => {
        try {
          const user = await createAccount(db, { ...body, mustChangePassword: true }, departments());
          await audit(db, {
            actorType: 'staff',
            actorId: String(req.staff!.user.id),
            action: 'staff.account_created',
            target: String(user.id),
            address: req.ip ?? null,
            details: { role: user.role, departmentId: user.departmentId, reason: body.reason ?? null },
          });
          res.status(201).json(user);
        } catch (error) {
          // The account rules' own words (also printed by npm run staff:add) become a 422.
          if (error instanceof AccountRefused) throw Errors.accountRefused(error.message);
          throw error;
        }
      },
    }),
    route({
      method: 'put',
      path: '/staff/accounts/:id',
      operationId: 'updateStaffAccount',
      summary: 'Change role, department or disabled, with a reason (admin); the account’s sessions end at once',
      chain: [...admin, requireCsrf, ...jsonBody(maxBodyBytes)],
      params: accountParams,
      body: updateAccountBody,
      responses: {
        200: ok('The account'),
        ...unauthorised,
        404: error('STAFF_ACCOUNT_NOT_FOUND'),
        409: error('OWN_ACCOUNT'),
        422: error('VALIDATION_FAILED'),
      },
      handle: async ({ params, body }, req, res) => {
        res.json(await updateAccount(db, actor(req), params.id, body, departments()));
      },
    }),
    route({
      method: 'post',
      path: '/staff/accounts/:id/password-reset',
      operationId: 'resetStaffPassword',
      summary: 'A temporary password, shown once, to be changed at the next sign-in (admin); sessions end',
      chain: [...admin, requireCsrf, ...jsonBody(maxBodyBytes)],
      params: accountParams,
      body: reasonBody,
      responses: { 200: ok('temporaryPassword'), ...unauthorised, 404: error('STAFF_ACCOUNT_NOT_FOUND'), 422: error('VALIDATION_FAILED') },
      handle: async ({ params, body }, req, res) => {
        const temporaryPassword = await resetStaffPassword(db, actor(req), params.id, body.reason);
        res.set('Cache-Control', 'no-store').json({ temporaryPassword });
      },
    }),
    route({
      method: 'post',
      path: '/staff/accounts/:id/mfa-reset',
      operationId: 'resetStaffMfa',
      summary: 'Remove a lost second factor (admin); the owner sets up a new one at the next sign-in',
      chain: [...admin, requireCsrf, ...jsonBody(maxBodyBytes)],
      params: accountParams,
      body: reasonBody,
      responses: { 204: { description: 'Reset' }, ...unauthorised, 404: error('STAFF_ACCOUNT_NOT_FOUND'), 422: error('VALIDATION_FAILED') },
      handle: async ({ params, body }, req, res) => {
        await resetStaffMfa(db, actor(req), params.id, body.reason);
        res.status(204).end();
      },
    }),
    route({
      method: 'post',
      path: '/staff/accounts/moves.csv',
      operationId: 'importStaffMoves',
      summary: 'The April moves as CSV (email,role,department_id,reason): all rows or none (admin)',
      chain: [...admin, requireCsrf, express.text({ type: ['text/csv', 'text/plain'], limit: maxBodyBytes })],
      rawBody: { contentType: 'text/csv', schema: { type: 'string' } },
      responses: {
        200: ok('moved: the number of accounts changed'),
        ...unauthorised,
        415: error('UNSUPPORTED_MEDIA_TYPE'),
        422: error('VALIDATION_FAILED (pointer /line/N/field; nothing changed)'),
      },
      handle: async (_input, req, res) => {
        if (typeof req.body !== 'string') throw Errors.unsupportedMediaType();
        res.json({ moved: await importMoves(db, actor(req), req.body, departments()) });
      },
    }),
  ];
}
