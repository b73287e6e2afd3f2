import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitionFiles } from '../../../server/procedures/catalog.ts';
import { repoDefinitionFile } from '../../helpers/http.ts';

const DIR = path.resolve(import.meta.dirname, '../../../form-definitions');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && f !== 'catalog.json');

function dirWith(name: string, definition: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'defs-'));
  cpSync(path.join(DIR, 'definition.schema.json'), path.join(dir, 'definition.schema.json'));
  cpSync(path.join(DIR, 'shared-part.schema.json'), path.join(dir, 'shared-part.schema.json'));
  cpSync(path.join(DIR, 'common'), path.join(dir, 'common'), { recursive: true });
  writeFileSync(path.join(dir, name), typeof definition === 'string' ? definition : JSON.stringify(definition));
  return dir;
}

const pregnancy = () => repoDefinitionFile('kosodate-15-pregnancy.json') as any;

describe('every definition in form-definitions/', () => {
  it.each(files)('%s passes every check and its examples validate', async (file) => {
    const dir = dirWith(file, readFileSync(path.join(DIR, file), 'utf8'));
    const { compiled, problems } = await loadDefinitionFiles(dir);
    expect(problems).toEqual([]);
    expect(compiled).toHaveLength(1);
    expect(compiled[0]!.definition.examples.length).toBeGreaterThan(0);
  });

  it('ships a definition for every one of the 27 national priority procedures, each marked with its id', async () => {
    const { compiled } = await loadDefinitionFiles(DIR);
    const priority = compiled.map((c) => c.definition.nationalPriorityId).filter((id): id is string => id !== null);
    expect(priority).toHaveLength(27);
    expect(new Set(priority).size).toBe(27);
    expect(compiled.filter((c) => c.definition.nationalPriorityId).every((c) => c.definition.published)).toBe(true);
    expect(
      compiled
        .filter((c) => c.definition.signature === 'required')
        .map((c) => c.definition.id)
        .sort(),
    ).toEqual(['kaigo-02', 'kaigo-03', 'kaigo-11']);
  });
});

describe('examples for every branch', () => {
  it('refuses a condition that no example meets, at its pointer', async () => {
    const def = pregnancy();
    def.schema.properties.handbook.if = { properties: { interpreter: { const: true } }, required: ['interpreter'] };
    def.schema.properties.handbook.then = {
      required: ['language'],
      properties: { language: { type: 'string', title: '言語', 'x-en': { title: 'Language' }, maxLength: 30 } },
    };
    const { problems } = await loadDefinitionFiles(dirWith('branches.json', def));
    expect(problems).toContainEqual({
      file: 'branches.json',
      pointer: '/schema/properties/handbook',
      message: 'no example meets this condition (if): add an example that takes its "then" branch',
    });
    def.examples.push({ ...def.examples[0], handbook: { method: 'interview', interpreter: true, language: 'English' } });
    expect((await loadDefinitionFiles(dirWith('branches.json', def))).problems).toEqual([]);
  });
});

