/**
 * Input no form ever produces and no database should store: control characters (U+0000 and the
 * other C0 controls but tab, line feed and carriage return), lone surrogates (not text; PostgreSQL
 * refuses them), invisible characters that disguise text (bidi overrides and isolates, zero-width
 * spaces and joiners, the byte order mark), and keys that name a member of Object.prototype
 * (`constructor`, `toString`, `__proto__` ...: JavaScript validators can mistake them for known
 * keys). Checked on every JSON body the server receives and on the browser's answers, with one
 * message per field.
 */
import type { FieldError } from './messages.ts';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const SURROGATE = /\p{Cs}/u;
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** Member names of Object.prototype: never a field of any definition (forms:check refuses them). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function textProblem(pointer: string, s: string): FieldError | null {
  if (CONTROL.test(s)) {
    return {
      pointer,
      keyword: 'characters',
      message: {
        ja: '使えない制御文字が含まれています。入力し直してください。',
        en: 'This contains a control character that cannot be used. Please type it again.',
      },
    };
  }
  if (SURROGATE.test(s)) {
    return {
      pointer,
      keyword: 'characters',
      message: {
        ja: '文字として読み取れない部分が含まれています。入力し直してください。',
        en: 'Part of this is not valid text. Please type it again.',
      },
    };
  }
  if (INVISIBLE.test(s)) {
    return {
      pointer,
      keyword: 'characters',
      message: {
        ja: '目に見えない文字（文字の向きを変える記号やゼロ幅の文字）が含まれています。取り除いてください。',
        en: 'This contains invisible characters (direction marks or zero-width characters). Please remove them.',
      },
    };
  }
  return null;
}

/** The problems in a parsed JSON value, at most `max` of them, in document order. */
export function hostileInput(value: unknown, max = 50): FieldError[] {
  const problems: FieldError[] = [];
  // Iterative, depth-first: a hostile body must not overflow the stack.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && problems.length < max) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'string') {
      const p = textProblem(pointer, node);
      if (p) problems.push(p);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    const children: [unknown, string][] = [];
    for (const [key, child] of entries) {
      const at = `${pointer}/${escape(key)}`;
      if (!Array.isArray(node) && RESERVED_KEYS.has(key)) {
        problems.push({
          pointer: at,
          keyword: 'additionalProperties',
          message: { ja: `「${key}」は受け付けていない項目です。`, en: `"${key}" is not accepted.` },
        });
        continue;
      }
      const keyProblem = Array.isArray(node) ? null : textProblem(at, key);
      if (keyProblem) problems.push(keyProblem);
      else children.push([child, at]);
    }
    stack.push(...children.reverse());
  }
  return problems.slice(0, max);
}
