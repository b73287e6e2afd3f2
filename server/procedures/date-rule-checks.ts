/**
 * forms:check rules for date bounds (`x-date`, shared/forms/date-bounds.ts): only on a date
 * question; each end is "today" or { from, days?, months?, years? } with whole-number offsets;
 * `from` names today, a sibling date question or a date question by pointer; bounds on today
 * cannot exclude every day.
 */
import { todayLimits, type DateRule } from '../../shared/forms/date-bounds.ts';
import { propertySchema, schemaAt } from '../../shared/forms/schema-walk.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';

const OFFSETS = new Set(['from', 'days', 'months', 'years']);

function boundProblems(bound: unknown, at: string, root: SchemaNode, parent: SchemaNode | undefined): [string, string][] {
  if (bound === 'today') return [];
  if (typeof bound !== 'object' || bound === null || Array.isArray(bound))
    return [[at, 'a date bound is "today" or { "from": ..., "days"?: n, "months"?: n, "years"?: n }']];
  const problems: [string, string][] = [];
  const b = bound as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!OFFSETS.has(key)) problems.push([`${at}/${key}`, `unknown key "${key}" in a date bound`]);
  for (const key of ['days', 'months', 'years'])
    if (b[key] !== undefined && !Number.isInteger(b[key])) problems.push([`${at}/${key}`, `${key} must be a whole number`]);
  const from = b.from;
  if (typeof from !== 'string' || from === '') problems.push([`${at}/from`, 'from must be "today", a sibling question or a /pointer']);
  else if (from !== 'today') {
    const target = from.startsWith('/') ? schemaAt(root, from) : parent ? propertySchema(parent, from) : undefined;
    if (!target)
      problems.push([`${at}/from`, `"${from}" is not a question of this form${from.startsWith('/') ? '' : ' next to this one'}`]);
    else if (target.format !== 'date') problems.push([`${at}/from`, `"${from}" is not a date question`]);
  }
  return problems;
}

/** Problems of the `x-date` on one node; `parent` is the object node it is a property of. */
export function dateRuleProblems(node: SchemaNode, pointer: string, root: SchemaNode, parent: SchemaNode | undefined): [string, string][] {
  const raw = node['x-date'];
  if (raw === undefined) return [];
  const at = `${pointer}/x-date`;
  if (node.format !== 'date') return [[at, 'x-date belongs on a date question ("format": "date")']];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return [[at, 'x-date must be an object with notBefore and/or notAfter']];
  const rule = raw as Record<string, unknown>;
  const problems: [string, string][] = [];
  for (const key of Object.keys(rule))
    if (key !== 'notBefore' && key !== 'notAfter') problems.push([`${at}/${key}`, `unknown key "${key}" (use notBefore, notAfter)`]);
  if (rule.notBefore === undefined && rule.notAfter === undefined) problems.push([at, 'x-date needs notBefore or notAfter']);
  for (const side of ['notBefore', 'notAfter'] as const)
    if (rule[side] !== undefined) problems.push(...boundProblems(rule[side], `${at}/${side}`, root, parent));
  if (problems.length === 0) {
    const { min, max } = todayLimits(rule as DateRule, '2000-01-01');
    if (min && max && min > max) problems.push([at, 'notBefore is after notAfter: no day can be answered']);
  }
  return problems;
}
