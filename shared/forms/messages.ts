/**
 * Turns ajv errors into one message per field, in polite Japanese and in English. Used by the
 * server's 422 response and by the browser's error summary, so residents read the same words.
 */
import { choicesOf, fieldLabel, pointerSegments, propertySchema, schemaAt, toPointer } from './schema-walk.ts';
import type { LocalizedText, SchemaNode } from './types.ts';

/** The subset of ajv's ErrorObject we rely on. */
export interface AjvLikeError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  parentSchema?: unknown;
}

export interface FieldError {
  pointer: string;
  keyword: string;
  message: LocalizedText;
}

type Render = (label: LocalizedText, params: Record<string, unknown>, node: SchemaNode | undefined) => LocalizedText;

const FORMAT_MESSAGES: Record<string, Render> = {
  date: (l) => ({ ja: `「${l.ja}」は、実在する日付を入力してください。`, en: `“${l.en}” must be a real date.` }),
  email: (l) => ({
    ja: `「${l.ja}」は、メールアドレスの形式で入力してください（例：name@example.jp）。`,
    en: `“${l.en}” must be an e-mail address, like name@example.jp.`,
  }),
  'jp-postal-code': (l) => ({
    ja: `「${l.ja}」は、7桁の数字で入力してください（例：184-8504）。`,
    en: `“${l.en}” must be 7 digits, like 184-8504.`,
  }),
  'jp-katakana': (l) => ({ ja: `「${l.ja}」は、全角カタカナで入力してください。`, en: `“${l.en}” must be written in katakana.` }),
  'jp-phone': (l) => ({
    ja: `「${l.ja}」は、市外局番から正しい電話番号を入力してください（例：042-383-1111）。`,
    en: `“${l.en}” must be a Japanese phone number with the area code, like 042-383-1111.`,
  }),
  'jp-my-number': (l) => ({
    ja: `「${l.ja}」は、12桁の個人番号を正しく入力してください。`,
    en: `“${l.en}” must be a valid 12-digit Individual Number.`,
  }),
  'jp-corporate-number': (l) => ({
    ja: `「${l.ja}」は、13桁の法人番号を正しく入力してください。`,
    en: `“${l.en}” must be a valid 13-digit corporate number.`,
  }),
};

const isChoice = (node: SchemaNode | undefined): boolean =>
  node?.type === 'boolean' || choicesOf(node) !== null || (node?.type === 'array' && choicesOf(node.items) !== null);

const MESSAGES: Record<string, Render> = {
  required: (l, _p, node) =>
    isChoice(node)
      ? { ja: `「${l.ja}」を選んでください。`, en: `Select an answer for “${l.en}”.` }
      : { ja: `「${l.ja}」を入力してください。`, en: `Enter an answer for “${l.en}”.` },
  format: (l, p, node) =>
    (
      FORMAT_MESSAGES[String(p.format)] ??
      ((x) => ({ ja: `「${x.ja}」の形式が正しくありません。`, en: `“${x.en}” is not in the right format.` }))
    )(l, p, node),
  minLength: (l, p, node) =>
    Number(p.limit) <= 1
      ? MESSAGES.required!(l, p, node)
      : { ja: `「${l.ja}」は、${p.limit}文字以上で入力してください。`, en: `“${l.en}” must be ${p.limit} characters or more.` },
  maxLength: (l, p) => ({
    ja: `「${l.ja}」は、${p.limit}文字以内で入力してください。`,
    en: `“${l.en}” must be ${p.limit} characters or fewer.`,
  }),
  pattern: (l) => ({ ja: `「${l.ja}」の形式が正しくありません。`, en: `“${l.en}” is not in the right format.` }),
  minimum: (l, p) => ({ ja: `「${l.ja}」は、${p.limit}以上の数を入力してください。`, en: `“${l.en}” must be ${p.limit} or more.` }),
  maximum: (l, p) => ({ ja: `「${l.ja}」は、${p.limit}以下の数を入力してください。`, en: `“${l.en}” must be ${p.limit} or less.` }),
  type: (l, p) =>
    p.type === 'integer' || p.type === 'number'
      ? { ja: `「${l.ja}」は、半角数字で入力してください。`, en: `“${l.en}” must be a number.` }
      : { ja: `「${l.ja}」の入力内容が正しくありません。`, en: `“${l.en}” is not valid.` },
  minItems: (l, p) => ({ ja: `「${l.ja}」を${p.limit}件以上入力してください。`, en: `Add at least ${p.limit} to “${l.en}”.` }),
  maxItems: (l, p) => ({ ja: `「${l.ja}」は${p.limit}件までです。`, en: `“${l.en}” can have at most ${p.limit}.` }),
  const: (l) => ({ ja: `「${l.ja}」は、選択肢から選んでください。`, en: `Select one of the options for “${l.en}”.` }),
  additionalProperties: (l) => ({
    ja: `「${l.ja}」は、この手続では受け付けていない項目です。`,
    en: `“${l.en}” is not a field of this form.`,
  }),
};
MESSAGES.unevaluatedProperties = MESSAGES.additionalProperties!;
MESSAGES.enum = MESSAGES.const!;
MESSAGES.oneOf = MESSAGES.const!;
MESSAGES.anyOf = MESSAGES.const!;

