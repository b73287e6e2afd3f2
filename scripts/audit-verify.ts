/**
 * npm run audit:verify — recomputes the audit log's keyed hash chain and checks it against the
 * signed checkpoints kept outside the database; exits 1 at the first problem.
 * npm run audit:verify -- --checkpoint  first appends a checkpoint of the current head (after an
 * upgrade, this anchors the entries written before the audit key existed).
 */
import { checkCheckpoints, readCheckpoints, verifyAuditLog, writeCheckpoint } from '../server/audit/checkpoints.ts';
import { verifyAuditChain } from '../server/audit/audit-log.ts';
import { loadConfig } from '../server/config.ts';
import { createDb } from '../server/db/connection.ts';

const config = loadConfig();
const db = createDb(config);
try {
  // A checkpoint only of a chain that verifies and still holds every earlier checkpoint: never bless a forgery.
  const sound = async () =>
    (await verifyAuditChain(db)).ok && (await checkCheckpoints(db, readCheckpoints(config.AUDIT_CHECKPOINT_FILE))).ok;
  if (process.argv.includes('--checkpoint') && (await sound())) {
    const written = await writeCheckpoint(db, config.AUDIT_CHECKPOINT_FILE);
    console.log(written ? `checkpoint written at entry ${written.id}` : 'no new entries since the last checkpoint');
  }
  const result = await verifyAuditLog(db, config.AUDIT_CHECKPOINT_FILE);
  if (result.ok)
    console.log(
      `audit log OK: ${result.rows} entries, chain intact, ${result.checkpoints} checkpoints match (${config.AUDIT_CHECKPOINT_FILE})`,
    );
  else {
    console.error(
      result.brokenAt ? `audit log BROKEN at entry ${result.brokenAt.id}: ${result.brokenAt.reason}` : `audit log BROKEN: ${result.reason}`,
    );
    process.exitCode = 1;
  }
} finally {
  await db.destroy();
}
