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
import { dateBoundProblems } from '../../shared/forms/date-bounds.ts';
import type { FeeDefinition, ProcessingPeriod, ProcedureDefinition } from '../../shared/forms/types.ts';
import type { WorkflowRules } from '../../shared/workflow.ts';
import { isoTimestamp } from '../db/connection.ts';
import { checkDefinition, examplePointer, META_SCHEMA_FILE, metaSchemaProblems, type Problem } from './definition-checks.ts';
import { resolveSharedParts, SharedParts } from './shared-parts.ts';
import { bundleValidator, type ValidatorBundle } from './validator-bundle.ts';
import { CATALOG_FILE, loadCityCatalog, type CityCatalog } from './city-catalog.ts';

export interface CompiledVersion {
  definition: ProcedureDefinition;
  sha256: string;
  validator: ValidatorBundle;
  /** The shared parts (form-definitions/common/) its form uses, and its file; only for versions read from files. */
  uses?: string[];
  file?: string;
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

/** The parts of a definition the status workflow depends on. */
export interface ProcedureRules extends WorkflowRules {
  processingPeriod: ProcessingPeriod | null;
}

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

  /** What the workflow of a submission filed under this version follows (its snapshot, not today's definition). */
  readonly rules = (id: string, version: number): ProcedureRules => {
    const d = this.version(id, version)?.definition;
    return { approveOnReceipt: d?.approveOnReceipt === true, processingPeriod: d?.processingPeriod ?? null };
  };

  /** Departments that handle at least one procedure, by id. */
  departments(): { id: string; name: { ja: string; en: string } }[] {
    const found = new Map<string, { ja: string; en: string }>();
    for (const id of this.currentVersion.keys()) {
      const d = this.current(id)!.definition.department;
      found.set(d.id, d.name);
    }
    return [...found.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The current version of every procedure, published or not. */
  all(): CompiledVersion[] {
    return [...this.currentVersion.keys()].map((id) => this.current(id)!);
  }

  published(): CompiledVersion[] {
    return [...this.currentVersion.keys()].map((id) => this.current(id)!).filter((c) => c.definition.published);
  }
}

/** One definition file's parsed content, resolved with its shared parts and checked (nothing compiled yet). */
export function checkDefinitionData(
  file: string,
  raw: unknown,
  dir: string,
  parts: SharedParts = new SharedParts(dir),
): { definition: ProcedureDefinition | null; uses: string[]; problems: Problem[] } {
  const resolved = resolveSharedParts(raw, parts);
  if (resolved.problems.length > 0) return { definition: null, uses: [], problems: resolved.problems.map((p) => ({ file, ...p })) };
  const shape = metaSchemaProblems(file, dir, resolved.definition);
  if (shape.length > 0) return { definition: null, uses: [], problems: shape };
  const problems = checkDefinition(file, resolved.definition);
  return { definition: resolved.definition as unknown as ProcedureDefinition, uses: resolved.uses, problems };
}

/** Compiles a checked definition and validates its examples with the real validator. */
export async function compileDefinition(
  file: string,
  definition: ProcedureDefinition,
  uses: string[],
): Promise<{ compiled: CompiledVersion | null; problems: Problem[] }> {
  const problems: Problem[] = [];
  let validator: ValidatorBundle;
  try {
    validator = await bundleValidator(definition.schema);
  } catch (error) {
    problems.push({ file, pointer: '/schema', message: `schema cannot be compiled into a validator: ${(error as Error).message}` });
    return { compiled: null, problems };
  }
  definition.examples.forEach((example, i) => {
    const result = validator.validate(example);
    // Bounds between answers (a due date not before the diagnosis); bounds on today are checked by forms:check.
    for (const e of dateBoundProblems(definition.schema, example, null))
      problems.push({
        file,
        pointer: examplePointer(i, e.pointer),
        message: `example is not valid: ${e.message.en}`,
        ja: `例（examples）の回答が正しくありません：${e.message.ja}`,
      });
    if (!result.valid) {
      const described = describeErrors(definition.schema, result.errors);
      for (const e of described) {
        problems.push({
          file,
          pointer: examplePointer(i, e.pointer),
          message: `example is not valid: ${e.message.en}`,
          ja: `例（examples）の回答が正しくありません：${e.message.ja}`,
        });
      }
      // Errors a resident never sees (an answer to a question of a branch not taken) still make it invalid.
      if (described.length === 0)
        for (const e of result.errors)
          problems.push({
            file,
            pointer: examplePointer(i, e.instancePath),
            message: `example is not valid: ${e.keyword} ${JSON.stringify(e.params)}`,
          });
    }
  });
  return { compiled: { definition, sha256: definitionSha256(definition), validator, uses, file }, problems };
}

/** The definition files of a folder (not the meta-schemas, the city catalog or the shared parts). */
export function definitionFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== META_SCHEMA_FILE && f !== CATALOG_FILE && !f.endsWith('.schema.json'))
    .sort();
}

/** Reads, checks and compiles every definition file; examples are validated with the real validator. */
export async function loadDefinitionFiles(
  dir: string,
): Promise<{ compiled: CompiledVersion[]; problems: Problem[]; city: CityCatalog | null }> {
  const problems: Problem[] = [];
  const checked: { file: string; definition: ProcedureDefinition; uses: string[] }[] = [];
  const parts = new SharedParts(dir);
  for (const file of definitionFiles(dir)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push({ file, pointer: '', message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const result = checkDefinitionData(file, raw, dir, parts);
    problems.push(...result.problems);
    if (result.definition) checked.push({ file, definition: result.definition, uses: result.uses });
  }
  const seen = new Map<string, string>();
  for (const { file, definition } of checked) {
    const other = seen.get(definition.id);
    if (other) problems.push({ file, pointer: '/id', message: `id "${definition.id}" is also used by ${other}` });
    seen.set(definition.id, file);
  }
  const results = await Promise.all(checked.map(({ file, definition, uses }) => compileDefinition(file, definition, uses)));
  const ok = results.flatMap((r) => (r.compiled ? [r.compiled] : []));
  for (const r of results) problems.push(...r.problems);
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
