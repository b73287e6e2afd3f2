/**
 * Previews of a definition before it is published: staff of the owning department (clerk,
 * supervisor) or the DX office open an unpublished definition of the catalog, or upload a copy of
 * a definition file (new or changed), exactly as a resident would see it. The copy is checked in
 * full as forms:check and start-up check it (shared parts, meta-schema, content, compile,
 * examples); its problems are returned for the page to list. Only the definition is kept, for an
 * hour, so that any server behind the balancer can serve the preview; nothing typed into a
 * preview is sent or stored (the pages keep it in memory and never file it).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { StaffUser } from '../auth/roles.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import type { Problem } from '../procedures/definition-checks.ts';
import { problemInJapanese } from './problem-text.ts';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { type Catalog, checkDefinitionData, compileDefinition, type CompiledVersion, definitionSha256 } from '../procedures/catalog.ts';

export const PREVIEW_MINUTES = 60;
const UPLOAD_FILE = 'uploaded.json';

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export interface PreviewSummary {
  id: string;
  version: number;
  title: { ja: string; en: string };
  published: boolean;
  department: { id: string; name: { ja: string; en: string } };
}

interface PreviewRow {
  id: string;
  staff_user_id: number;
  department_id: string;
  definition: string;
  expires_at: unknown;
}

/** Staff of the definition's department, or the DX office (which owns no department). */
export function mayPreview(user: StaffUser, departmentId: string): boolean {
  return user.role === 'dx' || ((user.role === 'clerk' || user.role === 'supervisor') && user.departmentId === departmentId);
}

export class DefinitionPreviews {
  /** Compiled previews of this server, by stored id (compiling takes a moment). */
  private readonly compiled = new Map<string, Promise<CompiledVersion>>();

  constructor(
    private readonly db: Knex,
    private readonly catalog: Catalog,
    private readonly definitionsDir: string,
  ) {}

  /** The catalog's definitions this person may preview: unpublished ones first. */
  list(user: StaffUser): PreviewSummary[] {
    return this.catalog
      .all()
      .filter((c) => mayPreview(user, c.definition.department.id))
      .map(({ definition: d }) => ({
        id: d.id,
        version: d.version,
        title: d.title,
        published: d.published,
        department: { id: d.department.id, name: d.department.name },
      }))
      .sort((a, b) => Number(a.published) - Number(b.published) || a.id.localeCompare(b.id));
  }

  /** A preview of a catalog definition, or of an uploaded copy (checked in full; 422 with its problems). */
  async create(
    user: StaffUser,
    input: { procedureId?: string | undefined; definition?: unknown },
  ): Promise<{ previewId: string; compiled: CompiledVersion }> {
    let compiledNow: CompiledVersion;
    if (input.definition !== undefined) {
      const checked = checkDefinitionData(UPLOAD_FILE, input.definition, this.definitionsDir);
      const department = checked.definition?.department.id ?? departmentOf(input.definition);
      if (department !== null && !mayPreview(user, department)) throw Errors.previewOtherDepartment();
      if (!checked.definition || checked.problems.length > 0) throw Errors.definitionProblems(worded(checked.problems));
      const { compiled, problems } = await compileDefinition(UPLOAD_FILE, checked.definition, checked.uses);
      if (!compiled || problems.length > 0) throw Errors.definitionProblems(worded(problems));
      compiledNow = compiled;
    } else {
      const current = this.catalog.current(input.procedureId ?? '');
      if (!current || !mayPreview(user, current.definition.department.id)) throw Errors.procedureNotFound();
      compiledNow = current;
    }
    const definition = compiledNow.definition;
    const previewId = randomBytes(18).toString('base64url');
    const now = new Date();
    await this.db('definition_previews').insert({
      id: hashId(previewId),
      staff_user_id: user.id,
      department_id: definition.department.id,
      definition: JSON.stringify(definition),
      created_at: isoTimestamp(now),
      expires_at: isoTimestamp(new Date(now.getTime() + PREVIEW_MINUTES * 60_000)),
    });
    // Compiled already (checked here, or the catalog's own): this server keeps it for the preview's requests.
    this.remember(hashId(previewId), Promise.resolve(compiledNow));
    return { previewId, compiled: compiledNow };
  }

  private remember(id: string, pending: Promise<CompiledVersion>): void {
    pending.catch(() => this.compiled.delete(id));
    this.compiled.set(id, pending);
    // Keep the few most recent: each holds a compiled validator.
    while (this.compiled.size > 20) this.compiled.delete(this.compiled.keys().next().value!);
  }

  /** An open preview this person may see (their department's, or any for the DX office), or 404. */
  async get(user: StaffUser, previewId: string): Promise<CompiledVersion> {
    const id = hashId(previewId);
    const row = (await this.db<PreviewRow>('definition_previews').where({ id }).first()) as PreviewRow | undefined;
    if (!row || new Date(isoTimestamp(row.expires_at)).getTime() <= Date.now() || !mayPreview(user, row.department_id))
      throw Errors.previewNotFound();
    const cached = this.compiled.get(id);
    if (cached) return cached;
    const definition = JSON.parse(row.definition) as ProcedureDefinition;
    // A catalog definition is compiled already; an uploaded copy is compiled once per server.
    const inCatalog = this.catalog.version(definition.id, definition.version);
    const pending =
      inCatalog && inCatalog.sha256 === definitionSha256(definition)
        ? Promise.resolve(inCatalog)
        : compileDefinition(UPLOAD_FILE, definition, []).then(({ compiled }) => {
            if (!compiled) throw Errors.previewNotFound();
            return compiled;
          });
    this.remember(id, pending);
    return pending;
  }
}

const worded = (problems: Problem[]) => problems.map((p) => ({ ...p, ja: problemInJapanese(p) }));

function departmentOf(data: unknown): string | null {
  const d = (data as { department?: { id?: unknown } } | null)?.department?.id;
  return typeof d === 'string' ? d : null;
}
