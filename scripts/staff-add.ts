/**
 * npm run staff:add -- --email E --password P --role clerk|supervisor|dx|admin [--department D] [--name N]
 * Creates a staff account in the configured database (SQLite, or DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { createAccount } from '../server/auth/accounts.ts';
import { loadConfig } from '../server/config.ts';
import { createDb, migrate } from '../server/db/connection.ts';
import { loadDefinitionFiles } from '../server/procedures/catalog.ts';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    department: { type: 'string' },
    name: { type: 'string' },
  },
});
if (!values.email || !values.password || !values.role) {
  console.error('usage: npm run staff:add -- --email E --password P --role clerk|supervisor|dx|admin [--department D] [--name N]');
  process.exit(2);
}
const config = loadConfig();
const db = createDb(config);
try {
  await migrate(db);
  const { compiled } = await loadDefinitionFiles(config.FORM_DEFINITIONS_DIR);
  const departments = [...new Set(compiled.map((c) => c.definition.department.id))].sort();
  const user = await createAccount(
    db,
    {
      email: values.email,
      password: values.password,
      role: values.role,
      departmentId: values.department ?? null,
      displayName: values.name,
    },
    departments,
  );
  console.log(`created ${user.role} ${user.email}${user.departmentId ? ` (${user.departmentId})` : ''}`);
} catch (error) {
  console.error(`staff:add: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
