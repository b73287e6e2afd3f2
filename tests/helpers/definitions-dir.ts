/** A temporary form-definitions folder: the repo's definitions, changed or extended by a test. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { DEFINITIONS_DIR } from './http.ts';

export function definitionsDir(extra: Record<string, ProcedureDefinition> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'koganei-defs-'));
  cpSync(DEFINITIONS_DIR, dir, { recursive: true });
  for (const [file, def] of Object.entries(extra)) writeFileSync(path.join(dir, file), JSON.stringify(def, null, 2));
  return dir;
}
