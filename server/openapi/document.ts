/** OpenAPI 3.1 description of every endpoint, served at /api/openapi.json. */
import { paymentPaths, paymentSchemas } from './payments.ts';

const text = { type: 'object', required: ['ja', 'en'], properties: { ja: { type: 'string' }, en: { type: 'string' } } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const refParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$' }, description: 'Reference number (受付番号)' };
const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' }, description: 'The csrfToken from staffLogin / getStaffSession' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, description: 'Procedure id, e.g. kosodate-15' };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Online procedures API (小金井市 オンライン手続)',
    version: '1.0.0',
    description: 'Residents find a procedure, file it, and look up its status. Errors always use the Error envelope with a stable code and Japanese and English messages.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/api/procedures': {
      get: { operationId: 'listProcedures', summary: 'Published procedures', responses: { 200: { description: 'The catalog', content: json({ type: 'object', properties: { procedures: { type: 'array', items: ref('ProcedureSummary') } } }) } } },
    },
    '/api/procedures/{id}': {
      get: {
        operationId: 'getProcedure',
        summary: 'One published procedure with its form (current version)',
        parameters: [idParam],
        responses: { 200: { description: 'The procedure', content: json(ref('Procedure')) }, 404: error('PROCEDURE_NOT_FOUND or PROCEDURE_NOT_PUBLISHED') },
      },
    },
    '/api/procedures/{id}/versions/{version}': {
      get: {
        operationId: 'getProcedureVersion',
        summary: 'A given version of a procedure (for drafts started on an earlier version)',
        parameters: [idParam, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: { 200: { description: 'The procedure at that version', content: json(ref('Procedure')) }, 404: error('PROCEDURE_NOT_FOUND') },
      },
    },
    '/api/validators/{id}/{version}/{file}': {
      get: {
        operationId: 'getValidatorModule',
        summary: 'Precompiled validator (ES module) for one definition version; the URL is given as validatorUrl',
        parameters: [idParam, { name: 'version', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{16}\\.js$' } }],
        responses: { 200: { description: 'JavaScript module', content: { 'text/javascript': { schema: { type: 'string' } } } }, 404: error('NOT_FOUND') },
      },
    },
    '/api/procedures/{id}/submissions': {
      post: {
        operationId: 'createSubmission',
        summary: 'File a procedure',
        parameters: [
          idParam,
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{16,128}$' }, description: 'Send the same key when retrying: the first result is returned (header Idempotent-Replayed: true) and nothing new is stored.' },
        ],
        requestBody: { required: true, content: json(ref('SubmissionRequest')) },
        responses: {
          201: { description: 'Stored. The access code is shown only here.', content: json(ref('SubmissionReceipt')) },
          400: error('INVALID_JSON, FORBIDDEN_KEY, BODY_TOO_DEEP or IDEMPOTENCY_KEY_INVALID'),
          404: error('PROCEDURE_NOT_FOUND or PROCEDURE_NOT_PUBLISHED'),
          413: error('PAYLOAD_TOO_LARGE'),
          415: error('UNSUPPORTED_MEDIA_TYPE'),
          422: error('VALIDATION_FAILED (one entry per field), DEFINITION_VERSION_UNKNOWN or IDEMPOTENCY_KEY_REUSED'),
        },
      },
    },
    '/api/submissions/status': {
      post: {
        operationId: 'getSubmissionStatus',
        summary: 'Status of a submission, by reference number and access code',
        requestBody: { required: true, content: json(ref('StatusRequest')) },
        responses: {
          200: { description: 'Status', content: json(ref('SubmissionStatus')) },
          404: error('SUBMISSION_NOT_FOUND (wrong number or code; the two are not distinguished)'),
          422: error('VALIDATION_FAILED (malformed number or code)'),
          429: error('RATE_LIMITED'),
        },
      },
    },
    '/api/submissions/correction-form': {
      post: { operationId: 'getCorrectionForm', summary: 'Earlier answers of a submission returned for correction (reference number + access code)', requestBody: { required: true, content: json(ref('StatusRequest')) }, responses: { 200: { description: 'Answers and the reason', content: json({ type: 'object' }) }, 404: error('SUBMISSION_NOT_FOUND'), 409: error('NOT_RETURNED') } },
    },
    '/api/submissions/correction': {
      post: { operationId: 'correctSubmission', summary: 'Send corrected answers (validated against the same definition version); back to 受付', requestBody: { required: true, content: json({ allOf: [ref('StatusRequest'), { type: 'object', required: ['answers'], properties: { answers: { type: 'object' } } }] }) }, responses: { 200: { description: 'New status', content: json({ type: 'object' }) }, 404: error('SUBMISSION_NOT_FOUND'), 409: error('NOT_RETURNED'), 422: error('VALIDATION_FAILED') } },
    },
    '/api/submissions/withdrawal': {
      post: { operationId: 'withdrawSubmission', summary: 'Withdraw before a decision', requestBody: { required: true, content: json(ref('StatusRequest')) }, responses: { 200: { description: 'New status', content: json({ type: 'object' }) }, 404: error('SUBMISSION_NOT_FOUND'), 409: error('INVALID_TRANSITION') } },
    },
    '/api/staff/session': {
      post: { operationId: 'staffLogin', summary: 'Sign in (sets the HttpOnly session cookie; returns the CSRF token)', requestBody: { required: true, content: json({ type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } }) }, responses: { 200: { description: 'Signed in', content: json({ type: 'object' }) }, 401: error('INVALID_CREDENTIALS'), 422: error('VALIDATION_FAILED'), 423: error('ACCOUNT_LOCKED') } },
      get: { operationId: 'getStaffSession', summary: 'Who is signed in (user null when nobody), and the CSRF token', responses: { 200: { description: 'Session', content: json({ type: 'object' }) } } },
      delete: { operationId: 'staffLogout', summary: 'Sign out', parameters: [csrf], responses: { 204: { description: 'Signed out' }, 401: error('UNAUTHENTICATED'), 403: error('CSRF_TOKEN_INVALID') } },
    },
    '/api/staff/submissions': {
      get: {
        operationId: 'listQueue',
        summary: "The signed-in clerk's department queue (clerk, supervisor)",
        parameters: ['procedure', 'status', 'assignee', 'from', 'to', 'q', 'sort', 'cursor'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
        responses: { 200: { description: 'One page (50), counts per status, next cursor', content: json({ type: 'object' }) }, 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN'), 422: error('VALIDATION_FAILED') },
      },
    },
    '/api/staff/submissions/{ref}': {
      get: { operationId: 'getSubmission', summary: 'Every answer (from the version filled in), history, assignee, allowed transitions; audited', parameters: [refParam], responses: { 200: { description: 'Detail', content: json({ type: 'object' }) }, 404: error('SUBMISSION_NOT_FOUND (also for other departments)') } },
    },
    '/api/staff/submissions/{ref}/transitions': {
      post: { operationId: 'transitionSubmission', summary: 'Change the status (受付→審査中→完了/却下, 差戻し with a reason)', parameters: [refParam, csrf], requestBody: { required: true, content: json({ type: 'object', required: ['to'], properties: { to: { type: 'string' }, reason: { type: 'string' } } }) }, responses: { 200: { description: 'New status', content: json({ type: 'object' }) }, 404: error('SUBMISSION_NOT_FOUND'), 409: error('INVALID_TRANSITION'), 422: error('VALIDATION_FAILED (reason required)') } },
    },
    '/api/staff/transitions': {
      post: { operationId: 'transitionSubmissions', summary: 'Change the status of several submissions at once (all or none)', parameters: [csrf], requestBody: { required: true, content: json({ type: 'object', required: ['referenceNumbers', 'to'], properties: { referenceNumbers: { type: 'array', items: { type: 'string' } }, to: { type: 'string' }, reason: { type: 'string' } } }) }, responses: { 200: { description: 'New statuses', content: json({ type: 'object' }) }, 409: error('INVALID_TRANSITION') } },
    },
    '/api/staff/submissions/{ref}/assignee': {
      put: { operationId: 'assignSubmission', summary: 'Assign (a clerk: unassigned ones; a supervisor: reassign)', parameters: [refParam, csrf], requestBody: { required: true, content: json({ type: 'object', properties: { assigneeId: { type: ['integer', 'null'] } } }) }, responses: { 204: { description: 'Assigned' }, 403: error('FORBIDDEN'), 422: error('VALIDATION_FAILED') } },
    },
    '/api/staff/submissions/{ref}/notes': {
      post: { operationId: 'addNote', summary: 'Internal note', parameters: [refParam, csrf], requestBody: { required: true, content: json({ type: 'object', properties: { text: { type: 'string' } } }) }, responses: { 201: { description: 'Added' }, 422: error('VALIDATION_FAILED') } },
    },
    '/api/staff/submissions/{ref}/messages': {
      post: { operationId: 'sendMessage', summary: 'Message shown to the resident on the status page', parameters: [refParam, csrf], requestBody: { required: true, content: json({ type: 'object', properties: { text: { type: 'string' } } }) }, responses: { 201: { description: 'Sent' }, 422: error('VALIDATION_FAILED') } },
    },
    '/api/staff/colleagues': {
      get: { operationId: 'listColleagues', summary: 'Clerks and supervisors of my department', responses: { 200: { description: 'Colleagues', content: json({ type: 'object' }) } } },
    },
    '/api/staff/export.csv': {
      get: { operationId: 'exportSubmissions', summary: 'The filtered queue as CSV for Excel (UTF-8 with BOM); audited', parameters: ['procedure', 'status', 'from', 'to'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })), responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, 422: error('VALIDATION_FAILED (choose a procedure)') } },
    },
    '/api/staff/accounts': {
      get: { operationId: 'listStaffAccounts', summary: 'Staff accounts (admin)', responses: { 200: { description: 'Accounts', content: json({ type: 'object' }) }, 403: error('FORBIDDEN') } },
      post: { operationId: 'createStaffAccount', summary: 'Create a staff account (admin)', parameters: [csrf], requestBody: { required: true, content: json({ type: 'object', required: ['email', 'password', 'role'], properties: { email: { type: 'string' }, password: { type: 'string', minLength: 12 }, role: { type: 'string', enum: ['clerk', 'supervisor', 'dx', 'admin'] }, departmentId: { type: 'string' }, displayName: { type: 'string' } } }) }, responses: { 201: { description: 'Created', content: json({ type: 'object' }) }, 403: error('FORBIDDEN'), 422: error('VALIDATION_FAILED') } },
    },
    '/api/dx/dashboard': {
      get: {
        operationId: 'getDashboard',
        summary: 'The DX office figures for one fiscal year (dx): coverage, use, work, funnel',
        parameters: [
          { name: 'fy', in: 'query', required: false, schema: { type: 'integer' }, description: '令和n年度 (default: the current one)' },
          { name: 'department', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: { 200: { description: 'Figures', content: json({ type: 'object' }) }, 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN'), 422: error('VALIDATION_FAILED') },
      },
    },
    '/api/dx/counter-counts': {
      get: { operationId: 'listCounterCounts', summary: 'Procedures I may enter counts for, this fiscal year’s months and the counts entered', parameters: [{ name: 'fy', in: 'query', required: false, schema: { type: 'integer' } }], responses: { 200: { description: 'Counts', content: json({ type: 'object' }) }, 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN') } },
      put: { operationId: 'enterCounterCounts', summary: 'Counter and mail filings of one procedure in one month (dx: any; clerk/supervisor: own department)', parameters: [csrf], requestBody: { required: true, content: json({ type: 'object', required: ['procedureId', 'month', 'counter', 'mail'], properties: { procedureId: { type: 'string' }, month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, counter: { type: 'integer', minimum: 0 }, mail: { type: 'integer', minimum: 0 } } }) }, responses: { 204: { description: 'Saved' }, 422: error('VALIDATION_FAILED') } },
    },
    '/api/dx/counter-counts.csv': {
      post: { operationId: 'uploadCounterCounts', summary: 'The same as CSV (procedure_id,month,counter,mail); all rows or none', parameters: [csrf], requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } }, responses: { 200: { description: 'Saved', content: json({ type: 'object' }) }, 422: error('VALIDATION_FAILED (pointer /line/N/field)') } },
    },
    '/api/open-data/{file}': {
      get: {
        operationId: 'exportOpenData',
        summary: 'Open data without personal data: catalog.csv, catalog.json, monthly.csv, monthly.json (columns: docs/open-data.md)',
        parameters: [{ name: 'file', in: 'path', required: true, schema: { enum: ['catalog.csv', 'catalog.json', 'monthly.csv', 'monthly.json'] } }, { name: 'fy', in: 'query', required: false, schema: { type: 'integer' } }],
        responses: { 200: { description: 'Data', content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array' } } } }, 404: error('NOT_FOUND') },
      },
    },
    '/api/procedures/{id}/starts': {
      post: { operationId: 'recordFormStart', summary: 'Counts one resident starting the form (nothing about them is kept)', parameters: [idParam], responses: { 204: { description: 'Counted' }, 404: error('PROCEDURE_NOT_FOUND') } },
    },
    '/api/submissions/receipt.pdf': {
      post: { operationId: 'downloadReceipt', summary: "The resident's copy (控え) as PDF, with reference number + access code", requestBody: { required: true, content: json(ref('StatusRequest')) }, responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, 404: error('SUBMISSION_NOT_FOUND'), 422: error('VALIDATION_FAILED'), 429: error('RATE_LIMITED') } },
    },
    '/api/staff/receipts.pdf': {
      get: { operationId: 'downloadDepartmentReceipts', summary: "The department's copies (受付印・決裁欄) of one or several submissions, as one PDF; audited", parameters: [{ name: 'refs', in: 'query', required: true, schema: { type: 'string' }, description: 'Reference numbers, comma-separated (at most 50)' }], responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, 404: error('SUBMISSION_NOT_FOUND') } },
    },
    '/api/receipts/verify/{ref}/{sha}': {
      get: { operationId: 'verifyReceipt', summary: 'Whether a receipt with this reference number and SHA-256 exists, and its status (no personal data)', parameters: [refParam, { name: 'sha', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Result', content: json({ type: 'object', required: ['valid'], properties: { valid: { type: 'boolean' }, status: { type: 'string' } } }) } } },
    },
    ...paymentPaths,
    '/api/openapi.json': { get: { operationId: 'getOpenApi', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } } },
    '/healthz': { get: { operationId: 'health', summary: 'Liveness and database check', responses: { 200: { description: 'OK', content: json({ type: 'object' }) }, 503: error('UNAVAILABLE') } } },
  },
  components: {
    schemas: {
      ...paymentSchemas,
      LocalizedText: text,
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', examples: ['VALIDATION_FAILED'] },
              message: ref('LocalizedText'),
              fields: { type: 'array', items: { type: 'object', required: ['pointer', 'keyword', 'message'], properties: { pointer: { type: 'string', description: 'JSON pointer into the request body answers' }, keyword: { type: 'string' }, message: ref('LocalizedText') } } },
              requestId: { type: 'string' },
            },
          },
        },
      },
      ProcedureSummary: {
        type: 'object',
        required: ['id', 'version', 'title', 'summary', 'category', 'department', 'fee', 'nationalPriorityId'],
        properties: { id: { type: 'string' }, version: { type: 'integer' }, title: ref('LocalizedText'), summary: ref('LocalizedText'), category: { type: 'string' }, department: { type: 'object' }, fee: { type: ['object', 'null'] }, nationalPriorityId: { type: ['string', 'null'] }, keywords: { type: 'array', items: { type: 'string' } } },
      },
      Procedure: {
        type: 'object',
        description: 'A procedure definition (see form-definitions/definition.schema.json) without its examples, plus sha256 and validatorUrl.',
        required: ['id', 'version', 'schema', 'uiSchema', 'sha256', 'validatorUrl'],
        properties: { id: { type: 'string' }, version: { type: 'integer' }, schema: { type: 'object' }, uiSchema: { type: 'object' }, sha256: { type: 'string' }, validatorUrl: { type: 'string' } },
      },
      SubmissionRequest: {
        type: 'object',
        required: ['definitionVersion', 'answers'],
        additionalProperties: false,
        properties: { definitionVersion: { type: 'integer', description: 'The version of the form the resident filled in' }, answers: { type: 'object', description: "Answers valid against that version's schema" } },
      },
      SubmissionReceipt: {
        type: 'object',
        required: ['referenceNumber', 'accessCode', 'procedureId', 'definitionVersion', 'status', 'statusLabel', 'submittedAt'],
        properties: { referenceNumber: { type: 'string', pattern: '^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$' }, accessCode: { type: 'string', pattern: '^[A-Z3-9]{5}-[A-Z3-9]{5}$' }, procedureId: { type: 'string' }, definitionVersion: { type: 'integer' }, status: { type: 'string' }, statusLabel: ref('LocalizedText'), submittedAt: { type: 'string', format: 'date-time' }, payment: ref('Payment') },
      },
      StatusRequest: { type: 'object', required: ['referenceNumber', 'accessCode'], properties: { referenceNumber: { type: 'string' }, accessCode: { type: 'string' } } },
      SubmissionStatus: {
        type: 'object',
        required: ['referenceNumber', 'procedure', 'status', 'statusLabel', 'submittedAt', 'updatedAt'],
        properties: { referenceNumber: { type: 'string' }, procedure: { type: 'object' }, status: { type: 'string', enum: ['awaiting_payment', 'submitted', 'in_review', 'approved', 'rejected', 'returned', 'withdrawn'] }, statusLabel: ref('LocalizedText'), submittedAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, payment: ref('Payment') },
      },
    },
  },
} as const;
