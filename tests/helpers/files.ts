/** Files made in the test for uploads: photos (with a GPS position), HEIC, PDF, an executable, EICAR. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { call } from './http.ts';

const run = promisify(execFile);

/** A JPEG whose EXIF carries a GPS position (Koganei city hall) and a camera model. */
export function photoWithGps(width = 1200, height = 900, colour = '#3a6ea5'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'TestPhone 15' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 5955/100', GPSLongitudeRef: 'E', GPSLongitude: '139/1 30/1 1800/100' },
    })
    .toBuffer();
}

/** Noise that does not compress: a photo-sized file of about `bytes`. */
export function noisyPng(side: number): Promise<Buffer> {
  const pixels = randomBytes(side * side * 3);
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A HEIC photo made with Debian's heif-enc (libheif-examples) from a JPEG. */
export async function heicPhoto(): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'koganei-heic-'));
  try {
    writeFileSync(path.join(dir, 'in.jpg'), await photoWithGps(640, 480, '#aa3311'));
    await run('heif-enc', ['-q', '60', '-o', path.join(dir, 'out.heic'), path.join(dir, 'in.jpg')]);
    return readFileSync(path.join(dir, 'out.heic'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small, valid one-page PDF. */
export function pdfFile(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The first bytes of a Linux executable (ELF), as if renamed to photo.jpg. */
export const executable = (): Buffer => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 0x90)]);

export const draftToken = (): string => `dt_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')}`;

export interface UploadOptions {
  field: string;
  token: string;
  name?: string;
  type?: string;
  version?: number;
}

export function upload(base: string, procedureId: string, bytes: Buffer, o: UploadOptions) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: o.type ?? 'image/jpeg' }), o.name ?? 'photo.jpg');
  const query = new URLSearchParams({ field: o.field, ...(o.version ? { version: String(o.version) } : {}) });
  return call(`${base}/api/procedures/${procedureId}/attachments?${query}`, {
    method: 'POST',
    headers: { 'X-Draft-Token': o.token },
    body: form,
  });
}
