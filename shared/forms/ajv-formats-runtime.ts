/**
 * The object ajv's standalone validator code reads function formats from (`code.formats`).
 * It is bundled into every precompiled validator, for the browser and the server alike.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { JAPANESE_FORMATS } from './formats.ts';

const japanese = Object.fromEntries(Object.entries(JAPANESE_FORMATS).map(([name, f]) => [name, f.validate]));

export const formats: Record<string, unknown> = { ...fullFormats, ...japanese };
