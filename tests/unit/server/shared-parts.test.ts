/**
 * Shared parts (form-definitions/common/): how a reference is resolved, what a definition can
 * change beside it, the problems a bad reference gets, and how the version lock names every
 * definition a changed part affects.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitionFiles } from '../../../server/procedures/catalog.ts';
import { resolveSharedParts, SharedParts } from '../../../server/procedures/shared-parts.ts';
import { lockProblems, readLock, updateLock } from '../../../server/procedures/version-lock.ts';
import { DEFINITIONS_DIR } from '../../helpers/http.ts';

const parts = new SharedParts(DEFINITIONS_DIR);
const definitionWith = (schemaProperties: Record<string, unknown>, uiSchema: Record<string, unknown> = {}) => ({
  schema: { type: 'object', properties: schemaProperties },
  uiSchema,
});

describe('resolving shared parts', () => {
  it('puts the block in place, with its hints, and records the parts used (also through a list)', () => {
    const { definition, uses, problems } = resolveSharedParts(
      definitionWith({
        claimant: { $ref: 'common/applicant.json' },
        kids: { type: 'object', properties: { list: { type: 'array', items: { $ref: 'common/child.json' } } } },
      }),
      parts,
    );
    expect(problems).toEqual([]);
    expect(uses).toEqual(['common/applicant.json', 'common/child.json']);
    const schema = definition.schema as any;
    expect(schema.properties.claimant.properties.name['x-prefill']).toBe('name');
    expect(schema.properties.kids.properties.list.items.then.required).toEqual(['address']);
    expect(JSON.stringify(schema)).not.toContain('$ref');
    const ui = definition.uiSchema as any;
    expect(ui.claimant.phone).toEqual({ 'ui:autocomplete': 'tel', 'ui:options': { inputType: 'tel' } });
    expect(ui.kids.list.items.livingTogether).toEqual({ 'ui:widget': 'radio' });
  });

  it('keys beside the reference add questions, add to required, omit questions and replace the title; the definition’s own hints win', () => {
    const { definition } = resolveSharedParts(
      definitionWith(
        {
          claimant: {
            $ref: 'common/applicant.json',
            title: '請求者について',
            'x-omit': ['email', 'phone'],
            'x-optional': ['nameKana'],
            required: ['myNumber'],
            properties: { myNumber: { type: 'string', format: 'jp-my-number', title: '個人番号' } },
          },
        },
        { claimant: { name: { 'ui:autocomplete': 'off' } } },
      ),
      parts,
    );
    const claimant = (definition.schema as any).properties.claimant;
    expect(claimant.title).toBe('請求者について');
    expect(Object.keys(claimant.properties)).not.toContain('email');
    expect(Object.keys(claimant.properties)).toContain('myNumber');
    expect(claimant.required).toContain('myNumber');
    expect(claimant.required).not.toContain('phone');
    expect(claimant.required).not.toContain('nameKana');
    expect(Object.keys(claimant.properties)).toContain('nameKana');
    const ui = (definition.uiSchema as any).claimant;
    expect(ui.name).toEqual({ 'ui:autocomplete': 'off' });
    expect(ui.phone).toBeUndefined();
  });

  it('a condition of the part about an omitted question goes with it (it could never hold)', () => {
    const { definition } = resolveSharedParts(
      definitionWith({ kids: { type: 'array', items: { $ref: 'common/child.json', 'x-omit': ['livingTogether'] } } }),
      parts,
    );
    const items = (definition.schema as any).properties.kids.items;
    expect(items.if).toBeUndefined();
    expect(items.then).toBeUndefined();
    expect(Object.keys(items.properties)).not.toContain('livingTogether');
  });

  it('a missing part, a path out of common/, an unknown omitted question and a loop are problems at their pointer', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parts-'));
    cpSync(DEFINITIONS_DIR, dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'common', 'loop-a.json'),
      JSON.stringify({ description: { ja: 'a', en: 'a' }, schema: { type: 'object', properties: { b: { $ref: 'common/loop-b.json' } } } }),
    );
    writeFileSync(
      path.join(dir, 'common', 'loop-b.json'),
      JSON.stringify({ description: { ja: 'b', en: 'b' }, schema: { type: 'object', properties: { a: { $ref: 'common/loop-a.json' } } } }),
    );
    writeFileSync(path.join(dir, 'common', 'shapeless.json'), JSON.stringify({ schema: { type: 'object' } }));
    const { problems } = resolveSharedParts(
      definitionWith({
        a: { $ref: 'common/nobody.json' },
        b: { $ref: '../catalog.json' },
        c: { $ref: 'common/applicant.json', 'x-omit': ['shoeSize'], 'x-optional': ['email'] },
        d: { $ref: 'common/loop-a.json' },
        e: { $ref: 'common/shapeless.json' },
        f: { $ref: '#/$defs/local' },
      }),
      new SharedParts(dir),
    );
    expect(problems).toEqual([
      { pointer: '/schema/properties/a/$ref', message: 'common/nobody.json does not exist' },
      { pointer: '/schema/properties/b/$ref', message: '"../catalog.json" is not a shared part: write "common/<name>.json"' },
      { pointer: '/schema/properties/c/x-omit', message: '"shoeSize" is not a question of common/applicant.json' },
      { pointer: '/schema/properties/c/x-optional', message: '"email" is not a required question of common/applicant.json' },
      expect.objectContaining({ message: expect.stringContaining('loop: common/loop-a.json -> common/loop-b.json -> common/loop-a.json') }),
      expect.objectContaining({ pointer: '/schema/properties/e/$ref', message: expect.stringContaining('is not a valid shared part') }),
    ]);
  });
});

describe('the version lock', () => {
  it('records every definition of the repository with its content hash', async () => {
    const { compiled } = await loadDefinitionFiles(DEFINITIONS_DIR);
    const lock = readLock(DEFINITIONS_DIR)!;
    for (const c of compiled)
      expect(lock.definitions[c.definition.id], c.definition.id).toEqual({ version: c.definition.version, sha256: c.sha256, uses: c.uses });
  });

  it('when a shared part changes, forms:check names every definition that needs a new version, and forms:lock refuses until they have one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lock-'));
    cpSync(DEFINITIONS_DIR, dir, { recursive: true });
    const file = path.join(dir, 'common', 'bank-account.json');
    const part = JSON.parse(readFileSync(file, 'utf8'));
    part.schema.properties.bankName.maxLength = 60;
    writeFileSync(file, JSON.stringify(part));
    const { compiled } = await loadDefinitionFiles(dir);
    const current = compiled.map((c) => ({
      file: c.file!,
      id: c.definition.id,
      version: c.definition.version,
      sha256: c.sha256,
      uses: c.uses!,
    }));
    const users = current
      .filter((c) => c.uses.includes('common/bank-account.json'))
      .map((c) => c.id)
      .sort();
    expect(users.length).toBeGreaterThan(3);
    const lock = readLock(dir)!;
    const { problems } = lockProblems(dir, lock, current);
    expect(problems).toContainEqual({
      file: 'common/bank-account.json',
      pointer: '',
      message: `this shared part changed: new versions are needed for ${users.join(', ')}`,
    });
    const one = problems.find((p) => p.file.startsWith(users[0]!))!;
    expect(one.message).toContain('common/bank-account.json changed');
    expect(updateLock(dir, lock, current).refused.length).toBe(users.length);
    // With new versions, the lock takes them (and keeps what was recorded for the others).
    const bumped = current.map((c) => (users.includes(c.id) ? { ...c, version: c.version + 1 } : c));
    const next = updateLock(dir, lock, bumped);
    expect(next.refused).toEqual([]);
    expect(lockProblems(dir, next.lock, bumped)).toEqual({ problems: [], notes: [] });
  });
});
