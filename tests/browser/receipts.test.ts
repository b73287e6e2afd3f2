/**
 * Receipts in the browser: a resident downloads the 控え of 住民票の写し (2 copies) from the status
 * page, its QR link opens the public verification page, and staff download the department copy.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { definition, submit } from '../helpers/http.ts';
import { heading } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuite();

describe('receipts', () => {
  it('when a resident downloads the receipt and follows its QR link, then the city confirms it; staff get the department copy', async () => {
    const { server, browser } = suite;
    const filed = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body as {
      referenceNumber: string;
      accessCode: string;
    };
    const { page, problems } = await openPhone(browser, server.url);
    await page.goto('/status');
    await page.getByLabel('受付番号').fill(filed.referenceNumber);
    await page.getByLabel('アクセスコード').fill(filed.accessCode);
    await page.getByRole('button', { name: '状況を確認する' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '申請の控え（PDF）をダウンロード' }).click(),
    ]);
    const text = execFileSync('pdftotext', ['-layout', (await download.path())!, '-'], { encoding: 'utf8' });
    expect(text).toContain(filed.referenceNumber);
    expect(text).toContain('300円 × 2通 = 600円');
    const sha = /SHA-256：([0-9a-f]{64})/u.exec(text.replace(/\s+/gu, ''))?.[1] ?? '';
    expect(text.replace(/\s+/gu, '')).toContain(`/verify/${filed.referenceNumber}/${sha}`); // the link the QR code holds

    await page.goto(`/verify/${filed.referenceNumber}/${sha}`);
    await expect.poll(() => heading(page)).toBe('申請の控えの確認');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('この控えは、小金井市が発行したものです。');
    expect(await page.locator('main').textContent()).not.toContain('東町');
    await expectAccessible(page, 'verification page');
    expect(problems).toEqual([]);

    await addStaff(server, 'shimin@koganei.example', 'clerk', 'shimin');
    const { page: clerk } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await clerk.goto(`/staff/submissions/${filed.referenceNumber}`);
    await clerk.getByLabel('メールアドレス').fill('shimin@koganei.example');
    await clerk.getByLabel('パスワード').fill(TEST_PASSWORD);
    await clerk.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(clerk)).toBe(filed.referenceNumber);
    const [dept] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: '担当課用の控え（PDF）' }).click()]);
    const deptText = execFileSync('pdftotext', ['-layout', (await dept.path())!, '-'], { encoding: 'utf8' });
    expect(deptText).toContain('受付印');
  });

  it('when I read the site in English and download my receipt, then it is in English', async () => {
    const { server, browser } = suite;
    const filed = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body as {
      referenceNumber: string;
      accessCode: string;
    };
    const { page, context, problems } = await openPhone(browser, server.url);
    await page.goto('/status');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByLabel('Reference number').fill(filed.referenceNumber);
    await page.getByLabel('Access code').fill(filed.accessCode);
    await page.getByRole('button', { name: 'Check status' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download your receipt (PDF)' }).click(),
    ]);
    const text = execFileSync('pdftotext', [(await download.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/gu, ' ');
    expect(text).toContain(`Reference number: ${filed.referenceNumber}`);
    expect(text).toContain('your copy');
    expect(text).not.toContain('受付番号');
    await expectAccessible(page, 'status page in English');
    expect(problems).toEqual([]);
    await context.close();
  });
});
