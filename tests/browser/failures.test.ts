/**
 * When the network or the server fails: the home page, the status page and the staff pages say so
 * (role="alert", with 「もう一度読み込む」 where loading again makes sense) instead of loading
 * forever, and trying again works once the connection is back. axe runs on each failure.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { definition, submit } from '../helpers/http.ts';
import { heading } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuite();

/** A busy two-core machine: wait for conditions, never for a fixed time, and wait long. */
const patiently = { timeout: 30_000 };

const LOAD_FAILED = '読み込めませんでした。通信環境を確認して、もう一度お試しください。';

/**
 * Chromium logs every request a test makes fail on purpose as a console error; those lines (and
 * only those) are expected here. Anything else, such as an unhandled rejection, still fails.
 */
const INTENDED = /^Failed to load resource: (net::ERR_FAILED|the server responded with a status of 500)/u;
const unexpected = (problems: string[]) => problems.filter((p) => !INTENDED.test(p));

/** The loading message is gone (no endless 読み込んでいます…). */
const spinners = (page: Page) => page.getByText('読み込んでいます…').count();

const alertText = (page: Page) => page.getByRole('alert').textContent();

describe('when the server cannot be reached', () => {
  it('when I open the home page, then I am told the list could not be loaded, and 「もう一度読み込む」 shows it once the server is back', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    const procedures = (url: URL) => url.pathname === '/api/procedures';
    await page.route(procedures, (route) => route.abort('failed'));
    await page.goto('/');
    await expect.poll(() => alertText(page), patiently).toContain(LOAD_FAILED);
    expect(await heading(page)).toBe('オンラインでできる手続');
    expect(await spinners(page)).toBe(0);
    await expectAccessible(page, 'home page, list not loaded');

    await page.unroute(procedures);
    await page.getByRole('button', { name: 'もう一度読み込む' }).click();
    await page.getByRole('link', { name: '粗大ごみの収集申込' }).waitFor(patiently);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await spinners(page)).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('when I check my application on the status page, then I am told it could not be loaded, and checking again works once the server is back', async () => {
    const { server, browser } = suite;
    const filed = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body as {
      referenceNumber: string;
      accessCode: string;
    };
    const { page, context, problems } = await openPhone(browser, server.url);
    await page.goto('/status');
    await expect.poll(() => heading(page), patiently).toBe('申請状況の確認');
    // A proxy's bare error page: no JSON, no message of the platform's own.
    const status = (url: URL) => url.pathname === '/api/submissions/status';
    await page.route(status, (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' }));
    await page.getByLabel('受付番号').fill(filed.referenceNumber);
    await page.getByLabel('アクセスコード').fill(filed.accessCode);
    await page.getByRole('button', { name: '状況を確認する' }).click();
    await expect.poll(() => alertText(page), patiently).toContain(LOAD_FAILED);
    await expect.poll(() => page.getByRole('button', { name: '状況を確認する' }).isEnabled(), patiently).toBe(true);
    expect(await spinners(page)).toBe(0);
    await expectAccessible(page, 'status page, server failing');

    await page.unroute(status);
    await page.getByRole('button', { name: '状況を確認する' }).click();
    await expect.poll(() => page.locator('.status-result').textContent(), patiently).toContain(filed.referenceNumber);
    expect(await page.getByRole('alert').count()).toBe(0);

    // The receipt cannot be downloaded while the connection is down; it can once it is back.
    const receipt = (url: URL) => url.pathname === '/api/submissions/receipt.pdf';
    await page.route(receipt, (route) => route.abort('failed'));
    await page.getByRole('button', { name: '申請の控え（PDF）をダウンロード' }).click();
    await expect.poll(() => alertText(page), patiently).toContain('申請の控えをダウンロードできませんでした。');
    await expectAccessible(page, 'status page, receipt not downloaded');
    await page.unroute(receipt);
    const [download] = await Promise.all([
      page.waitForEvent('download', patiently),
      page.getByRole('button', { name: '申請の控え（PDF）をダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`receipt-${filed.referenceNumber}.pdf`);
    await expect.poll(() => page.getByRole('alert').count(), patiently).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('when the code of the form page cannot be downloaded as I start, then I am told so, and 「もう一度読み込む」 opens the form once the connection is back', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/sodai-gomi');
    await expect.poll(() => heading(page), patiently).toBe('粗大ごみの収集申込');
    const stepPageCode = (url: URL) => /^\/assets\/StepPage-[\w-]+\.js$/u.test(url.pathname);
    await page.route(stepPageCode, (route) => route.abort('failed'));
    await page.getByRole('button', { name: /申請を始める/u }).click();
    await expect.poll(() => alertText(page), patiently).toContain('この画面を表示できませんでした。');
    expect(await spinners(page)).toBe(0);
    await expectAccessible(page, 'form page code not downloaded');
    await page.unroute(stepPageCode);
    await page.getByRole('button', { name: 'もう一度読み込む' }).click();
    await expect.poll(() => heading(page), patiently).toBe('申し込む方について');
    // React reports the error its boundary caught (the failed import) on the console: expected here.
    expect(unexpected(problems).filter((p) => !p.includes('Failed to fetch dynamically imported module'))).toEqual([]);
    await context.close();
  });

  it('when a clerk opens the queue, then they are told it could not be loaded, and 「もう一度読み込む」 shows it once the server is back', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'offline@koganei.example', 'clerk', 'kosodate-shien');
    const { referenceNumber } = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body as {
      referenceNumber: string;
    };
    const { page, context, problems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('offline@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(page), patiently).toBe('受付一覧');
    const row = page.getByRole('link', { name: referenceNumber });
    await row.waitFor(patiently);

    // The queue itself cannot be loaded.
    const queue = (url: URL) => url.pathname === '/api/staff/submissions';
    await page.route(queue, (route) => route.abort('failed'));
    await page.reload();
    await expect.poll(() => alertText(page), patiently).toContain(LOAD_FAILED);
    expect(await heading(page)).toBe('受付一覧');
    expect(await spinners(page)).toBe(0);
    await expectAccessible(page, 'queue not loaded');
    await page.unroute(queue);
    await page.getByRole('button', { name: 'もう一度読み込む' }).click();
    await row.waitFor(patiently);
    expect(await page.getByRole('alert').count()).toBe(0);

    // Not even the sign-in can be checked.
    const session = (url: URL) => url.pathname === '/api/staff/session';
    await page.route(session, (route) => route.abort('failed'));
    await page.reload();
    await expect.poll(() => alertText(page), patiently).toContain(LOAD_FAILED);
    expect(await spinners(page)).toBe(0);
    await expectAccessible(page, 'queue, sign-in not checked');
    await page.unroute(session);
    await page.getByRole('button', { name: 'もう一度読み込む' }).click();
    await expect.poll(() => heading(page), patiently).toBe('受付一覧');
    await row.waitFor(patiently);

    // Signing out fails: the clerk is told, and stays signed in rather than believing they left.
    await page.route(session, (route) => (route.request().method() === 'DELETE' ? route.abort('failed') : route.fallback()));
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await expect.poll(() => alertText(page), patiently).toContain('ログアウトできませんでした。');
    expect(await heading(page)).toBe('受付一覧');
    await page.unroute(session);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await expect.poll(() => heading(page), patiently).toBe('職員ログイン');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
