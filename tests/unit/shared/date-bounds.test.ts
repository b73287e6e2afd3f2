import { describe, expect, it } from 'vitest';
import { dateBoundProblems, hasDateRules, japanToday, shiftDate, todayLimits } from '../../../shared/forms/date-bounds.ts';
import type { SchemaNode } from '../../../shared/forms/types.ts';
import { formatDateBoth } from '../../../shared/japanese/wareki.ts';
import { dateRuleProblems } from '../../../server/procedures/date-rule-checks.ts';
import { erasFor } from '../../../client/form/era-choice.ts';

const date = (title: string, en: string, rule?: unknown): SchemaNode =>
  ({ type: 'string', format: 'date', title, 'x-en': { title: en }, ...(rule ? { 'x-date': rule } : {}) }) as SchemaNode;

/** 妊娠届: a diagnosis in the past, a due date after it and within ten months; children born by today. */
const form: SchemaNode = {
  type: 'object',
  properties: {
    pregnancy: {
      type: 'object',
      title: '妊娠について',
      properties: {
        diagnosisDate: date('診断日', 'Date of diagnosis', { notAfter: 'today' }),
        dueDate: date('出産予定日', 'Due date', { notBefore: { from: 'diagnosisDate' }, notAfter: { from: 'today', months: 10 } }),
      },
    },
    children: {
      type: 'array',
      title: 'お子さん',
      'x-en': { title: 'Children' },
      items: {
        type: 'object',
        title: 'お子さん',
        'x-en': { title: 'Child' },
        properties: {
          birthDate: date('生年月日', 'Date of birth', { notAfter: 'today', notBefore: { from: '/pregnancy/diagnosisDate', years: -30 } }),
          entryDate: date('入所日', 'Start date', { notBefore: { from: 'birthDate' } }),
        },
      },
    },
  },
} as SchemaNode;

const TODAY = '2026-12-04';

describe('today in Japan', () => {
  it('is the calendar day at UTC+9, all year (no summer time)', () => {
    expect(japanToday(new Date('2026-12-04T14:59:59Z'))).toBe('2026-12-04');
    expect(japanToday(new Date('2026-12-04T15:00:00Z'))).toBe('2026-12-05');
    expect(japanToday(new Date('2026-06-30T15:00:00Z'))).toBe('2026-07-01');
  });
});

describe('moving a date', () => {
  it.each([
    ['2024-02-29', { years: -1 }, '2023-02-28'],
    ['2024-02-29', { years: 4 }, '2028-02-29'],
    ['2026-01-31', { months: 1 }, '2026-02-28'],
    ['2026-03-31', { months: -1 }, '2026-02-28'],
    ['2026-12-04', { months: 10 }, '2027-10-04'],
    ['2026-12-31', { days: 1 }, '2027-01-01'],
    ['2026-03-01', { days: -1 }, '2026-02-28'],
    ['2026-12-04', { years: -15 }, '2011-12-04'],
    ['2026-12-04', { years: -1, months: -11, days: -4 }, '2024-12-31'],
  ] as const)('%s moved by %o is %s', (from, by, expected) => {
    expect(shiftDate(from, by)).toBe(expected);
  });
});

