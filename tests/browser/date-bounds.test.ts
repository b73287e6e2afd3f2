/**
 * Dates that make sense: a resident on a phone who enters a dog's birth date tomorrow or a
 * collection date already past is told so at the field before moving on; an adult's date of birth
 * offers no 令和 and starts in 平成; in English the date starts in the Western calendar, offered first.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { japanToday, shiftDate } from '../../shared/forms/date-bounds.ts';
import { toWareki } from '../../shared/japanese/wareki.ts';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { choose, enterDate, field, group, heading, next } from '../helpers/journey.ts';

const suite = browserSuite();

/** A busy two-core machine: wait for conditions, never for a fixed time, and wait long. */
const patiently = { timeout: 30_000 };

/** A day counted from today in Japan, as the 和暦 boxes take it: era, year, month, day. */
function waDay(days: number): [string, string, string, string] {
  const w = toWareki(shiftDate(japanToday(new Date()), { days }))!;
  return [w.era.ja, String(w.year), String(w.month), String(w.day)];
}

/** The text an element's aria-describedby points at (a date's boxes are described by their group). */
const description = (element: Locator) =>
  element.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/u).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? `(missing ${id})`).join(' / ');
  });

const eraOptions = (page: Page, legend: string) =>
  group(page, legend)
    .getByLabel(/^(元号|Era)$/u)
    .locator('option')
    .allTextContents();

describe('dates that make sense', () => {
  it('when I register my dog, then my own date of birth offers no 令和, and a birth date tomorrow is refused at the field', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/inu-toroku/steps/1');
    await expect.poll(() => heading(page), patiently).not.toBe('');
    // An adult's date of birth: the newest era offered is 平成, and an empty answer starts there.
    expect(await eraOptions(page, '生年月日')).toEqual(['平成', '昭和', '大正', '明治', '西暦']);
    expect(await group(page, '生年月日').getByLabel('元号').inputValue()).toBe('heisei');

    await field(page, '氏名').fill('小金井 花子');
    await field(page, '氏名（フリガナ）').fill('コガネイ ハナコ');
    await enterDate(page, '生年月日', '昭和', '60', '7', '7');
    await field(page, '郵便番号').fill('1848504');
    await field(page, '住所').fill('東京都小金井市本町六丁目6番3号');
    await field(page, '日中に連絡がとれる電話番号').fill('09023456789');
    await next(page);
    await expect.poll(() => heading(page), patiently).toBe('犬について');

    await field(page, '犬の名前').fill('コタロウ');
    await field(page, '犬種').fill('柴');
    await field(page, '毛色').fill('赤');
    await choose(page, '性別', 'オス');
    await choose(page, '生年月日はわかりますか', 'わかる');
    // A dog's birth date is not bounded to adults: 令和 is offered.
    await expect.poll(() => eraOptions(page, '犬の生年月日'), patiently).toContain('令和');
    await enterDate(page, '犬の生年月日', ...waDay(1));
    await choose(page, 'マイクロチップを入れていますか', 'いいえ');
    await choose(page, '犬は飼い主の住所で飼っていますか', 'はい');
    await next(page);

    await expect.poll(() => page.locator('.error-summary').isVisible(), patiently).toBe(true);
    expect(await heading(page)).toBe('犬について');
    expect(await page.title()).toMatch(/^エラー：/u);
    const summary = await page.locator('.error-summary li').allTextContents();
    expect(summary).toEqual(['「犬の生年月日」に、今日より後の日付は入力できません。']);
    const dateGroup = group(page, '犬の生年月日');
    expect(await dateGroup.getAttribute('aria-describedby')).toContain('__error');
    expect(await description(dateGroup)).toContain('今日より後の日付は入力できません');
    expect(await page.locator('#root_dog_birthDate-year').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'a birth date in the future, refused at the field');

    // Today is allowed: the resident moves on.
    await enterDate(page, '犬の生年月日', ...waDay(0));
    await next(page);
    await expect.poll(() => heading(page), patiently).not.toBe('犬について');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when I ask for a collection on a day already past, then the date is refused at the field', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/sodai-gomi/steps/3');
    await expect.poll(() => heading(page), patiently).toBe('収集の希望');
    await enterDate(page, '希望日（任意）', ...waDay(-1));
    await next(page);
    await expect.poll(() => page.locator('.error-summary').isVisible(), patiently).toBe(true);
    const [entry] = await page.locator('.error-summary li').allTextContents();
    expect(entry).toMatch(/^「希望日（任意）」は、.+以降の日付を入力してください。$/u);
    expect(await description(group(page, '希望日（任意）'))).toContain('以降の日付を入力してください');
    // Only the era that can hold a date in the coming weeks is offered (and 西暦).
    expect(await eraOptions(page, '希望日（任意）')).toEqual(['令和', '西暦']);
    await expectAccessible(page, 'a collection date in the past, refused at the field');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when I read a date question in English, then the Western calendar is offered first and is where an empty answer starts', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/inu-toroku/steps/1');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), patiently).toBe('en');
    const era = group(page, 'Date of birth').getByLabel('Era');
    await expect.poll(() => era.inputValue(), patiently).toBe('seireki');
    expect((await eraOptions(page, 'Date of birth'))[0]).toBe('Western year (e.g. 1990)');
    expect(await eraOptions(page, 'Date of birth')).not.toContain('Reiwa');
    await group(page, 'Date of birth').getByLabel('Year', { exact: true }).fill('1985');
    await group(page, 'Date of birth').getByLabel('Month', { exact: true }).fill('7');
    await group(page, 'Date of birth').getByLabel('Day', { exact: true }).fill('7');
    await expect.poll(() => page.locator('.date-input__equivalent').first().textContent(), patiently).toContain('1985');
    await expectAccessible(page, 'a date question in English');
    expect(problems).toEqual([]);
    await context.close();
  });
});
