/**
 * Staff accounts as a new admin meets them, with STAFF_MFA=required: sign in, set up the second
 * factor (reading the key from the page and computing the code as an authenticator app would),
 * create a clerk, move them to another department, disable them; the clerk's open session is
 * signed out each time. The clerk signs in with the keyboard alone. axe on every page, and the
 * admin's pages at 320 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { heading, tabTo } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD, totp } from '../helpers/staff.ts';

const suite = browserSuite({ STAFF_MFA: 'required' });

/** Sets up the authenticator as a person does: reads the key shown under the QR code into "the app", types the app's code. */
async function enrolAuthenticator(page: Page): Promise<string> {
  await expect.poll(() => heading(page)).toBe('2段階認証');
  await page.getByRole('button', { name: '認証アプリを設定する' }).click();
  await expect.poll(() => page.getByRole('img', { name: '認証アプリ設定用のQRコード' }).count()).toBe(1);
  const secret = (await page.locator('#totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/u);
  await expectAccessible(page, 'enrolment with the QR code');
  await page.getByLabel('確認コード').fill(await totp(secret));
  await page.getByRole('button', { name: '設定を完了する' }).click();
  await expect.poll(() => page.locator('.recovery-codes li').count()).toBe(10);
  await expectAccessible(page, 'recovery codes');
  await page.getByRole('button', { name: '保管しました。続ける' }).click();
  return secret;
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('a new admin', () => {
  it('when I sign in, set up the second factor, create a clerk, move them and disable them, then the clerk is signed out each time', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'new-admin@koganei.example', 'admin');
    const admin = await openPhone(browser, server.url, { width: 1280, height: 900 });
    const page = admin.page;
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('new-admin@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    // The second factor comes before anything else: the menu offers nothing yet.
    await expect.poll(() => heading(page)).toBe('2段階認証');
    expect(await page.getByRole('navigation', { name: '職員メニュー' }).count()).toBe(0);
    await page.goto('/staff/admin/accounts');
    await expect.poll(() => heading(page)).toBe('2段階認証');
    await enrolAuthenticator(page);

    // My landing page is the account list; the menu offers only what an admin may do.
    await expect.poll(() => heading(page)).toBe('アカウント管理');
    const menu = page.getByRole('navigation', { name: '職員メニュー' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['アカウント管理', '自分のアカウント']);
    await page.getByRole('cell', { name: /new-admin@koganei\.example/u }).waitFor();
    await expectAccessible(page, 'account list');

    const create = page.getByRole('region', { name: 'アカウントを作成する' });
    await create.getByLabel('メールアドレス').fill('hanako@koganei.example');
    await create.getByLabel('表示名').fill('子育て 花子');
    await create.getByLabel('役割').selectOption('clerk');
    await create.getByLabel('所属課', { exact: true }).selectOption('kosodate-shien');
    await create.getByLabel(/初期パスワード/u).fill('spring at koganei 2026');
    await create.getByLabel(/理由/u).fill('新規採用');
    await create.getByRole('button', { name: 'アカウントを作成する' }).click();
    await page.getByRole('link', { name: '子育て 花子' }).waitFor();

    // The clerk signs in with the keyboard alone, sets up the app, changes the first password.
    const clerk = await openPhone(browser, server.url, { width: 1280, height: 900 });
    const cp = clerk.page;
    await cp.goto('/staff');
    await tabTo(cp, '#email');
    await cp.keyboard.type('hanako@koganei.example');
    await tabTo(cp, '#password');
    await cp.keyboard.type('spring at koganei 2026');
    await cp.keyboard.press('Enter');
    await expect.poll(() => heading(cp)).toBe('2段階認証');
    await tabTo(cp, '#mfa-start');
    await cp.keyboard.press('Enter');
    const clerkSecret = (await cp.locator('#totp-secret').textContent())!.trim();
    await tabTo(cp, '#enrol-code');
    await cp.keyboard.type(await totp(clerkSecret));
    await cp.keyboard.press('Enter');
    await expect.poll(() => cp.locator('.recovery-codes li').count()).toBe(10);
    await tabTo(cp, '.panel .button');
    await cp.keyboard.press('Enter');
    await expect.poll(() => heading(cp)).toBe('自分のアカウント');
    await expectAccessible(cp, 'password to change first');
    await tabTo(cp, '#currentPassword');
    await cp.keyboard.type('spring at koganei 2026');
    await tabTo(cp, '#newPassword');
    await cp.keyboard.type('my own long passphrase');
    await cp.keyboard.press('Enter');
    await expect.poll(() => heading(cp)).toBe('受付一覧');

    // I move the clerk to 市民課: their open session ends.
    await page.getByRole('link', { name: '子育て 花子' }).click();
    await expect.poll(() => heading(page)).toBe('子育て 花子');
    await untilLoaded(page);
    await expectAccessible(page, 'account edit');
    const placement = page.getByRole('region', { name: '役割・所属課・利用' });
    await placement.getByLabel('所属課', { exact: true }).selectOption('shimin');
    await placement.getByLabel(/理由/u).fill('令和9年4月 人事異動');
    await placement.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '変更しました' }).count()).toBe(1);
    await cp.reload();
    await expect.poll(() => heading(cp)).toBe('職員ログイン');

    // The clerk signs in again (a later code from the app: the first one is spent), now in 市民課.
    await cp.getByLabel('メールアドレス').fill('hanako@koganei.example');
    await cp.getByLabel('パスワード').fill('my own long passphrase');
    await cp.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(cp)).toBe('2段階認証');
    await cp.getByLabel('確認コード').fill(await totp(clerkSecret, 1));
    await cp.getByRole('button', { name: '確認する' }).click();
    await expect.poll(() => heading(cp)).toBe('受付一覧');

    // I disable the clerk: signed out at once, and cannot sign in.
    await placement.getByLabel(/停止する/u).check();
    await placement.getByLabel(/理由/u).fill('退職');
    await placement.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.locator('main .status-tag').first().textContent()).toBe('停止中');
    await cp.reload();
    await expect.poll(() => heading(cp)).toBe('職員ログイン');
    await cp.getByLabel('メールアドレス').fill('hanako@koganei.example');
    await cp.getByLabel('パスワード').fill('my own long passphrase');
    await cp.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => cp.getByRole('alert').textContent()).toContain('正しくありません');

    // The admin's pages on a 320 px phone.
    await page.setViewportSize({ width: 320, height: 640 });
    await untilLoaded(page);
    expect(await noSideways(page)).toBe(true);
    await expectAccessible(page, 'account edit at 320px');
    await page.goto('/staff/admin/accounts');
    await page.getByRole('link', { name: '子育て 花子' }).waitFor();
    expect(await noSideways(page)).toBe(true);
    await page.goto('/staff/account');
    await expect.poll(() => heading(page)).toBe('自分のアカウント');
    await page.getByText('この端末').first().waitFor();
    expect(await noSideways(page)).toBe(true);
    await expectAccessible(page, 'own account at 320px');

    expect(admin.problems).toEqual([]);
    expect(clerk.problems.filter((p) => !/401|Unauthorized/u.test(p))).toEqual([]);
    await clerk.context.close();
    await admin.context.close();
  });

  it('when a clerk opens the account list, then the refusal names the role that may', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'curious@koganei.example', 'clerk', 'kosodate-shien');
    const { page, context } = await openPhone(browser, server.url);
    // With STAFF_MFA=required the clerk sets up the second factor first.
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('curious@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await enrolAuthenticator(page);
    await expect.poll(() => heading(page)).toBe('受付一覧');
    const menu = page.getByRole('navigation', { name: '職員メニュー' });
    expect(await menu.getByRole('link').allTextContents()).toEqual([
      '受付一覧',
      '窓口で代行入力',
      '窓口・郵送の件数を入力',
      '定義のプレビュー',
      '自分のアカウント',
    ]);
    await page.goto('/staff/admin/accounts');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('管理者（admin）');
    await expectAccessible(page, 'account list refused for a clerk');
    await context.close();
  });
});
