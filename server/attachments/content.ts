/**
 * What a file is and what is kept of it. The type comes from the bytes (file-type reads the
 * signature), never from the name or the browser's claim. Photos are re-encoded with sharp:
 * turned upright, EXIF and every other metadata dropped (a phone photo's GPS position is a home
 * address), downscaled to a size staff can read; HEIC is converted to JPEG first with Debian's
 * heif-convert (sharp's libvips has no HEVC decoder). PDFs are kept as they are.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import type { AttachmentType } from '../../shared/forms/attachments.ts';

const run = promisify(execFile);
// Every file is processed once: libvips' operation cache would only hold memory (measured: bench/uploads).
sharp.cache(false);

/** Longest side of a stored photo, in pixels: readable on a staff screen and in print. */
export const MAX_IMAGE_SIDE = 2560;
const THUMBNAIL_SIDE = 320;
/** Refuse decompression bombs: no photo has more pixels than this. */
const MAX_INPUT_PIXELS = 120_000_000;

const BY_MIME: Record<string, AttachmentType> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif-sequence': 'heic',
  'application/pdf': 'pdf',
};

/** The type of the file's bytes, or null when it is none of the types the platform takes. */
export async function detectType(file: string): Promise<{ type: AttachmentType | null; mime: string | null }> {
  const found = await fileTypeFromFile(file);
  return { type: found ? (BY_MIME[found.mime] ?? null) : null, mime: found?.mime ?? null };
}

export class UnreadableFile extends Error {}
export class ConverterMissing extends Error {}

export interface CleanImage {
  data: Buffer;
  mediaType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  thumbnail: Buffer;
}

let heifQueue: Promise<unknown> = Promise.resolve();

/** HEIC -> JPEG with heif-convert, one conversion at a time (each takes ~100 MB for a 12 MP photo). */
async function heicToJpeg(file: string, converter: string): Promise<string> {
  const out = `${file}.jpg`;
  const job = heifQueue.then(() => run(converter, ['-q', '92', file, out], { timeout: 60_000 }));
  heifQueue = job.catch(() => undefined);
  try {
    await job;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new ConverterMissing('heif-convert is not installed');
    throw new UnreadableFile('heif-convert could not read the file');
  }
  return out;
}

/** Checks that the HEIC converter runs (start-up); false when it is not installed. */
export async function heicConverterAvailable(converter: string): Promise<boolean> {
  try {
    await run(converter, ['--version'], { timeout: 10_000 });
    return true;
  } catch (error) {
    // heif-convert prints its version and exits 0 on recent libheif; older ones exit 1 after printing usage.
    return (error as { code?: unknown }).code !== 'ENOENT';
  }
}

export async function cleanImage(file: string, type: AttachmentType, heifConvert: string): Promise<CleanImage> {
  const source = type === 'heic' ? await heicToJpeg(file, heifConvert) : file;
  try {
    const pipeline = sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate() // apply the EXIF orientation, then the metadata goes
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
    const png = type === 'png';
    // libjpeg-turbo, not mozjpeg: mozjpeg's smaller files cost 6-10 times the time (bench/uploads).
    const { data, info } = await (png ? pipeline.png({ compressionLevel: 6 }) : pipeline.jpeg({ quality: 85 })).toBuffer({
      resolveWithObject: true,
    });
    // From the source: JPEG shrink-on-load makes the preview cheap.
    const thumbnail = await sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 70 })
      .toBuffer();
    return { data, mediaType: png ? 'image/png' : 'image/jpeg', width: info.width, height: info.height, thumbnail };
  } catch (error) {
    if (error instanceof UnreadableFile || error instanceof ConverterMissing) throw error;
    throw new UnreadableFile((error as Error).message);
  }
}

/** A file name safe to show and to send in Content-Disposition, with the extension of what is stored. */
export function storedName(original: string, mediaType: string): string {
  const base = path
    .basename(original.replace(/\\/gu, '/'))
    .normalize('NFC')
    // Control, bidi and zero-width characters, and those Windows refuses in names.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*]/gu, '')
    .replace(/\.[^.]*$/u, '')
    .trim()
    .slice(0, 120);
  const ext = mediaType === 'image/png' ? 'png' : mediaType === 'application/pdf' ? 'pdf' : 'jpg';
  return `${base || 'file'}.${ext}`;
}
