/**
 * A resident who cannot use a mouse or touch screen files 粗大ごみの収集申込 with the keyboard
 * alone: Tab to move, typing, Space for choices, arrow keys in a list, Enter to continue.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { heading, tabTo } from '../helpers/journey.ts';
import { browserSuite } from '../helpers/browser-suite.ts';

const suite = browserSuite();

async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

describe('keyboard only', () => {
  it('when I use only the keyboard, then I can find, fill in and submit 粗大ごみの収集申込', async () => {
    const { page, problems } = await openPhone(suite.browser, suite.server.url, { width: 1280, height: 900 });
    await page.goto('/');
    await tabTo(page, '.skip-link');
    expect(await focusIsVisible(page)).toBe(true);
    await tabTo(page, 'a[href="/procedures/sodai-gomi"]');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('粗大ごみの収集申込');

    await tabTo(page, 'button.button--start');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('申し込む方について');

    await typeInto(page, '#root_applicant_name', '桜町 大輔');
    await typeInto(page, '#root_applicant_nameKana', 'サクラチョウ ダイスケ');
    await typeInto(page, '#root_applicant_postalCode', '1840005');
    await typeInto(page, '#root_applicant_address', '東京都小金井市桜町一丁目5番5号 さくらハイツ101');
    await typeInto(page, '#root_applicant_phone', '09098765432');
    await tabTo(page, '#root_applicant_housing-0');
    await page.keyboard.press('ArrowDown'); // moves to and selects 集合住宅
    await expect.poll(() => page.getByLabel('集合住宅').isChecked()).toBe(true);
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');

    await expect.poll(() => heading(page)).toBe('出す品物');
    // The first item of the list is added by the form as it renders: wait for it before tabbing.
    await page.locator('#root_items_list_0_kind').waitFor();
    await tabTo(page, '#root_items_list_0_kind');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('#root_items_list_0_kind option:checked').textContent()).toBe('机・テーブル');
    await typeInto(page, '#root_items_list_0_note', '幅120cm');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');

    await expect.poll(() => heading(page)).toBe('収集の希望');
    await typeInto(page, '#root_collection_place', '集合住宅のごみ置き場');
    await page.keyboard.press('Enter'); // implicit submission from a text box
    await expect.poll(() => heading(page)).toBe('入力内容の確認');

    await tabTo(page, '#declaration');
    await page.keyboard.press('Space');
    await tabTo(page, '#submit');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('申請を受け付けました');
    await expectAccessible(page, 'completion (desktop)');

    const ref = (await page.getByTestId('reference-number').textContent()) ?? '';
    const row = await suite.server.testDb.db('submissions').where({ reference_number: ref }).first();
    const stored = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(stored).toEqual({
      applicant: {
        name: '桜町 大輔',
        nameKana: 'サクラチョウ\u3000ダイスケ',
        postalCode: '184-0005',
        address: '東京都小金井市桜町一丁目5番5号 さくらハイツ101',
        phone: '09098765432',
        housing: 'apartment',
      },
      items: { list: [{ kind: 'desk', quantity: 1, note: '幅120cm' }] },
      collection: { place: '集合住宅のごみ置き場' },
    });
    expect(problems).toEqual([]);
  });
});
