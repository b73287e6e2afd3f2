/** A draft saved against an earlier version of a form, opened against the current one (residents/fit.ts). */
import { describe, expect, it } from 'vitest';
import { bundleValidator } from '../../../server/procedures/validator-bundle.ts';
import { fitAnswers } from '../../../server/residents/fit.ts';
import type { CompiledVersion } from '../../../server/procedures/catalog.ts';
import { clone, definition } from '../../helpers/http.ts';

describe('fitting a draft to a changed form', () => {
  it('keeps answers that still fit, drops those the new version refuses or no longer asks, and names new questions', async () => {
    const before = definition('kaigo-01');
    const after = clone(before);
    after.version += 1;
    const insured = after.schema.properties.insured!.properties!;
    delete insured.insuredNumber;
    insured.nationality = { type: 'string', title: '国籍', 'x-en': { title: 'Nationality' }, maxLength: 40 };
    insured.phone = { ...insured.phone!, maxLength: 5 };
    const current = { definition: after, sha256: 'x', validator: await bundleValidator(after.schema) } as CompiledVersion;
    const draft = { insured: { insuredNumber: '1234567890', nameKana: 'ヌクイ ウメ', phone: '042-383-1111' }, unknownStep: { a: 1 } };
    const { answers, report } = fitAnswers(before.schema, current, draft);
    expect(answers).toEqual({ insured: { nameKana: 'ヌクイ ウメ' } });
    expect(report.droppedAnswers.map((l) => l.ja)).toEqual([expect.stringContaining('電話')]);
    expect(report.newQuestions.map((l) => l.ja)).toEqual([expect.stringContaining('国籍')]);
    expect(report.newQuestions.map((l) => l.en)).toEqual([expect.stringContaining('Nationality')]);
  });

  it('a draft of the current version is returned as it is', async () => {
    const d = definition('sodai-gomi');
    const current = { definition: d, sha256: 'x', validator: await bundleValidator(d.schema) } as CompiledVersion;
    const draft = { applicant: { name: 'x' } };
    expect(fitAnswers(d.schema, current, draft)).toEqual({ answers: draft, report: { newQuestions: [], droppedAnswers: [] } });
  });
});
