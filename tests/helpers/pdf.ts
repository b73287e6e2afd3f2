/** Text of a PDF, as pdftotext (poppler-utils) reads it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(tmpdir(), 'pdf-'));

export function pdfText(bytes: Buffer): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** pdfinfo's report, and the logical structure with its text (`pdfinfo -struct-text`: tagged PDFs only). */
export function pdfStructure(bytes: Buffer): { info: string; structure: string } {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return {
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    structure: execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' }),
  };
}
