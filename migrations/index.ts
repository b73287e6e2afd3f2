/**
 * The ordered list of migrations. Add each new timestamped file here (a unit test fails when a
 * file in this folder is missing from the list). Every migration has `up` and `down`.
 */
import type { Knex } from 'knex';
import * as definitionVersions from './20261123090000_definition_versions.ts';
import * as submissions from './20261123090100_submissions.ts';
import * as staffAccounts from './20261123100000_staff_accounts.ts';
import * as auditLog from './20261123100100_audit_log.ts';
import * as reviewQueue from './20261123100200_review_queue.ts';
import * as mailOutbox from './20261123100300_mail_outbox.ts';
import * as dashboard from './20261123110000_dashboard.ts';
import * as payments from './20261124090000_payments.ts';
import * as hardening from './20261202090000_hardening.ts';
import * as attachments from './20261202120000_attachments.ts';
import * as staffSecondFactor from './20261202130000_staff_second_factor.ts';
import * as residentIdentity from './20261203100000_resident_identity.ts';
import * as scaleOut from './20261203200000_scale_out.ts';
import * as signatures from './20261204090000_signatures.ts';
import * as definitionPreviews from './20261205090000_definition_previews.ts';
import * as processingPeriod from './20261206090000_processing_period.ts';

type Migration = { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> };

export const MIGRATIONS: Record<string, Migration> = {
  '20261123090000_definition_versions': definitionVersions,
  '20261123090100_submissions': submissions,
  '20261123100000_staff_accounts': staffAccounts,
  '20261123100100_audit_log': auditLog,
  '20261123100200_review_queue': reviewQueue,
  '20261123100300_mail_outbox': mailOutbox,
  '20261123110000_dashboard': dashboard,
  '20261124090000_payments': payments,
  '20261202090000_hardening': hardening,
  '20261202120000_attachments': attachments,
  '20261202130000_staff_second_factor': staffSecondFactor,
  '20261203100000_resident_identity': residentIdentity,
  '20261203200000_scale_out': scaleOut,
  '20261204090000_signatures': signatures,
  '20261205090000_definition_previews': definitionPreviews,
  '20261206090000_processing_period': processingPeriod,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name]!,
};
