/**
 * Receives the one file of a multipart/form-data upload (field `file`) into a private temporary
 * file, streaming: busboy parses, the bytes go straight to disk, and the upload is cut off as soon
 * as it passes the question's limit. The caller removes the folder when done (`discard`).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import busboy from 'busboy';
import { Errors } from '../errors.ts';

export interface ReceivedFile {
  dir: string;
  path: string;
  /** The name the browser sent (untrusted; cleaned before it is shown). */
  name: string;
  size: number;
}

/** Multipart framing around the file: headers, boundary, the field name. */
const OVERHEAD = 16 * 1024;

export async function discard(file: ReceivedFile | null): Promise<void> {
  if (file) await rm(file.dir, { recursive: true, force: true });
}

export async function receiveFile(req: Request, maxBytes: number): Promise<ReceivedFile> {
  if (!req.is('multipart/form-data')) throw Errors.multipartRequired();
  const declared = Number(req.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + OVERHEAD) throw Errors.attachmentTooLarge(maxBytes);
  const dir = await mkdtemp(path.join(tmpdir(), 'koganei-upload-'));
  const target = path.join(dir, 'upload');
  try {
    return await new Promise<ReceivedFile>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          defParamCharset: 'utf8',
          limits: { files: 1, fields: 4, fileSize: maxBytes, parts: 5, fieldSize: 1024 },
        });
      } catch {
        reject(Errors.multipartRequired());
        return;
      }
      let writing: Promise<ReceivedFile> | null = null;
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        req.unpipe(parser);
        reject(error);
      };
      parser.on('file', (field, stream, info) => {
        if (field !== 'file' || writing) {
          stream.resume();
          return;
        }
        let size = 0;
        stream.on('data', (chunk: Buffer) => (size += chunk.length));
        stream.on('limit', () => fail(Errors.attachmentTooLarge(maxBytes)));
        writing = pipeline(stream, createWriteStream(target, { mode: 0o600 })).then(() => ({
          dir,
          path: target,
          name: info.filename ?? '',
          size,
        }));
        writing.catch(fail);
      });
      parser.on('error', () => fail(Errors.multipartInvalid()));
      parser.on('filesLimit', () => undefined);
      parser.on('close', () => {
        if (failed) return;
        if (!writing) return fail(Errors.multipartInvalid());
        writing.then((file) => (file.size === 0 ? fail(Errors.attachmentEmpty()) : resolve(file)), fail);
      });
      req.on('aborted', () => fail(Errors.multipartInvalid()));
      req.pipe(parser);
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
