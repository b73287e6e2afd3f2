/** A forms:check problem's place, in the words of the definition: 「申請する方について」 › 「電話番号」. */
import type { LocalizedText } from '../../shared/forms/types.ts';

type Pick = (text: LocalizedText) => string;

const unescape = (part: string) => part.replace(/~1/gu, '/').replace(/~0/gu, '~');

/** The titles along a JSON pointer into a definition (ja with its English), or the pointer's last part. */
export function placeOf(definition: unknown, pointer: string, pick: Pick): string {
  const parts = pointer.split('/').slice(1).map(unescape);
  const titles: string[] = [];
  let node: unknown = definition;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[part];
    const n = node as { title?: unknown; 'x-en'?: { title?: unknown } } | null;
    if (n && typeof n === 'object' && typeof n.title === 'string') {
      const en = typeof n['x-en']?.title === 'string' ? n['x-en'].title : n.title;
      titles.push(`「${pick({ ja: n.title, en })}」`);
    }
  }
  if (parts[0] === 'examples') titles.unshift(`examples[${parts[1] ?? ''}]`);
  return titles.length > 0 ? `${titles.join(' › ')} ` : `${parts.join(' › ')} `;
}
