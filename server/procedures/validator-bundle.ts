/**
 * Compiles one definition version into a precompiled validator module (ajv standalone code
 * via rjsf's compileSchemaValidatorsCode), bundled with esbuild into a single self-contained
 * ES module. The browser imports exactly these bytes (no eval, so a strict CSP holds) and the
 * server imports the same bytes, so both sides validate identically. See docs/decisions/0003.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { hashForSchema, type RJSFSchema } from '@rjsf/utils';
import { compileSchemaValidatorsCode } from '@rjsf/validator-ajv8/compileSchemaValidators';
import { _ } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { build } from 'esbuild';
import { JAPANESE_FORMATS } from '../../shared/forms/formats.ts';
import type { AjvLikeError } from '../../shared/forms/messages.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { ROOT_DIR } from '../config.ts';

const FORMATS_RUNTIME = path.join(ROOT_DIR, 'shared', 'forms', 'ajv-formats-runtime.ts');

export type ValidateFunction = ((data: unknown) => boolean) & { errors?: AjvLikeError[] | null };

export interface ValidatorBundle {
  /** ES module source served to browsers. */
  code: string;
  /** First 16 hex digits of its SHA-256, used in its URL for immutable caching. */
  codeHash: string;
  /** The root validator, loaded from the same module. */
  validate: (data: unknown) => { valid: true } | { valid: false; errors: AjvLikeError[] };
}

/** Options shared by every compilation (and documented for authors in docs/form-definitions.md). */
export function ajvCompileOptions() {
  return {
    AjvClass: Ajv2020,
    customFormats: Object.fromEntries(Object.entries(JAPANESE_FORMATS).map(([name, f]) => [name, f.validate])),
    ajvOptionsOverrides: { logger: false as const, code: { formats: _`require(${FORMATS_RUNTIME}).formats`, lines: false } },
  };
}

export async function bundleValidator(schema: SchemaNode): Promise<ValidatorBundle> {
  const standalone = compileSchemaValidatorsCode(schema as RJSFSchema, ajvCompileOptions());
  const result = await build({
    stdin: { contents: standalone, resolveDir: ROOT_DIR, sourcefile: 'validator.cjs', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    default: Record<string, ValidateFunction>;
  };
  const root = module.default[hashForSchema(schema as RJSFSchema)];
  if (!root) throw new Error('precompiled validator has no function for the root schema');
  return {
    code,
    codeHash: createHash('sha256').update(code).digest('hex').slice(0, 16),
    validate: (data) => {
      if (root(data)) return { valid: true };
      const errors = root.errors ?? [];
      root.errors = null;
      return { valid: false, errors };
    },
  };
}