describe('dates outside their bounds', () => {
  const answers = (pregnancy: object, children: object[] = []) => ({ pregnancy, children });

  it('accepts dates on the bounds themselves (both ends inclusive)', () => {
    const a = answers({ diagnosisDate: TODAY, dueDate: '2027-10-04' }, [{ birthDate: TODAY, entryDate: TODAY }]);
    expect(dateBoundProblems(form, a, TODAY)).toEqual([]);
  });

  it('refuses a date after today, with the field named in Japanese and English', () => {
    const [p, ...rest] = dateBoundProblems(form, answers({ diagnosisDate: '2026-12-05' }), TODAY);
    expect(rest).toEqual([]);
    expect(p).toEqual({
      pointer: '/pregnancy/diagnosisDate',
      keyword: 'notAfter',
      message: { ja: '「診断日」に、今日より後の日付は入力できません。', en: '“Date of diagnosis” cannot be later than today.' },
    });
  });

  it('refuses a due date before the diagnosis, naming the other answer', () => {
    const [p] = dateBoundProblems(form, answers({ diagnosisDate: '2026-11-01', dueDate: '2026-10-31' }), TODAY);
    expect(p).toMatchObject({ pointer: '/pregnancy/dueDate', keyword: 'notBefore' });
    expect(p!.message.ja).toBe('「出産予定日」は、「診断日」以降の日付を入力してください。');
    expect(p!.message.en).toBe('“Due date” must be on or after “Date of diagnosis”.');
  });

  it('names the last day allowed when the bound is today moved by an offset', () => {
    const [p] = dateBoundProblems(form, answers({ diagnosisDate: '2026-11-01', dueDate: '2027-10-05' }), TODAY);
    expect(p).toMatchObject({ pointer: '/pregnancy/dueDate', keyword: 'notAfter' });
    expect(p!.message.ja).toBe(`「出産予定日」は、${formatDateBoth('2027-10-04', 'ja')}以前の日付を入力してください。`);
    expect(p!.message.en).toBe(`“Due date” must be on or before ${formatDateBoth('2027-10-04', 'en')}.`);
  });

  it('checks each list item against its own siblings and other answers by pointer', () => {
    const problems = dateBoundProblems(
      form,
      answers({ diagnosisDate: '2026-11-01' }, [
        { birthDate: '2020-01-01', entryDate: '2021-04-01' },
        { birthDate: '2022-05-01', entryDate: '2022-04-30' },
        { birthDate: '1990-01-01' },
        { birthDate: '2027-01-01' },
      ]),
      TODAY,
    );
    expect(problems.map((p) => [p.pointer, p.keyword])).toEqual([
      ['/children/1/entryDate', 'notBefore'],
      ['/children/2/birthDate', 'notBefore'],
      ['/children/3/birthDate', 'notAfter'],
    ]);
    expect(problems[0]!.message).toEqual({
      ja: '「お子さん（2件目）の入所日」は、「生年月日」以降の日付を入力してください。',
      en: '“Start date (Child 2)” must be on or after “Date of birth”.',
    });
  });

  it('applies no bound on an answer that is missing or not a date, nor to a value that is not a date', () => {
    const a = answers({ diagnosisDate: 'wareki:reiwa:8', dueDate: '2020-01-01' }, [{ birthDate: '2026-02-30', entryDate: '2000-01-01' }]);
    expect(dateBoundProblems(form, a, TODAY)).toEqual([]);
  });

  it('leaves out the bounds on today when today is not given (a definition’s examples at start-up)', () => {
    const a = answers({ diagnosisDate: '2030-01-01', dueDate: '2029-12-31' });
    expect(dateBoundProblems(form, a, null).map((p) => [p.pointer, p.keyword])).toEqual([['/pregnancy/dueDate', 'notBefore']]);
  });

  it('uses the definition’s own message when it gives one', () => {
    const own = { ja: '出産予定日は診断日より後にしてください。', en: 'The due date comes after the diagnosis.' };
    const schema = {
      type: 'object',
      properties: {
        d: date('診断日', 'Diagnosis'),
        due: { ...date('予定日', 'Due', { notBefore: { from: 'd' } }), 'x-errors': { notBefore: own } },
      },
    } as SchemaNode;
    expect(dateBoundProblems(schema, { d: '2026-05-01', due: '2026-04-01' }, TODAY)[0]!.message).toEqual(own);
  });

  it('is not misled by hostile answers (inherited keys, nesting, other types)', () => {
    const a = { pregnancy: Object.assign(Object.create({ diagnosisDate: '2099-01-01' }), { dueDate: '2099-01-01' }), children: 'x' };
    expect(dateBoundProblems(form, a, TODAY).map((p) => p.pointer)).toEqual(['/pregnancy/dueDate']);
    expect(dateBoundProblems(form, { constructor: { prototype: 1 }, children: [null, 1, []] }, TODAY)).toEqual([]);
    expect(dateBoundProblems(form, null, TODAY)).toEqual([]);
  });

  it('knows a form without any rule', () => {
    expect(hasDateRules(form)).toBe(true);
    expect(hasDateRules({ type: 'object', properties: { d: date('日', 'Day') } } as SchemaNode)).toBe(false);
  });
});

