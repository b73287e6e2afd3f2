/**
 * form-definitions/versions.lock (JSON): the content hash of every definition version as recorded
 * (resolved with its shared parts), and the hash of each shared part. forms:check compares the
 * files with it, so a change under a version already recorded is found before start-up would
 * refuse it, and a changed shared part names every definition that needs a new version.
 * `npm run forms:lock` records new versions; it never rewrites a recorded one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from './definition-checks.ts';
import { SharedParts } from './shared-parts.ts';

export const LOCK_FILE = 'versions.lock';

export interface VersionLock {
  definitions: Record<string, { version: number; sha256: string; uses: string[] }>;
  parts: Record<string, string>;
}

export interface LockedVersion {
  file: string;
  id: string;
  version: number;
  sha256: string;
  uses: string[];
}

export function readLock(dir: string): VersionLock | null {
  const file = path.join(dir, LOCK_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as VersionLock;
}

/**
 * The definitions against the lock: problems (content changed under a recorded version, a version
 * older than recorded) and notes (versions not recorded yet: new or bumped, to record with forms:lock).
 */
export function lockProblems(dir: string, lock: VersionLock, current: LockedVersion[]): { problems: Problem[]; notes: Problem[] } {
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const parts = new SharedParts(dir);
  const partChanged = (ref: string) => {
    const now = parts.get(ref);
    return typeof now === 'string' || lock.parts[ref] !== now.sha256;
  };
  const needNewVersion = new Map<string, string[]>();
  for (const c of current) {
    const locked = lock.definitions[c.id];
    if (!locked || locked.version !== c.version) {
      if (locked && c.version < locked.version)
        problems.push({
          file: c.file,
          pointer: '/version',
          message: `version ${c.version} is older than the recorded version ${locked.version}`,
        });
      else
        notes.push({
          file: c.file,
          pointer: '/version',
          message: `version ${c.version} is not recorded in ${LOCK_FILE}: run npm run forms:lock (and commit it) once the definition is ready`,
        });
      continue;
    }
    if (locked.sha256 === c.sha256) continue;
    const changedParts = [...new Set([...locked.uses, ...c.uses])].filter(partChanged);
    for (const ref of changedParts) needNewVersion.set(ref, [...(needNewVersion.get(ref) ?? []), c.id]);
    problems.push({
      file: c.file,
      pointer: '/version',
      message:
        changedParts.length > 0
          ? `the shared part${changedParts.length > 1 ? 's' : ''} ${changedParts.join(', ')} changed, which changes this form: version ${c.version} was recorded with the old form, so increase "version"`
          : `the form changed but version ${c.version} was recorded with other content: increase "version"`,
    });
  }
  for (const [ref, ids] of needNewVersion)
    problems.push({ file: ref, pointer: '', message: `this shared part changed: new versions are needed for ${ids.sort().join(', ')}` });
  return { problems, notes };
}

/** Records every current version not yet in the lock (never rewriting a recorded one) and the parts' hashes. */
export function updateLock(dir: string, lock: VersionLock | null, current: LockedVersion[]): { lock: VersionLock; refused: Problem[] } {
  const next: VersionLock = { definitions: { ...(lock?.definitions ?? {}) }, parts: { ...(lock?.parts ?? {}) } };
  const refused: Problem[] = [];
  const parts = new SharedParts(dir);
  for (const c of current) {
    const locked = next.definitions[c.id];
    if (locked && locked.version === c.version && locked.sha256 !== c.sha256) {
      refused.push({
        file: c.file,
        pointer: '/version',
        message: `version ${c.version} is recorded with other content: increase "version" first`,
      });
      continue;
    }
    if (locked && c.version < locked.version) {
      refused.push({
        file: c.file,
        pointer: '/version',
        message: `version ${c.version} is older than the recorded version ${locked.version}`,
      });
      continue;
    }
    next.definitions[c.id] = { version: c.version, sha256: c.sha256, uses: c.uses };
  }
  const used = new Set(Object.values(next.definitions).flatMap((d) => d.uses));
  next.parts = {};
  for (const ref of [...used].sort()) {
    const part = parts.get(ref);
    if (typeof part !== 'string') next.parts[ref] = part.sha256;
  }
  next.definitions = Object.fromEntries(Object.entries(next.definitions).sort(([a], [b]) => a.localeCompare(b)));
  return { lock: next, refused };
}

export function writeLock(dir: string, lock: VersionLock): void {
  writeFileSync(path.join(dir, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`);
}
