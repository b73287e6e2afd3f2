/**
 * Dates that make sense: a definition bounds a date answer relative to today or to another
 * answer with `x-date` (docs/form-definitions.md):
 *
 *   "x-date": { "notAfter": "today" }                                   not in the future
 *   "x-date": { "notAfter": { "from": "today", "years": -18 } }         an adult's birth date
 *   "x-date": { "notBefore": { "from": "diagnosisDate" } }              not before a sibling answer
 *   "x-date": { "notBefore": { "from": "/child/birthDate" } }           ... or any answer, by pointer
 *   "x-date": { "notBefore": "today", "notAfter": { "from": "today", "days": 60 } }
 *
 * Both ends are inclusive. The same function runs in the browser (before the resident moves on)
 * and on the server (which refuses), with "today" the calendar day in Japan. A bound on an answer
 * that is missing or not yet a date is not applied: that answer's own error says what is wrong.
 */
import { formatDateBoth, isValidIsoDate } from '../japanese/wareki.ts';
import type { FieldError } from './messages.ts';
import { fieldLabel, getByPointer, localizedLabel, propertySchemas, schemaAt, toPointer } from './schema-walk.ts';
import type { LocalizedText, SchemaNode } from './types.ts';

export interface RelativeDate {
  /** "today", a sibling answer's key, or an answer's JSON pointer from the root ("/child/birthDate"). */
  from: string;
  days?: number;
  months?: number;
  years?: number;
}
export type DateBound = 'today' | RelativeDate;
export interface DateRule {
  notBefore?: DateBound;
  notAfter?: DateBound;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar day in Japan at an instant (UTC+9 all year). */
export function japanToday(now: Date): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

const relative = (bound: DateBound): RelativeDate => (bound === 'today' ? { from: 'today' } : bound);

/** An ISO date moved by years, months and days; the 29th–31st fall back to the month's last day (2024-02-29 − 1 year = 2023-02-28). */
export function shiftDate(iso: string, by: Omit<RelativeDate, 'from'>): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + (by.years ?? 0) * 12 + (by.months ?? 0);
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(d, lastDay)) + (by.days ?? 0) * 86_400_000);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** The rule on a node, when it is a date question with one. */
export function dateRuleOf(node: SchemaNode | undefined): DateRule | null {
  const rule = node?.['x-date'];
  return rule && typeof rule === 'object' ? (rule as DateRule) : null;
}

/**
 * The earliest and latest dates a rule allows that depend on today only (for the 和暦 widget's
 * eras); bounds on other answers are left out.
 */
export function todayLimits(rule: DateRule | null, today: string): { min?: string; max?: string } {
  const limit = (bound: DateBound | undefined) => {
    if (!bound) return undefined;
    const r = relative(bound);
    return r.from === 'today' ? shiftDate(today, r) : undefined;
  };
  return { min: limit(rule?.notBefore), max: limit(rule?.notAfter) };
}

interface Scope {
  root: SchemaNode;
  answers: unknown;
  /** Null: bounds relative to today are not applied (a definition's examples at start-up). */
  today: string | null;
  problems: FieldError[];
}

function resolve(bound: DateBound, siblings: Record<string, unknown>, scope: Scope): { date: string; answer?: string } | null {
  const r = relative(bound);
  let base: unknown;
  let answer: string | undefined;
  if (r.from === 'today') base = scope.today ?? undefined;
  else {
    answer = r.from;
    base = r.from.startsWith('/') ? getByPointer(scope.answers, r.from) : Object.hasOwn(siblings, r.from) ? siblings[r.from] : undefined;
  }
  if (typeof base !== 'string' || !isValidIsoDate(base)) return null;
  const shifted = shiftDate(base, r);
  return { date: shifted, answer: answer && !r.days && !r.months && !r.years ? answer : undefined };
}

/** The other answer a message names: by its own title when it sits next to this one (in the same list item). */
function referencedLabel(scope: Scope, pointer: string, from: string): LocalizedText {
  if (from.startsWith('/')) return fieldLabel(scope.root, from);
  return localizedLabel(schemaAt(scope.root, `${pointer.slice(0, pointer.lastIndexOf('/'))}${toPointer([from])}`), from);
}

