/**
 * npm run forms:check — checks every definition in form-definitions/ in full, exactly as
 * start-up does (without a database), and lists every problem with file and JSON pointer; then
 * compares each version with form-definitions/versions.lock, so that a form changed under a
 * version already recorded (directly, or through a shared part in common/) is named here.
 * npm run forms:lock (--lock) records new versions in the lock.
 */
import { loadConfig } from '../server/config.ts';
import { loadDefinitionFiles } from '../server/procedures/catalog.ts';
import { examplePointer } from '../server/procedures/definition-checks.ts';
import { dateBoundProblems, japanToday } from '../shared/forms/date-bounds.ts';
import { LOCK_FILE, lockProblems, readLock, updateLock, writeLock, type LockedVersion } from '../server/procedures/version-lock.ts';

const config = loadConfig({ ...process.env, APP_SECRET: process.env.APP_SECRET ?? 'x'.repeat(32) });
const dir = config.FORM_DEFINITIONS_DIR;
const { compiled, problems, city } = await loadDefinitionFiles(dir);
const current: LockedVersion[] = compiled.map((c) => ({
  file: c.file ?? c.definition.id,
  id: c.definition.id,
  version: c.definition.version,
  sha256: c.sha256,
  uses: c.uses ?? [],
}));
// Start-up leaves out bounds relative to today for examples (they must not stop a server as time
// passes); here, an example that today's bounds refuse is named so that its author updates it.
const today = japanToday(new Date());
for (const c of compiled)
  c.definition.examples.forEach((example, i) => {
    const late = dateBoundProblems(c.definition.schema, example, today).filter(
      (p) => !dateBoundProblems(c.definition.schema, example, null).some((q) => q.pointer === p.pointer),
    );
    for (const p of late)
      problems.push({
        file: c.file ?? c.definition.id,
        pointer: examplePointer(i, p.pointer),
        message: `example is out of date (${today}): ${p.message.en}`,
      });
  });
const lock = readLock(dir);
const checked = lock ? lockProblems(dir, lock, current) : { problems: [], notes: [] };
const all = [...problems, ...checked.problems];
for (const p of all) console.error(`${p.file} ${p.pointer || '/'}: ${p.message}`);
if (all.length > 0) {
  console.error(`\n${all.length} problem(s) found in form definitions.`);
  process.exit(1);
}
if (process.argv.includes('--lock')) {
  const { lock: next, refused } = updateLock(dir, lock, current);
  for (const p of refused) console.error(`${p.file} ${p.pointer || '/'}: ${p.message}`);
  if (refused.length > 0) process.exit(1);
  writeLock(dir, next);
  console.log(
    `${LOCK_FILE} records ${Object.keys(next.definitions).length} definitions and ${Object.keys(next.parts).length} shared parts.`,
  );
} else {
  for (const p of checked.notes) console.log(`note: ${p.file}: ${p.message}`);
}
console.log(`${compiled.length} definitions OK: ${compiled.map((c) => `${c.definition.id}@${c.definition.version}`).join(', ')}`);
if (city)
  console.log(`catalog OK: ${city.procedures.length} procedures, ${city.procedures.filter((p) => p.state === 'online').length} online`);
