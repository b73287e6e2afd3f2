/**
 * Errors at the field, on the first try: a resident on a phone who types a wrong katakana and
 * postcode and leaves a question unanswered sees, after one 「次へ進む」, each message at its field
 * (aria-invalid, aria-describedby naming the message), the summary in the order of the fields, and
 * 「エラー：」 at the start of the page title. No aria-describedby on the page points at nothing.
 * Number pads come from the answer's format; a new list item gets the focus.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { field, heading, next } from '../helpers/journey.ts';

const suite = browserSuite();

/** A busy two-core machine: wait for conditions, never for a fixed time, and wait long. */
const patiently = { timeout: 30_000 };

/** aria-describedby ids on the page that name no element. */
const brokenReferences = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-describedby]')].flatMap((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/u)
        .filter((id) => id && !document.getElementById(id))
        .map((id) => `${el.id || el.tagName}: ${id}`),
    ),
  );

/** The text an input's aria-describedby points at. */
const description = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const ids = (document.querySelector(sel)?.getAttribute('aria-describedby') ?? '').split(/\s+/u).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? `(missing ${id})`).join(' / ');
  }, selector);

const summaryEntries = (page: Page) => page.locator('.error-summary li').allTextContents();

describe('errors at the field', () => {
  it('when I make mistakes and press 次へ進む once, then every field says what is wrong, and the summary follows the page', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/sodai-gomi/steps/1');
    await expect.poll(() => heading(page), patiently).toBe('申し込む方について');
    expect(await brokenReferences(page)).toEqual([]);

    await field(page, '氏名').fill('桜町 大輔');
    await field(page, '氏名（フリガナ）').fill('Sakuramachi');
    await field(page, '郵便番号').fill('18400');
    await page.locator('#root_applicant_address').fill('東京都小金井市桜町一丁目5番5号');
    // The phone number and the kind of housing are left unanswered.
    await next(page);

    await expect.poll(() => page.locator('.error-summary').isVisible(), patiently).toBe(true);
    expect(await page.title()).toMatch(/^エラー：申し込む方について - 粗大ごみの収集申込/u);
    for (const id of ['root_applicant_nameKana', 'root_applicant_postalCode', 'root_applicant_phone']) {
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid'), id).toBe('true');
      expect(await description(page, `#${id}`), id).toMatch(/エラー：/u);
    }
    expect(await description(page, '#root_applicant_nameKana')).toContain('全角カタカナ');
    expect(await description(page, '#root_applicant_postalCode')).toContain('7桁');
    // A resident whose name is in another script is told how to write it, next to the error.
    expect(await description(page, '#root_applicant_nameKana')).toContain('在留カード');
    expect(await page.locator('#root_applicant_name').getAttribute('aria-invalid')).toBeNull();
    // The unanswered choice: its group names the message; each option says it is invalid.
    const housing = page.getByRole('group', { name: /お住まいの種類/u });
    expect(await housing.getAttribute('aria-describedby')).toContain('__error');
    expect(await page.locator('#root_applicant_housing-0').getAttribute('aria-invalid')).toBe('true');
    expect(await brokenReferences(page)).toEqual([]);

    const entries = await summaryEntries(page);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toContain('フリガナ');
    expect(entries[1]).toContain('郵便番号');
    expect(entries[2]).toContain('電話番号');
    await expectAccessible(page, 'step 1 with errors at the fields');

    // Corrected, the errors go and the next step's title has no 「エラー：」.
    await field(page, '氏名（フリガナ）').fill('サクラチョウ ダイスケ');
    await field(page, '郵便番号').fill('1840005');
    await page.locator('#root_applicant_phone').fill('09098765432');
    await page.locator('#root_applicant_housing-0').check();
    await next(page);
    await expect.poll(() => heading(page), patiently).toBe('出す品物');
    expect(await page.title()).not.toMatch(/エラー/u);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when I type a postcode, phone number or amount, then my phone offers the keys for it', async () => {
    const { page, context } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/sodai-gomi/steps/1');
    await expect.poll(() => heading(page), patiently).toBe('申し込む方について');
    expect(await page.locator('#root_applicant_postalCode').getAttribute('inputmode')).toBe('numeric');
    expect(await page.locator('#root_applicant_phone').getAttribute('inputmode')).toBe('tel');
    expect(await page.locator('#root_applicant_name').getAttribute('inputmode')).toBeNull();
    await context.close();
  });

  it('when I add another item to a list, then the focus is on its first answer', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/sodai-gomi/steps/2');
    await expect.poll(() => heading(page), patiently).toBe('出す品物');
    await page.locator('#root_items_list_0_kind').waitFor();
    await page.getByRole('button', { name: /追加/u }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), patiently).toBe('root_items_list_1_kind');
    expect(await brokenReferences(page)).toEqual([]);
    await expectAccessible(page, 'list with a second item');
    expect(problems).toEqual([]);
    await context.close();
  });
});
