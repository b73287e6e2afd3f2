/**
 * After submitting: a resident on a phone who presses the browser's back button on the completion
 * page is told the application was sent, with its reference number and the way to its receipt and
 * status, instead of 「ページが見つかりません」.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { choose, field, heading, next } from '../helpers/journey.ts';

const suite = browserSuite();

/** A busy two-core machine: wait for conditions, never for a fixed time, and wait long. */
const patiently = { timeout: 30_000 };

describe('after submitting', () => {
  it('when I press the back button on the completion page, then I am told my application was sent, with its reference number', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/sodai-gomi/steps/1');
    await expect.poll(() => heading(page), patiently).toBe('申し込む方について');
    await field(page, '氏名').fill('桜町 大輔');
    await field(page, '氏名（フリガナ）').fill('サクラチョウ ダイスケ');
    await field(page, '郵便番号').fill('1840005');
    await page.locator('#root_applicant_address').fill('東京都小金井市桜町一丁目5番5号');
    await page.locator('#root_applicant_phone').fill('09098765432');
    await choose(page, 'お住まいの種類', '一戸建て');
    await next(page);
    await expect.poll(() => heading(page), patiently).toBe('出す品物');
    await page.locator('#root_items_list_0_kind').selectOption({ label: '机・テーブル' });
    await next(page);
    await expect.poll(() => heading(page), patiently).toBe('収集の希望');
    await page.locator('#root_collection_place').fill('玄関前');
    await next(page);
    await expect.poll(() => heading(page), patiently).toBe('入力内容の確認');
    await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
    await page.getByRole('button', { name: /申請する|送信する/u }).click();
    await expect.poll(() => heading(page), patiently).toBe('申請を受け付けました');
    const ref = (await page.getByTestId('reference-number').textContent()) ?? '';
    expect(ref).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/u);

    await page.goBack();
    await expect.poll(() => heading(page), patiently).toBe('この申請は送信済みです');
    expect(await page.getByTestId('sent-reference-number').textContent()).toBe(ref);
    expect(await page.locator('main').textContent()).toContain('もう一度送る必要はありません');
    expect(await page.getByText('ページが見つかりません').count()).toBe(0);
    await expectAccessible(page, 'check page after sending');

    await page.getByRole('link', { name: '受付番号と控えを表示する' }).click();
    await expect.poll(() => heading(page), patiently).toBe('申請を受け付けました');
    expect(await page.getByTestId('reference-number').textContent()).toBe(ref);
    expect(await page.getByRole('link', { name: '申請の状況を確認する' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
