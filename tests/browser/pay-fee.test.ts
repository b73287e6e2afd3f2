/**
 * A new resident files 住民票の写し for 2 copies, pays 600 yen on (a local stand-in for) Stripe
 * Checkout, comes back to "paid", downloads the receipt, and a clerk of 市民課 finds it paid in the
 * queue. The webhook the stand-in sends is signed with Stripe's SDK and checked by the platform.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { browserSuiteWithStripe } from '../helpers/browser-suite.ts';
import { choose, enterDate, field, group, heading, next } from '../helpers/journey.ts';
import { photoWithGps } from '../helpers/files.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuiteWithStripe();

describe('paying a fee online', () => {
  it('when I file 住民票の写し for 2 copies and pay 600 yen, then I see it paid, get the receipt, and staff see it paid in the queue', async () => {
    const { server, browser } = suite;
    const { page, problems } = await openPhone(browser, server.url);
    await page.goto('/');
    await page.getByLabel('手続を探す').fill('住民票');
    await page.getByRole('link', { name: '住民票の写しの交付請求（郵送）' }).click();
    await expect.poll(() => heading(page)).toBe('住民票の写しの交付請求（郵送）');
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain('1通につき300円');
    expect(await page.locator('dl.facts').textContent()).toContain('クレジットカードなどでお支払いいただきます');
    await expectAccessible(page, 'procedure page with a fee');
    await page.getByRole('button', { name: /申請を始める/u }).click();

    await expect.poll(() => heading(page)).toBe('請求する方について');
    await field(page, '氏名').fill('東町 誠');
    await field(page, '氏名（フリガナ）').fill('ヒガシチョウ マコト');
    await enterDate(page, '生年月日', '昭和', '60', '12', '24');
    await field(page, '郵便番号').fill('184-0011');
    await field(page, '住民登録のある住所').fill('東京都小金井市東町四丁目4番4号');
    await field(page, '日中に連絡がとれる電話番号').fill('042-383-1111');
    // The copy of an identity document a postal request encloses: a photo of the driving licence.
    const licence = path.join(mkdtempSync(path.join(tmpdir(), 'koganei-id-')), 'licence.jpg');
    writeFileSync(licence, await photoWithGps(800, 500, '#d0d8e0'));
    const idCopy = group(page, '本人確認書類の写し');
    await idCopy.getByLabel('ファイルを選ぶ').setInputFiles(licence);
    await expect.poll(() => idCopy.getByRole('listitem').textContent()).toContain('licence.jpg');
    await next(page);
    await expect.poll(() => heading(page)).toBe('必要な住民票');
    await choose(page, '記載する方', '本人のみ');
    await field(page, '通数').fill('2');
    await choose(page, '使う目的', '就職・勤務先への提出');
    await next(page);

    await expect.poll(() => page.getByTestId('fee-total').textContent()).toBe('300円 × 2通 = 600円');
    await expectAccessible(page, 'check your answers with the fee');
    await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
    await page.getByRole('button', { name: 'この内容で申請する' }).click();

    await expect.poll(() => heading(page)).toBe('申請を受け付けました');
    const ref = (await page.getByTestId('reference-number').textContent())!.trim();
    await expect.poll(() => page.getByTestId('payment-status').textContent()).toBe('未払い');
    expect(await page.getByTestId('fee-amount').textContent()).toBe('600円');
    await expectAccessible(page, 'completion page owing a fee');
    await page.getByRole('button', { name: '手数料を支払う（600円）' }).click();

    // Stripe's page (the stand-in): the amount is Stripe's to show; pay by card.
    await expect.poll(() => page.locator('#total').textContent()).toBe('600円');
    await page.getByRole('button', { name: '600円を支払う' }).click();

    await expect.poll(() => heading(page)).toBe('お支払いが完了しました');
    expect(page.url()).toContain(`${server.url}/payments/return?session_id=cs_test_`);
    await expect.poll(() => page.getByTestId('payment-status').textContent()).toBe('支払済み');
    expect(await page.locator('main').textContent()).toContain(ref);
    await expectAccessible(page, 'payment return page');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '申請の控え（PDF）をダウンロード' }).click(),
    ]);
    const text = execFileSync('pdftotext', ['-layout', (await download.path())!, '-'], { encoding: 'utf8' });
    expect(text).toContain(ref);
    expect(text).toContain('300円 × 2通 = 600円（支払済み）');
    expect(problems).toEqual([]);

    await addStaff(server, 'shimin@koganei.example', 'clerk', 'shimin');
    const { page: clerk, problems: clerkProblems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await clerk.goto('/staff');
    await clerk.getByLabel('メールアドレス').fill('shimin@koganei.example');
    await clerk.getByLabel('パスワード').fill(TEST_PASSWORD);
    await clerk.getByRole('button', { name: 'ログイン' }).click();
    const row = clerk.getByRole('row').filter({ hasText: ref });
    await expect.poll(() => row.textContent()).toContain('支払済み');
    expect(await row.textContent()).toContain('受付');
    await expectAccessible(clerk, 'queue with a paid submission');
    await row.getByRole('link', { name: ref }).click();
    await expect.poll(() => heading(clerk)).toBe(ref);
    const panel = clerk.getByRole('region', { name: '手数料と支払い' });
    await expect.poll(() => panel.textContent()).toContain('クレジットカード');
    await expect.poll(() => panel.getByRole('button', { name: '返金する' }).count()).toBe(1);
    await expectAccessible(clerk, 'detail with the payment panel');
    expect(clerkProblems).toEqual([]);
  });
});
