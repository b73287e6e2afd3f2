/**
 * forms:check rules for attachment questions (shared/forms/attachments.ts): `x-attachment` only on
 * an attachment question, accepted types from the fixed list, a per-file limit the upload route
 * can honour, and for a list the number of files stated once (maxFiles equal to maxItems).
 */
import {
  ATTACHMENT_FORMAT,
  ATTACHMENT_TYPE_NAMES,
  isAttachmentQuestion,
  isAttachmentString,
  MAX_BYTES_LIMIT,
  MAX_FILES_LIMIT,
} from '../../shared/forms/attachments.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';

const OPTION_KEYS = new Set(['accept', 'maxBytes', 'maxFiles']);

export function attachmentProblems(node: SchemaNode, pointer: string): [string, string][] {
  const problems: [string, string][] = [];
  const raw = node['x-attachment'];
  if (node.format === ATTACHMENT_FORMAT && node.type !== 'string')
    problems.push([
      `${pointer}/format`,
      'format "attachment" is for a string answer (the file\'s id); use an array of them for several files',
    ]);
  if (raw === undefined) return problems;
  const at = `${pointer}/x-attachment`;
  if (!isAttachmentQuestion(node)) {
    problems.push([at, 'x-attachment belongs on an attachment question: a string with "format": "attachment", or an array of them']);
    return problems;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [[at, 'x-attachment must be an object']];
  const options = raw as Record<string, unknown>;
  for (const key of Object.keys(options))
    if (!OPTION_KEYS.has(key)) problems.push([`${at}/${key}`, `unknown option "${key}" (options: accept, maxBytes, maxFiles)`]);
  const accept = options.accept;
  if (accept !== undefined) {
    if (!Array.isArray(accept) || accept.length === 0)
      problems.push([`${at}/accept`, `accept must list one or more of ${ATTACHMENT_TYPE_NAMES.join(', ')}`]);
    else {
      accept.forEach((t, i) => {
        if (!ATTACHMENT_TYPE_NAMES.includes(t as never))
          problems.push([`${at}/accept/${i}`, `"${String(t)}" is not an accepted type (${ATTACHMENT_TYPE_NAMES.join(', ')})`]);
      });
      if (new Set(accept).size !== accept.length) problems.push([`${at}/accept`, 'accept lists a type twice']);
    }
  }
  const maxBytes = options.maxBytes;
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || (maxBytes as number) < 1024 || (maxBytes as number) > MAX_BYTES_LIMIT))
    problems.push([`${at}/maxBytes`, `maxBytes must be a whole number of bytes from 1024 to ${MAX_BYTES_LIMIT}`]);
  const maxFiles = options.maxFiles;
  if (isAttachmentString(node)) {
    if (maxFiles !== undefined) problems.push([`${at}/maxFiles`, 'one answer holds one file: use an array of attachments for several']);
    return problems;
  }
  if (maxFiles !== undefined && (!Number.isInteger(maxFiles) || (maxFiles as number) < 1 || (maxFiles as number) > MAX_FILES_LIMIT))
    problems.push([`${at}/maxFiles`, `maxFiles must be a whole number from 1 to ${MAX_FILES_LIMIT}`]);
  else if (maxFiles !== undefined && node.maxItems !== undefined && node.maxItems !== maxFiles)
    problems.push([
      `${at}/maxFiles`,
      `maxFiles (${String(maxFiles)}) differs from the list's maxItems (${node.maxItems}): state the same number`,
    ]);
  if ((node.maxItems ?? 0) > MAX_FILES_LIMIT) problems.push([`${pointer}/maxItems`, `at most ${MAX_FILES_LIMIT} files per question`]);
  return problems;
}
