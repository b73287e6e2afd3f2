/**
 * Attachment endpoints. Residents upload to a draft (X-Draft-Token: a random token the browser
 * made; a custom header, so another site's form cannot send it) and may delete what they have not
 * submitted; staff of the submission's department open and download files, each view audited.
 */
import type { Request, RequestHandler } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { loadStaff, requireStaff } from '../auth/middleware.ts';
import { Errors } from '../errors.ts';
import { route, type Route } from '../http/route.ts';
import { error, json, ref } from '../http/responses.ts';
import { attachmentParam, downloadQuery, procedureIdParam, uploadQuery } from './inputs.ts';
import { DRAFT_TOKEN, type AttachmentService } from './service.ts';

export interface AttachmentRouteDeps {
  db: Knex;
  service: AttachmentService;
  /** Uploads per address (http/rate-limit.ts). */
  limiter: RequestHandler;
}

const draftTokenHeader = {
  name: 'X-Draft-Token',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{32,128}$' },
  description: 'A random token the browser made for this draft; the same token is sent with the submission (draftToken).',
};

function draftToken(req: Request): string {
  const token = req.get('X-Draft-Token') ?? '';
  if (!DRAFT_TOKEN.test(token)) throw Errors.draftTokenInvalid();
  return token;
}

/** RFC 6266 filename* so that Japanese names survive, with an ASCII fallback. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]|["\\]/gu, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function attachmentRoutes({ db, service, limiter }: AttachmentRouteDeps): Route[] {
  const staff = [loadStaff(db), requireStaff('clerk', 'supervisor')];
  return [
    route({
      method: 'post',
      path: '/procedures/:id/attachments',
      operationId: 'uploadAttachment',
      summary: 'Upload one file for an attachment question of a draft (scanned, cleaned, stored)',
      chain: [limiter],
      params: procedureIdParam,
      query: uploadQuery,
      headers: [draftTokenHeader],
      rawBody: {
        contentType: 'multipart/form-data',
        schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
        description: 'One file in the field "file"',
      },
      responses: {
        201: { description: 'Stored: its id goes into the answer', content: json(ref('UploadedAttachment')) },
        400: error('DRAFT_TOKEN_INVALID or UPLOAD_INCOMPLETE'),
        404: error('PROCEDURE_NOT_FOUND or PROCEDURE_NOT_PUBLISHED'),
        413: error('ATTACHMENT_TOO_LARGE'),
        415: error('UNSUPPORTED_MEDIA_TYPE (not multipart/form-data)'),
        422: error(
          'ATTACHMENT_TYPE_NOT_ALLOWED, ATTACHMENT_TOO_MANY, ATTACHMENT_INFECTED, ATTACHMENT_UNREADABLE, ATTACHMENT_EMPTY or VALIDATION_FAILED (no such question)',
        ),
        429: error('RATE_LIMITED'),
        503: error('ATTACHMENT_SCAN_UNAVAILABLE'),
      },
      handle: async ({ params, query }, req, res) => {
        const token = draftToken(req);
        try {
          const uploaded = await service.upload(
            { procedureId: params.id, version: query.version, field: query.field, draftToken: token },
            req,
          );
          res.status(201).set('Cache-Control', 'no-store').json(uploaded);
        } catch (err) {
          // The rest of a refused upload is not read: the connection closes after the answer.
          if (!req.complete) res.set('Connection', 'close');
          throw err;
        }
      },
    }),
    route({
      method: 'delete',
      path: '/attachments/:attachmentId',
      operationId: 'deleteAttachment',
      summary: 'Remove a file from a draft (only before it is submitted, with the same draft token)',
      params: attachmentParam,
      headers: [draftTokenHeader],
      responses: {
        204: { description: 'Deleted, with everything stored of it' },
        400: error('DRAFT_TOKEN_INVALID'),
        404: error('ATTACHMENT_NOT_FOUND (unknown, another draft’s, or already submitted)'),
        422: error('VALIDATION_FAILED'),
      },
      handle: async ({ params }, req, res) => {
        await service.remove(params.attachmentId, draftToken(req));
        res.status(204).end();
      },
    }),
    route({
      method: 'get',
      path: '/staff/attachments/:attachmentId',
      operationId: 'downloadAttachment',
      summary: 'Open or download a file of a submission in your department (audited)',
      chain: staff,
      params: attachmentParam,
      query: downloadQuery,
      responses: {
        200: { description: 'The stored bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        401: error('UNAUTHENTICATED'),
        403: error('FORBIDDEN'),
        404: error('ATTACHMENT_NOT_FOUND (also for another department’s file)'),
      },
      handle: async ({ params, query }, req, res) => {
        const actor = req.staff!.user;
        const file = await service.forDepartment(params.attachmentId, actor.departmentId);
        await audit(db, {
          actorType: 'staff',
          actorId: String(actor.id),
          action: query.disposition === 'inline' ? 'attachment.open' : 'attachment.download',
          target: file.referenceNumber,
          address: req.ip ?? null,
          details: { attachmentId: file.id, sha256: file.sha256 },
        });
        // Only photos open in the browser; a PDF is always a download. Nothing in it can run here.
        const inline = query.disposition === 'inline' && file.mediaType.startsWith('image/');
        res.set({
          'Content-Type': file.mediaType,
          'Content-Length': String(file.size),
          'Content-Disposition': disposition(inline ? 'inline' : 'attachment', file.name),
          'Cache-Control': 'private, no-store',
          'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
          'X-Content-Type-Options': 'nosniff',
        });
        for await (const chunk of service.read(file.id)) {
          if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
        }
        res.end();
      },
    }),
    route({
      method: 'get',
      path: '/staff/attachments/:attachmentId/thumbnail',
      operationId: 'getAttachmentThumbnail',
      summary: 'Small preview of a photo of a submission in your department (the detail view that shows it is audited)',
      chain: staff,
      params: attachmentParam,
      responses: {
        200: { description: 'JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } },
        401: error('UNAUTHENTICATED'),
        403: error('FORBIDDEN'),
        404: error('ATTACHMENT_NOT_FOUND'),
      },
      handle: async ({ params }, req, res) => {
        const file = await service.forDepartment(params.attachmentId, req.staff!.user.departmentId);
        const thumbnail = file.hasThumbnail ? await service.thumbnail(file.id) : null;
        if (!thumbnail) throw Errors.attachmentNotFound();
        res
          .set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' })
          .send(thumbnail);
      },
    }),
  ];
}
