import { repoDefinitionFile } from '../../helpers/http.ts';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../shared/forms/answers-summary.ts';
import { describeErrors } from '../../../shared/forms/messages.ts';
import { normalizeAnswers } from '../../../shared/forms/normalize-answers.ts';
import { fieldLabel } from '../../../shared/forms/schema-walk.ts';
import { oversized } from '../../../shared/forms/size-guard.ts';

const load = (file: string) => repoDefinitionFile(file);
const childAllowance = load('kosodate-01-child-allowance.json');
const care = load('kaigo-01-care-certification.json');

describe('describeErrors', () => {
  it('gives one polite Japanese and one English message per field, with the field label', () => {
    const errors = describeErrors(care.schema, [
      { instancePath: '/insured', keyword: 'required', params: { missingProperty: 'name' } },
      { instancePath: '/insured/postalCode', keyword: 'format', params: { format: 'jp-postal-code' } },
      { instancePath: '/insured/postalCode', keyword: 'maxLength', params: { limit: 8 } },
    ]);
    expect(errors).toEqual([
      {
        pointer: '/insured/name',
        keyword: 'required',
        message: { ja: '「氏名」を入力してください。', en: 'Enter an answer for “Full name”.' },
      },
      {
        pointer: '/insured/postalCode',
        keyword: 'format',
        message: { ja: '「郵便番号」は、7桁の数字で入力してください（例：184-8504）。', en: '“Postcode” must be 7 digits, like 184-8504.' },
      },
    ]);
  });

  it('asks to select, not enter, for choice questions', () => {
    const [e] = describeErrors(care.schema, [{ instancePath: '/insured', keyword: 'required', params: { missingProperty: 'sex' } }]);
    expect(e!.message.ja).toBe('「性別」を選んでください。');
  });

  it('names the list item a field belongs to', () => {
    expect(fieldLabel(childAllowance.schema, '/children/list/1/name')).toEqual({
      ja: 'お子さん（2件目）の氏名',
      en: 'Full name (Child 2)',
    });
  });

  it('ignores fields of a failing conditional branch reported as unevaluated, but reports unknown fields', () => {
    const errors = describeErrors(care.schema, [
      { instancePath: '/insured', keyword: 'unevaluatedProperties', params: { unevaluatedProperty: 'healthInsurer' } },
      { instancePath: '/insured', keyword: 'unevaluatedProperties', params: { unevaluatedProperty: 'favouriteColour' } },
      { instancePath: '/insured', keyword: 'if', params: { failingKeyword: 'then' } },
    ]);
    expect(errors.map((e) => e.pointer)).toEqual(['/insured/favouriteColour']);
  });

  it('uses a definition-specific message where the definition gives one', () => {
    const [e] = describeErrors(childAllowance.schema, [{ instancePath: '/account/accountNumber', keyword: 'pattern', params: {} }]);
    expect(e!.message.ja).toBe('「口座番号」は、半角数字7桁で入力してください。');
  });
});

describe('summarize (check your answers)', () => {
  it('shows labels, choice labels, both calendars, masked My Number and list items', () => {
    const example = childAllowance.examples[0] as Record<string, Record<string, unknown>>;
    const rows = summarize(childAllowance.schema, example);
    const byPointer = new Map(rows.map((r) => [r.pointer, r]));
    expect(byPointer.get('/claimant/birthDate')?.value.ja).toBe('平成2年4月1日（1990年4月1日）');
    expect(byPointer.get('/claimant/pension')?.value).toEqual({ ja: '厚生年金', en: "Employees' Pension Insurance" });
    expect(byPointer.get('/claimant/myNumber')?.value.ja).toBe('********9013');
    expect(byPointer.get('/claimant/hasSpouse')?.value.ja).toBe('はい');
    expect(byPointer.get('/children/list/1')).toMatchObject({ kind: 'group', label: { ja: 'お子さん（2件目）', en: 'Child 2' } });
    expect(byPointer.get('/children/list/1/address')?.value.ja).toBe('長野県松本市中央一丁目1番1号');
    expect(byPointer.has('/children/list/0/address')).toBe(false); // the condition does not apply
  });

  it('shows 個人番号 in full only when asked (staff detail view)', () => {
    const rows = summarize(childAllowance.schema, childAllowance.examples[0], [], { revealSensitive: true });
    expect(rows.find((r) => r.pointer === '/claimant/myNumber')?.value.ja).toBe('023456789013');
  });
});

describe('normalizeAnswers', () => {
  it('canonicalizes Japanese formats and leaves names and addresses exactly as typed', () => {
    const answers = {
      claimant: {
        name: '髙橋 神',
        postalCode: '１８４８５０４',
        phone: '０４２－３８３－１１１１',
        myNumber: '0234 5678 9013',
        nameKana: 'ﾀｶﾊｼ ｼﾝ',
        address: '小金井市本町６－６－３',
      },
    };
    expect(normalizeAnswers(childAllowance.schema, answers)).toEqual({
      claimant: {
        name: '髙橋 神',
        postalCode: '184-8504',
        phone: '042-383-1111',
        myNumber: '023456789013',
        nameKana: 'タカハシ\u3000シン',
        address: '小金井市本町６－６－３',
      },
    });
  });

  it('leaves values that do not validate untouched, so the error shows what was typed', () => {
    expect(normalizeAnswers(childAllowance.schema, { claimant: { postalCode: '１２３' } })).toEqual({ claimant: { postalCode: '１２３' } });
  });
});

describe('the order of answers', () => {
  it('stays the definition’s order on the check page and the receipt, however often the size guard has run', () => {
    const d = load('juminhyo-copy.json');
    const node = d.schema.properties!['requester']!;
    const answers = (d.examples[0] as Record<string, unknown>)['requester'];
    const declared = Object.keys(node.properties!).map((k) => `/requester/${k}`);
    for (let i = 0; i < 3; i += 1) {
      oversized(d.schema, d.examples[0]);
      expect(summarize(node, answers, ['requester']).map((r) => r.pointer)).toEqual(declared);
    }
  });
});