/** Keywords that only report that a sub-schema failed; the sub-schema's own errors say why. */
const WRAPPER_KEYWORDS = new Set(['if', 'allOf', 'not', 'dependencies', 'propertyNames']);
/** When a field has several errors, show the most useful one. */
const PRIORITY = [
  'required',
  'type',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'oneOf',
  'anyOf',
  'enum',
  'const',
];

function pointerOf(error: AjvLikeError): string {
  const property = error.params.missingProperty ?? error.params.additionalProperty ?? error.params.unevaluatedProperty;
  return property === undefined ? error.instancePath : error.instancePath + toPointer([String(property)]);
}

/**
 * A field declared in a conditional branch whose condition failed is reported as unevaluated;
 * that is an artifact of the failing branch (reported on its own), not an unknown field.
 */
function isDeclaredElsewhere(root: SchemaNode, error: AjvLikeError): boolean {
  if (error.keyword !== 'unevaluatedProperties') return false;
  const parent = schemaAt(root, error.instancePath);
  return parent !== undefined && propertySchema(parent, String(error.params.unevaluatedProperty)) !== undefined;
}

function rank(keyword: string): number {
  const i = PRIORITY.indexOf(keyword);
  return i < 0 ? PRIORITY.length : i;
}

/** One message per field, in the order the fields appear in the errors. */
export function describeErrors(root: SchemaNode, errors: readonly AjvLikeError[]): FieldError[] {
  const best = new Map<string, AjvLikeError>();
  for (const error of errors) {
    if (WRAPPER_KEYWORDS.has(error.keyword) || isDeclaredElsewhere(root, error)) continue;
    const pointer = pointerOf(error);
    // A choice field reports one `const` error per option plus the `oneOf`: keep the field's own.
    if (error.keyword === 'const' && /\/(oneOf|anyOf)\/\d+\/const$/u.test(String((error as { schemaPath?: string }).schemaPath ?? ''))) {
      if (!best.has(pointer)) best.set(pointer, { ...error, keyword: 'oneOf' });
      continue;
    }
    const current = best.get(pointer);
    if (!current || rank(error.keyword) < rank(current.keyword)) best.set(pointer, error);
  }
  return [...best.entries()].map(([pointer, error]) => {
    const node = schemaAt(root, pointer);
    const label = fieldLabel(root, pointer);
    const custom = (node?.['x-errors'] as Record<string, LocalizedText> | undefined)?.[error.keyword];
    const render =
      MESSAGES[error.keyword] ??
      ((l: LocalizedText) => ({ ja: `「${l.ja}」の入力内容を確認してください。`, en: `Check your answer for “${l.en}”.` }));
    return { pointer, keyword: error.keyword, message: custom ?? render(label, error.params, node) };
  });
}

/** The top-level property (step) a pointer belongs to. */
export function stepKeyOf(pointer: string): string {
  return pointerSegments(pointer)[0] ?? '';
}
