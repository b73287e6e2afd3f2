/**
 * The catalog of every procedure the city runs (form-definitions/catalog.json), online or not.
 * It may not claim more than the platform does: a procedure is "online" only when a published
 * definition exists for it, and every published definition must be listed as online. All 27
 * national priority procedures must appear exactly once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { LocalizedText, ProcedureDefinition } from '../../shared/forms/types.ts';
import { ROOT_DIR } from '../config.ts';
import type { Problem } from './definition-checks.ts';

export const CATALOG_FILE = 'catalog.json';

export interface CityProcedure {
  id: string;
  name: LocalizedText;
  department: { id: string; name: LocalizedText };
  nationalPriorityId: string | null;
  highNeed: boolean;
  state: 'online' | 'planned' | 'paper';
  targetFiscalYear?: number;
  definitionId?: string;
}

export interface CityCatalog {
  goals: { allPriorityOnlineByFiscalYear: number; highNeedOnlineShare: number };
  procedures: CityProcedure[];
}

const PRIORITY_IDS = (
  JSON.parse(readFileSync(path.join(ROOT_DIR, 'shared', 'reference', 'priority-procedures.json'), 'utf8')) as {
    procedures: { id: string }[];
  }
).procedures.map((p) => p.id);

export function loadCityCatalog(
  dir: string,
  definitions: readonly ProcedureDefinition[],
): { city: CityCatalog | null; problems: Problem[] } {
  const file = path.join(dir, CATALOG_FILE);
  if (!existsSync(file)) return { city: null, problems: [] };
  const problems: Problem[] = [];
  const add = (pointer: string, message: string) => problems.push({ file: CATALOG_FILE, pointer, message });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    add('', `not valid JSON: ${(error as Error).message}`);
    return { city: null, problems };
  }
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path.join(dir, 'catalog.schema.json'), 'utf8')));
  if (!validate(data)) {
    for (const e of validate.errors ?? []) add(e.instancePath, e.message ?? 'invalid');
    return { city: null, problems };
  }
  const city = data as CityCatalog;
  const ids = new Set<string>();
  city.procedures.forEach((p, i) => {
    if (ids.has(p.id)) add(`/procedures/${i}/id`, `"${p.id}" is listed twice`);
    ids.add(p.id);
  });
  for (const id of PRIORITY_IDS) {
    const n = city.procedures.filter((p) => p.nationalPriorityId === id).length;
    if (n !== 1) add('/procedures', `national priority procedure ${id} must appear exactly once (found ${n})`);
  }
  const published = new Map(definitions.filter((d) => d.published).map((d) => [d.id, d]));
  city.procedures.forEach((p, i) => {
    if (p.nationalPriorityId !== null && !PRIORITY_IDS.includes(p.nationalPriorityId))
      add(`/procedures/${i}/nationalPriorityId`, `"${p.nationalPriorityId}" is not a national priority id`);
    if (p.state !== 'online') return;
    const d = published.get(p.definitionId ?? '');
    if (!d) add(`/procedures/${i}`, `"${p.id}" is marked online but there is no published definition "${p.definitionId}"`);
    else if (d.nationalPriorityId !== p.nationalPriorityId)
      add(`/procedures/${i}/nationalPriorityId`, `does not match definition ${d.id} (${String(d.nationalPriorityId)})`);
  });
  for (const d of published.values()) {
    if (!city.procedures.some((p) => p.state === 'online' && p.definitionId === d.id))
      add('/procedures', `published definition "${d.id}" is not listed as online in the catalog`);
  }
  return { city, problems };
}
