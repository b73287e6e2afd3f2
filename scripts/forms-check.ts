/**
 * npm run forms:check — checks every definition in form-definitions/ in full, exactly as
 * start-up does (without a database), and lists every problem with file and JSON pointer.
 */
import { loadConfig } from '../server/config.ts';
import { loadDefinitionFiles } from '../server/procedures/catalog.ts';

const config = loadConfig({ ...process.env, APP_SECRET: process.env.APP_SECRET ?? 'x'.repeat(32) });
const { compiled, problems, city } = await loadDefinitionFiles(config.FORM_DEFINITIONS_DIR);
for (const p of problems) console.error(`${p.file} ${p.pointer || '/'}: ${p.message}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) found in form definitions.`);
  process.exit(1);
}
console.log(`${compiled.length} definitions OK: ${compiled.map((c) => `${c.definition.id}@${c.definition.version}`).join(', ')}`);
if (city)
  console.log(`catalog OK: ${city.procedures.length} procedures, ${city.procedures.filter((p) => p.state === 'online').length} online`);
