import { describe, expect, it } from 'vitest';
import {
  isCorporateNumber,
  isMyNumber,
  maskMyNumber,
  myNumberCheckDigit,
  normalizeMyNumber,
} from '../../../shared/japanese/identity-numbers.ts';
import { isKatakana, normalizeKatakana } from '../../../shared/japanese/katakana.ts';
import { isJapanesePhone, normalizePhone } from '../../../shared/japanese/phone.ts';
import { isPostalCode, normalizePostalCode } from '../../../shared/japanese/postal-code.ts';

describe('郵便番号', () => {
  it.each(['184-8504', '1848504', '１８４－８５０４', '184ー8504', '１８４８５０４'])('accepts %s as 184-8504', (input) => {
    expect(isPostalCode(input)).toBe(true);
    expect(normalizePostalCode(input)).toBe('184-8504');
  });
  it.each(['18-48504', '184850', '18485045', 'abc-defg', ''])('rejects %s', (input) => expect(isPostalCode(input)).toBe(false));
});

describe('フリガナ', () => {
  it('accepts full-width katakana with one space between names', () => {
    expect(isKatakana('コガネイ ハナコ')).toBe(true);
    expect(isKatakana('コガネイ\u3000ハナコ')).toBe(true);
    expect(isKatakana('ヴァン・デル・ー')).toBe(true);
  });
  it('converts half-width kana (with voiced marks) to full width', () => {
    expect(isKatakana('ｶﾞﾝﾀﾞﾑ ﾀﾛｳ')).toBe(true);
    expect(normalizeKatakana('ｶﾞﾝﾀﾞﾑ  ﾀﾛｳ')).toBe('ガンダム\u3000タロウ');
  });
  it('rejects hiragana, kanji, Latin letters, a lone voiced mark and look-alike dashes', () => {
    expect(isKatakana('こがねい')).toBe(false);
    expect(isKatakana('小金井')).toBe(false);
    expect(isKatakana('KOGANEI')).toBe(false);
    expect(isKatakana('ﾞ')).toBe(false);
    expect(isKatakana('コ－ダ')).toBe(false); // U+FF0D
    expect(isKatakana('コ−ダ')).toBe(false); // U+2212
    expect(isKatakana('')).toBe(false);
  });
});

describe('電話番号', () => {
  it.each([
    '042-383-1111',
    '0423831111',
    '０４２－３８３－１１１１',
    '090-1234-5678',
    '05012345678',
    '0120-123-456',
    '0800-123-4567',
    '0570-123-456',
    '(042)383-1111',
  ])('accepts %s', (n) => expect(isJapanesePhone(n)).toBe(true));
  it.each([
    '042-383-111',
    '090-1234-567',
    '0120-1234-5678',
    '1234567890',
    '042-383-1111-1',
    'tel:0423831111',
    '+1 415 555 0100',
    '+81 12',
    '+44 20 7946 0000',
  ])('rejects %s', (n) => expect(isJapanesePhone(n)).toBe(false));
  it('keeps the grouping with ASCII characters', () => {
    expect(normalizePhone('０４２－３８３－１１１１')).toBe('042-383-1111');
    expect(normalizePhone('(042)383-1111')).toBe('042-383-1111');
  });
  it.each([
    ['+81 90-1234-5678', '090-1234-5678'],
    ['+81-42-383-1111', '042-383-1111'],
    ['+81 (0)3-1234-5678', '03-1234-5678'],
    ['+819012345678', '09012345678'],
    ['＋８１　９０－１２３４－５６７８', '090-1234-5678'],
  ])('accepts %s, written for abroad, and stores it as %s', (input, stored) => {
    expect(isJapanesePhone(input)).toBe(true);
    expect(normalizePhone(input)).toBe(stored);
  });
});

describe('個人番号 (My Number)', () => {
  it('computes the check digit of the published example', () => {
    expect(myNumberCheckDigit('02345678901')).toBe(3);
    expect(isMyNumber('023456789013')).toBe(true);
  });
  it('rejects every other last digit', () => {
    for (let d = 0; d <= 9; d += 1) if (d !== 3) expect(isMyNumber(`02345678901${d}`)).toBe(false);
  });
  it('accepts full-width digits and separators, and stores 12 digits', () => {
    expect(normalizeMyNumber('０２３４ ５６７８ ９０１３')).toBe('023456789013');
  });
  it('rejects wrong lengths', () => {
    expect(isMyNumber('02345678901')).toBe(false);
    expect(isMyNumber('0234567890133')).toBe(false);
  });
  it('masks all but the last four digits', () => {
    expect(maskMyNumber('023456789013')).toBe('********9013');
  });
});

describe('法人番号', () => {
  it('checks the leading check digit', () => {
    expect(isCorporateNumber('7000012050002')).toBe(true);
    expect(isCorporateNumber('6000012050002')).toBe(false);
  });
});
