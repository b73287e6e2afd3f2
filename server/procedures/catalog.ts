/**
 * The catalog of procedures: every definition file checked in full and compiled at start-up,
 * plus every earlier version a resident may still be filling in (kept in the database).
 * Either the whole catalog loads or start-up stops with every problem listed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import type { Knex } from 'knex';
import { describeErrors } from '../../shared/forms/messages.ts';
import type { FeeDefinition, ProcedureDefinition } from '../../shared/forms/types.ts';
import { isoTimestamp } from '../db/connection.ts';
import { checkDefinition, examplePointer, META_SCHEMA_FILE, metaSchemaProblems, type Problem } from './definition-checks.ts';
import { resolveSharedParts, SharedParts } from './shared-parts.ts';
import { bundleValidator, type ValidatorBundle } from './validator-bundle.ts';
import { CATALOG_FILE, loadCityCatalog, type CityCatalog } from './city-catalog.ts';

export interface CompiledVersion {
  definition: ProcedureDefinition;
  sha256: string;
  validator: ValidatorBundle;
  /** The shared parts (form-definitions/common/) its form uses; only for versions read from files. */
  uses?: string[];
}

export class DefinitionProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `${problems.length} problem(s) in form definitions:\n${problems.map((p) => `  ${p.file} ${p.pointer || '/'}: ${p.message}`).join('\n')}`,
    );
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function definitionSha256(definition: ProcedureDefinition): string {
  return sha256Hex(canonicalize(definition) ?? '');
}

const key = (id: string, version: number) => `${id}@${version}`;

export class Catalog {
  constructor(
    private readonly versions: Map<string, CompiledVersion>,
    private readonly currentVersion: Map<string, number>,
    /** Every procedure the city runs, online or not (form-definitions/catalog.json). */
    readonly city: CityCatalog | null = null,
  ) {}

  /** The version in form-definitions/ now (published or not). */
  current(id: string): CompiledVersion | undefined {
    const v = this.currentVersion.get(id);
    return v === undefined ? undefined : this.versions.get(key(id, v));
  }

  version(id: string, version: number): CompiledVersion | undefined {
    return this.versions.get(key(id, version));
  }

  /** Departments that handle at least one procedure, by id. */
  departments(): { id: string; name: { ja: string; en: string } }[] {
    const found = new Map<string, { ja: string; en: string }>();
    for (const id of this.currentVersion.keys()) {
      const d = this.current(id)!.definition.department;
      found.set(d.id, d.name);
    }
    return [...found.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id));
  }

  published(): CompiledVersion[] {
    return [...this.currentVersion.keys()].map((id) => this.current(id)!).filter((c) => c.definition.published);
  }
}