function message(
  side: 'notBefore' | 'notAfter',
  label: LocalizedText,
  limit: { date: string; answer?: string },
  scope: Scope,
  pointer: string,
  isToday: boolean,
): LocalizedText {
  if (isToday && limit.date === scope.today) {
    return side === 'notAfter'
      ? { ja: `「${label.ja}」に、今日より後の日付は入力できません。`, en: `“${label.en}” cannot be later than today.` }
      : { ja: `「${label.ja}」は、今日以降の日付を入力してください。`, en: `“${label.en}” must be today or later.` };
  }
  if (limit.answer) {
    const other = referencedLabel(scope, pointer, limit.answer);
    return side === 'notAfter'
      ? { ja: `「${label.ja}」は、「${other.ja}」以前の日付を入力してください。`, en: `“${label.en}” must be on or before “${other.en}”.` }
      : { ja: `「${label.ja}」は、「${other.ja}」以降の日付を入力してください。`, en: `“${label.en}” must be on or after “${other.en}”.` };
  }
  const ja = formatDateBoth(limit.date, 'ja');
  const en = formatDateBoth(limit.date, 'en');
  return side === 'notAfter'
    ? { ja: `「${label.ja}」は、${ja}以前の日付を入力してください。`, en: `“${label.en}” must be on or before ${en}.` }
    : { ja: `「${label.ja}」は、${ja}以降の日付を入力してください。`, en: `“${label.en}” must be on or after ${en}.` };
}

function checkDate(node: SchemaNode, value: string, pointer: string, siblings: Record<string, unknown>, scope: Scope): void {
  const rule = dateRuleOf(node);
  if (!rule || !isValidIsoDate(value)) return;
  for (const side of ['notBefore', 'notAfter'] as const) {
    const bound = rule[side];
    if (!bound) continue;
    const limit = resolve(bound, siblings, scope);
    if (!limit || (side === 'notBefore' ? value >= limit.date : value <= limit.date)) continue;
    const custom = (node['x-errors'] as Record<string, LocalizedText> | undefined)?.[side];
    const label = fieldLabel(scope.root, pointer);
    scope.problems.push({
      pointer,
      keyword: side,
      message: custom ?? message(side, label, limit, scope, pointer, relative(bound).from === 'today'),
    });
    return;
  }
}

function visit(node: SchemaNode, value: unknown, pointer: string, siblings: Record<string, unknown>, scope: Scope, depth: number): void {
  if (depth > 32) return;
  if (typeof value === 'string') return checkDate(node, value, pointer, siblings, scope);
  if (Array.isArray(value)) {
    if (node.items) value.forEach((item, i) => visit(node.items!, item, `${pointer}/${i}`, {}, scope, depth + 1));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  for (const [key, child] of propertySchemas(node)) {
    if (Object.hasOwn(object, key)) visit(child, object[key], pointer + toPointer([key]), object, scope, depth + 1);
  }
}

/**
 * Every date answer outside its bounds, one message per field, in the order of the schema.
 * `today` null leaves out the bounds relative to today (examples must not fail start-up as time passes).
 */
export function dateBoundProblems(root: SchemaNode, answers: unknown, today: string | null): FieldError[] {
  if (!hasDateRules(root)) return [];
  const scope: Scope = { root, answers, today, problems: [] };
  visit(root, answers, '', {}, scope, 0);
  return scope.problems;
}

const ruled = new WeakMap<SchemaNode, boolean>();

/** Whether a schema has any date rule (so the check can be skipped for forms without one); kept per schema. */
export function hasDateRules(root: SchemaNode): boolean {
  const known = ruled.get(root);
  if (known !== undefined) return known;
  const found = findsDateRule(root);
  ruled.set(root, found);
  return found;
}

function findsDateRule(root: SchemaNode): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node) && 'x-date' in node) return true;
    stack.push(...Object.values(node));
  }
  return false;
}
