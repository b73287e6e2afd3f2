import type { Knex } from 'knex';

/**
 * Several servers on one PostgreSQL (issue 15). The audit chain's order becomes its own column,
 * `seq`, given when an entry is linked: on PostgreSQL an entry is inserted unlinked in its
 * request's transaction and linked right after commit by a short transaction that alone holds
 * the chain's lock (audit/audit-log.ts), so the one UPDATE the log still allows is the linking of
 * an unlinked entry, once. Existing entries keep their order (seq = id).
 */
const PG_GUARD = `create or replace function audit_log_append_only() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' and old.seq is null and old.prev_hash is null
       and new.seq is not null and new.hash is not null and new.prev_hash is not null
       and new.id = old.id and new.at = old.at and new.actor_type = old.actor_type
       and new.actor_id is not distinct from old.actor_id and new.action = old.action
       and new.target is not distinct from old.target and new.address is not distinct from old.address
       and new.details = old.details and new.keyed = old.keyed then
      return new;
    end if;
    raise exception 'audit_log is append-only';
  end $$`;

const PG_ORIGINAL = `create or replace function audit_log_append_only() returns trigger language plpgsql as $$
  begin raise exception 'audit_log is append-only'; end $$`;

export async function up(knex: Knex): Promise<void> {
  const pg = knex.client.config.client === 'pg';
  await knex.raw('alter table audit_log add column seq bigint');
  if (pg) {
    await knex.raw('alter table audit_log disable trigger audit_log_no_change');
    await knex.raw('update audit_log set seq = id');
    await knex.raw('alter table audit_log enable trigger audit_log_no_change');
    await knex.raw('alter table audit_log alter column prev_hash drop not null, alter column hash drop not null');
    await knex.raw(PG_GUARD);
    // Unlinked entries are found by this index (few at any time).
    await knex.raw('create index audit_log_unlinked on audit_log (id) where seq is null');
  } else {
    await knex.raw('drop trigger audit_log_no_update');
    await knex.raw('update audit_log set seq = id');
    await knex.raw(
      "create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end",
    );
  }
  await knex.raw('create unique index audit_log_seq on audit_log (seq)');
}

export async function down(knex: Knex): Promise<void> {
  const pg = knex.client.config.client === 'pg';
  await knex.raw('drop index audit_log_seq');
  if (pg) {
    await knex.raw('drop index audit_log_unlinked');
    await knex.raw(PG_ORIGINAL);
    await knex.raw('alter table audit_log disable trigger audit_log_no_change');
    await knex.raw('delete from audit_log where seq is null');
    await knex.raw('alter table audit_log enable trigger audit_log_no_change');
    await knex.raw('alter table audit_log alter column prev_hash set not null, alter column hash set not null');
  }
  // Plain SQL on both databases (knex would rebuild a SQLite table and lose its triggers).
  await knex.raw('alter table audit_log drop column seq');
}