/** Reads, checks and compiles every definition file; examples are validated with the real validator. */
export async function loadDefinitionFiles(
  dir: string,
): Promise<{ compiled: CompiledVersion[]; problems: Problem[]; city: CityCatalog | null }> {
  const problems: Problem[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== META_SCHEMA_FILE && f !== CATALOG_FILE && !f.endsWith('.schema.json'))
    .sort();
  const checked: { file: string; definition: ProcedureDefinition; uses: string[] }[] = [];
  const parts = new SharedParts(dir);
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push({ file, pointer: '', message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const resolved = resolveSharedParts(raw, parts);
    problems.push(...resolved.problems.map((p) => ({ file, ...p })));
    if (resolved.problems.length > 0) continue;
    const data: unknown = resolved.definition;
    const shape = metaSchemaProblems(file, dir, data);
    problems.push(...shape);
    if (shape.length > 0) continue;
    problems.push(...checkDefinition(file, data));
    checked.push({ file, definition: data as ProcedureDefinition, uses: resolved.uses });
  }
  const seen = new Map<string, string>();
  for (const { file, definition } of checked) {
    const other = seen.get(definition.id);
    if (other) problems.push({ file, pointer: '/id', message: `id "${definition.id}" is also used by ${other}` });
    seen.set(definition.id, file);
  }
  const compiled = await Promise.all(
    checked.map(async ({ file, definition, uses }): Promise<CompiledVersion | null> => {
      let validator: ValidatorBundle;
      try {
        validator = await bundleValidator(definition.schema);
      } catch (error) {
        problems.push({ file, pointer: '/schema', message: `schema cannot be compiled into a validator: ${(error as Error).message}` });
        return null;
      }
      definition.examples.forEach((example, i) => {
        const result = validator.validate(example);
        if (!result.valid) {
          for (const e of describeErrors(definition.schema, result.errors)) {
            problems.push({ file, pointer: examplePointer(i, e.pointer), message: `example is not valid: ${e.message.en}` });
          }
        }
      });
      return { definition, sha256: definitionSha256(definition), validator, uses };
    }),
  );
  const ok = compiled.filter((c): c is CompiledVersion => c !== null);
  const { city, problems: catalogProblems } = loadCityCatalog(
    dir,
    ok.map((c) => c.definition),
  );
  return { compiled: ok, problems: [...problems, ...catalogProblems], city };
}

/** Versions stored before fees declared when they are paid ({ yen, per? } only) were paid with the application. */
export function legacyFee(definition: ProcedureDefinition): ProcedureDefinition {
  const fee = definition.fee as (Omit<FeeDefinition, 'payment'> & { payment?: FeeDefinition['payment'] }) | null;
  return fee && !fee.payment ? { ...definition, fee: { ...fee, payment: 'on_submission' } } : definition;
}

interface VersionRow {
  procedure_id: string;
  version: number;
  sha256: string;
  definition: string;
  created_at: unknown;
}

/**
 * Records each current definition version in the database (a changed definition must bump its
 * version) and compiles earlier versions still referenced by residents' drafts and submissions.
 */
export async function buildCatalog(db: Knex, dir: string): Promise<Catalog> {
  const { compiled, problems, city } = await loadDefinitionFiles(dir);
  if (problems.length > 0) throw new DefinitionProblems(problems);
  const rows = (await db<VersionRow>('definition_versions').select('*')) as VersionRow[];
  const stored = new Map(rows.map((r) => [key(r.procedure_id, r.version), r]));
  const versions = new Map<string, CompiledVersion>();
  const current = new Map<string, number>();
  const changed: Problem[] = [];
  for (const c of compiled) {
    const k = key(c.definition.id, c.definition.version);
    const row = stored.get(k);
    if (row && row.sha256 !== c.sha256) {
      changed.push({
        file: c.definition.id,
        pointer: '/version',
        message: `version ${c.definition.version} was already used with different content: increase "version"`,
      });
    }
    versions.set(k, c);
    current.set(c.definition.id, c.definition.version);
  }
  if (changed.length > 0) throw new DefinitionProblems(changed);
  const now = isoTimestamp(new Date());
  const fresh = compiled.filter((c) => !stored.has(key(c.definition.id, c.definition.version)));
  if (fresh.length > 0) {
    await db('definition_versions')
      .insert(
        fresh.map((c) => ({
          procedure_id: c.definition.id,
          version: c.definition.version,
          sha256: c.sha256,
          definition: JSON.stringify(c.definition),
          created_at: now,
        })),
      )
      .onConflict(['procedure_id', 'version'])
      .ignore();
  }
  const older = rows.filter((r) => !versions.has(key(r.procedure_id, r.version)));
  const compiledOlder = await Promise.all(
    older.map(async (r) => {
      const definition = legacyFee(JSON.parse(r.definition) as ProcedureDefinition);
      return { definition, sha256: r.sha256, validator: await bundleValidator(definition.schema) };
    }),
  );
  for (const c of compiledOlder) versions.set(key(c.definition.id, c.definition.version), c);
  return new Catalog(versions, current, city);
}