describe('a broken definition', () => {
  it('is reported with file, JSON pointer and message, all problems at once', async () => {
    const def = pregnancy();
    def.nationalPriorityId = 'kosodate-99';
    def.schema.properties.mother.properties.phone.format = 'jp-fax';
    delete def.schema.properties.mother.properties.email['x-en'];
    def.uiSchema.mother.nickname = { 'ui:widget': 'text' };
    def.examples[0].mother.postalCode = '18485';
    const { problems } = await loadDefinitionFiles(dirWith('broken.json', def));
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'broken.json', pointer: '/nationalPriorityId', message: expect.stringContaining('kosodate-99') },
        { file: 'broken.json', pointer: '/schema/properties/mother/properties/phone/format', message: expect.stringContaining('jp-fax') },
        { file: 'broken.json', pointer: '/schema/properties/mother/properties/email', message: expect.stringContaining('English title') },
        { file: 'broken.json', pointer: '/uiSchema/mother/nickname', message: expect.stringContaining('not a field') },
        {
          file: 'broken.json',
          pointer: '/examples/0/mother/postalCode',
          message: expect.stringContaining('7 digits'),
          ja: expect.stringContaining('7桁の数字'),
        },
      ]),
    );
  });

  it('requires a size for every text answer and list, and refuses a field named like a member of every object', async () => {
    const def = pregnancy();
    delete def.schema.properties.mother.properties.name.maxLength;
    def.schema.properties.health.properties.conditions.uniqueItems = false;
    def.schema.properties.mother.properties.constructor = { type: 'string', title: '構成', 'x-en': { title: 'Constructor' }, maxLength: 5 };
    const { problems } = await loadDefinitionFiles(dirWith('unbounded.json', def));
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'unbounded.json', pointer: '/schema/properties/mother/properties/name', message: expect.stringContaining('maxLength') },
        {
          file: 'unbounded.json',
          pointer: '/schema/properties/health/properties/conditions',
          message: expect.stringContaining('maxItems'),
        },
        {
          file: 'unbounded.json',
          pointer: '/schema/properties/mother/properties/constructor',
          message: expect.stringContaining('every JavaScript object'),
        },
      ]),
    );
  });

  it('refuses a definition that collects a 個人番号 without asking for a verified identity', async () => {
    for (const identity of [undefined, 'none', 'optional']) {
      const def = pregnancy();
      if (identity === undefined) delete def.identity;
      else def.identity = identity;
      // Prefilled answers need sign-in of their own; drop them so only the 個人番号 rule speaks.
      for (const field of Object.values(def.schema.properties.mother.properties) as { 'x-prefill'?: string }[]) delete field['x-prefill'];
      const { problems } = await loadDefinitionFiles(dirWith('my-number.json', def));
      expect(problems).toEqual([
        {
          file: 'my-number.json',
          pointer: '/schema/properties/mother/properties/myNumber/format',
          message: expect.stringContaining('"required"'),
        },
      ]);
    }
    const required = pregnancy();
    expect(required.identity).toBe('required');
    expect((await loadDefinitionFiles(dirWith('my-number.json', required))).problems).toEqual([]);
  });

  it('refuses a signature without a verified sign-in, or without the name and date of birth the certificate is compared with', async () => {
    const renewal = () => repoDefinitionFile('kaigo-02-care-renewal.json') as any;
    expect((await loadDefinitionFiles(dirWith('signed.json', renewal()))).problems).toEqual([]);

    const noBirthDate = renewal();
    delete noBirthDate.schema.properties.insured.properties.birthDate['x-prefill'];
    expect((await loadDefinitionFiles(dirWith('signed.json', noBirthDate))).problems).toEqual([
      { file: 'signed.json', pointer: '/signature', message: expect.stringContaining('"x-prefill": "birthDate"') },
    ]);

    const optional = renewal();
    optional.identity = 'optional';
    delete optional.schema.properties.insured.properties.myNumber; // only the signature rule speaks
    optional.schema.properties.insured.required = optional.schema.properties.insured.required.filter((k: string) => k !== 'myNumber');
    for (const example of optional.examples) delete example.insured.myNumber;
    delete optional.uiSchema.insured.myNumber;
    expect((await loadDefinitionFiles(dirWith('signed.json', optional))).problems).toEqual([
      { file: 'signed.json', pointer: '/signature', message: expect.stringContaining('"identity" to "required"') },
    ]);
  });

  it('fails the meta-schema with a pointer when a required key is missing', async () => {
    const def = pregnancy();
    delete def.department;
    def.fee = 300;
    const { problems } = await loadDefinitionFiles(dirWith('bad-meta.json', def));
    expect(problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['', '/fee']));
    expect(problems.some((p) => p.message.includes('department'))).toBe(true);
  });

  it('reports a typo in a schema keyword (strict compile)', async () => {
    const def = pregnancy();
    def.schema.properties.mother.properties.name.maxLenght = 50;
    const { problems } = await loadDefinitionFiles(dirWith('typo.json', def));
    expect(problems).toEqual([expect.objectContaining({ pointer: '/schema', message: expect.stringContaining('maxLenght') })]);
  });

  it('reports JSON syntax errors and duplicate ids', async () => {
    const dir = dirWith('a.json', pregnancy());
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(pregnancy()));
    writeFileSync(path.join(dir, 'c.json'), '{ "id": ');
    const { problems } = await loadDefinitionFiles(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'b.json', pointer: '/id', message: 'id "kosodate-15" is also used by a.json' },
        expect.objectContaining({ file: 'c.json', message: expect.stringContaining('not valid JSON') }),
      ]),
    );
  });
});

describe('reference data', () => {
  it('the repo copy of the national priority list matches ../shared/reference (always beside the clone, as in CI)', () => {
    const shared = path.resolve(import.meta.dirname, '../../../../shared/reference/priority-procedures.json');
    const ours = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../shared/reference/priority-procedures.json'), 'utf8'));
    expect(ours.procedures).toHaveLength(27);
    expect(
      existsSync(shared),
      `${shared} is missing: the shared reference repository must be checked out beside this clone (../shared)`,
    ).toBe(true);
    expect(ours).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
  });
});
