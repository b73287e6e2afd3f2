/** npm run audit:verify — recomputes the audit log's hash chain; exits 1 at the first broken row. */
import { verifyAuditChain } from '../server/audit/audit-log.ts';
import { loadConfig } from '../server/config.ts';
import { createDb } from '../server/db/connection.ts';

const db = createDb(loadConfig());
try {
  const result = await verifyAuditChain(db);
  if (result.ok) console.log(`audit log OK: ${result.rows} entries, chain intact`);
  else {
    console.error(`audit log BROKEN at entry ${result.brokenAt!.id}: ${result.brokenAt!.reason}`);
    process.exitCode = 1;
  }
} finally {
  await db.destroy();
}