describe('forms:check on x-date', () => {
  const at = (node: SchemaNode, parent: SchemaNode = form.properties!.pregnancy as SchemaNode) =>
    dateRuleProblems(node, '/schema/p', form, parent).map(([, m]) => m);

  it('accepts the rules of the documented examples', () => {
    const pregnancy = form.properties!.pregnancy as SchemaNode;
    expect(at(pregnancy.properties!.dueDate as SchemaNode)).toEqual([]);
    const child = (form.properties!.children as SchemaNode).items as SchemaNode;
    expect(at(child.properties!.birthDate as SchemaNode, child)).toEqual([]);
  });

  it.each([
    [{ type: 'string', 'x-date': { notAfter: 'today' } }, 'x-date belongs on a date question ("format": "date")'],
    [date('日', 'Day', { after: 'today' }), 'unknown key "after" (use notBefore, notAfter)'],
    [date('日', 'Day', {}), 'x-date needs notBefore or notAfter'],
    [date('日', 'Day', { notAfter: 'tomorrow' }), 'a date bound is "today" or { "from": ..., "days"?: n, "months"?: n, "years"?: n }'],
    [date('日', 'Day', { notAfter: { from: 'today', days: 1.5 } }), 'days must be a whole number'],
    [date('日', 'Day', { notAfter: { from: 'today', weeks: 1 } }), 'unknown key "weeks" in a date bound'],
    [date('日', 'Day', { notAfter: { from: 'birthDate' } }), '"birthDate" is not a question of this form next to this one'],
    [date('日', 'Day', { notAfter: { from: '/pregnancy' } }), '"/pregnancy" is not a date question'],
    [date('日', 'Day', { notAfter: { from: '/nowhere/at/all' } }), '"/nowhere/at/all" is not a question of this form'],
    [
      date('日', 'Day', { notBefore: { from: 'today', days: 1 }, notAfter: 'today' }),
      'notBefore is after notAfter: no day can be answered',
    ],
  ])('refuses %o', (node, problem) => {
    expect(at(node as SchemaNode)).toContain(problem);
  });
});

describe('the eras offered for a date', () => {
  const keys = (schema: SchemaNode, lang: 'ja' | 'en' = 'ja') => {
    const { eras, emptyEra } = erasFor(schema, TODAY, lang);
    return { eras: eras.map((e) => e.key), emptyEra };
  };

  it('offers no 令和 for an adult’s birth date, and starts in 平成', () => {
    expect(keys(date('生年月日', 'Birth', { notAfter: { from: 'today', years: -18 } }))).toEqual({
      eras: ['heisei', 'showa', 'taisho', 'meiji'],
      emptyEra: 'heisei',
    });
  });

  it('offers only 令和 for a date in the coming months, and starts there', () => {
    expect(keys(date('希望日', 'Preferred', { notBefore: 'today', notAfter: { from: 'today', days: 60 } }))).toEqual({
      eras: ['reiwa'],
      emptyEra: 'reiwa',
    });
  });

  it('offers every era when unbounded, starting in today’s era in Japanese and in the Western calendar in English', () => {
    expect(keys(date('日', 'Day'))).toEqual({ eras: ['reiwa', 'heisei', 'showa', 'taisho', 'meiji'], emptyEra: 'reiwa' });
    expect(keys(date('日', 'Day'), 'en').emptyEra).toBe('seireki');
  });

  it('gives the bounds on today as the widget reads them', () => {
    expect(todayLimits({ notBefore: { from: 'x' }, notAfter: { from: 'today', years: -40 } }, TODAY)).toEqual({
      min: undefined,
      max: '1986-12-04',
    });
  });
});
