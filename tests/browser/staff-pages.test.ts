/**
 * Staff pages with the keyboard alone, at 320 px, and for a role without access; axe on each.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { call, definition, submit } from '../helpers/http.ts';
import { heading, tabTo } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuite();

describe('signing in', () => {
  it('when someone tried my password twice before I sign in, then I am told so once, after signing in', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'guessed@koganei.example', 'clerk', 'kosodate-shien');
    for (let i = 0; i < 2; i += 1) {
      const res = await call(`${server.url}/api/staff/session`, {
        method: 'POST',
        json: { email: 'guessed@koganei.example', password: 'a wrong guess' },
      });
      expect(res.status).toBe(401);
    }
    const { page, problems, context } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('guessed@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(page)).toBe('受付一覧');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'ログインが2回失敗しています' }).count()).toBe(1);
    await expectAccessible(page, 'queue with the failed sign-in notice');
    await page.reload();
    await expect.poll(() => heading(page)).toBe('受付一覧');
    expect(await page.getByText('ログインが2回失敗しています').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('staff pages', () => {
  it('when a clerk uses only the keyboard, then they can sign in, open a submission and move it to 審査中', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'kb@koganei.example', 'clerk', 'kosodate-shien');
    const { referenceNumber } = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body;
    const { page, problems, context } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await page.goto('/staff');
    await tabTo(page, '#email');
    await page.keyboard.type('kb@koganei.example');
    await tabTo(page, '#password');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('受付一覧');
    await tabTo(page, `a[href="/staff/submissions/${referenceNumber}"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe(referenceNumber);
    await tabTo(page, '#to');
    expect(await page.locator('#to').inputValue()).toBe('in_review');
    await tabTo(page, 'button.button:not(.button--secondary)');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main .status-tag').first().textContent()).toBe('審査中');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when a clerk opens the queue and a submission on a 320 px phone, then the page does not scroll sideways and axe finds nothing', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'small@koganei.example', 'supervisor', 'kosodate-shien');
    const { referenceNumber } = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body;
    const { page, context, problems } = await openPhone(browser, server.url, { width: 320, height: 640 });
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('small@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(page)).toBe('受付一覧');
    // Measure the queue with its table: the heading comes before the list's fetch.
    await page.getByRole('link', { name: referenceNumber }).waitFor();
    await untilLoaded(page);
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideways()).toBe(true);
    await expectAccessible(page, 'queue at 320px');
    await page.goto(`/staff/submissions/${referenceNumber}`);
    await expect.poll(() => heading(page)).toBe(referenceNumber);
    await untilLoaded(page);
    expect(await noSideways()).toBe(true);
    await expectAccessible(page, 'detail at 320px');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when someone from the DX office opens the queue, then they are told it is for department staff', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'dx@koganei.example', 'dx');
    const { page, context } = await openPhone(browser, server.url);
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('dx@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(page)).toBe('オンライン化の状況'); // the DX office lands on its dashboard
    await page.goto('/staff/queue');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('担当課の職員');
    await expectAccessible(page, 'queue refused for dx');
    await context.close();
  });
});
