/**
 * zod issues -> the API's field errors ({ pointer, keyword, message: { ja, en } }). A schema can
 * carry its own Japanese and English message with `says(ja, en)`; every other issue gets a plain
 * message by kind. Values are never copied into messages.
 */
import type { z } from 'zod';
import type { FieldError } from '../../shared/forms/messages.ts';
import { fieldError } from '../errors.ts';

const MARK = '\u0001';

/** A message in both languages, for zod's `error` parameter: z.string({ error: says(ja, en) }). */
export function says(ja: string, en: string): string {
  return `${MARK}${ja}${MARK}${en}`;
}

function decode(message: string): { ja: string; en: string } | null {
  if (!message.startsWith(MARK)) return null;
  const [, ja = '', en = ''] = message.split(MARK);
  return { ja, en };
}

const escape = (segment: PropertyKey) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
const pointerOf = (path: readonly PropertyKey[]) => (path.length === 0 ? '' : `/${path.map(escape).join('/')}`);

type Issue = z.core.$ZodIssue;

function keywordOf(i: Issue): string {
  if (i.code === 'invalid_type') return i.input === undefined ? 'required' : 'type';
  if (i.code === 'too_small' || i.code === 'too_big') return 'range';
  if (i.code === 'invalid_value') return 'enum';
  return 'format';
}

function bound(i: Issue): { ja: string; en: string } | null {
  if (i.code !== 'too_small' && i.code !== 'too_big') return null;
  const big = i.code === 'too_big';
  const n = Number(big ? i.maximum : i.minimum);
  if (i.origin === 'string') {
    if (!big && n <= 1) return { ja: '入力してください。', en: 'This is required.' };
    return big
      ? { ja: `${n}文字以内で入力してください。`, en: `Use at most ${n} characters.` }
      : { ja: `${n}文字以上で入力してください。`, en: `Use at least ${n} characters.` };
  }
  if (i.origin === 'array' || i.origin === 'set') {
    return big
      ? { ja: `${n}件以内にしてください。`, en: `Give at most ${n} items.` }
      : { ja: `${n}件以上にしてください。`, en: `Give at least ${n} items.` };
  }
  return big
    ? { ja: `${n}以下の値にしてください。`, en: `Use a value of at most ${n}.` }
    : { ja: `${n}以上の値にしてください。`, en: `Use a value of at least ${n}.` };
}

function generic(i: Issue, keyword: string): { ja: string; en: string } {
  if (keyword === 'required') return { ja: '入力してください。', en: 'This is required.' };
  if (keyword === 'type') return { ja: '値の種類が正しくありません。', en: 'This value has the wrong type.' };
  if (keyword === 'enum') return { ja: '選べる値ではありません。', en: 'This is not one of the allowed values.' };
  return bound(i) ?? { ja: '形式が正しくありません。', en: 'The format is not valid.' };
}

export function fieldErrors(issues: readonly Issue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) {
        out.push(
          fieldError(pointerOf([...i.path, k]), 'additionalProperties', `「${k}」は受け付けていない項目です。`, `"${k}" is not accepted.`),
        );
      }
      continue;
    }
    const keyword = keywordOf(i);
    const message = decode(i.message) ?? generic(i, keyword);
    out.push(fieldError(pointerOf(i.path), keyword, message.ja, message.en));
  }
  return out;
}
