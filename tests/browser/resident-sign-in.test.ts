/**
 * A resident signs in on a phone through the identity provider (a real OpenID Connect provider on
 * localhost standing in for デジタル認証アプリ), sees マイページ with what they filed while signed in
 * and their drafts, and signs out. axe runs on every page of ours.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, openPhone } from '../helpers/browser.ts';
import { heading } from '../helpers/journey.ts';
import { definition } from '../helpers/http.ts';
import { startWithProvider, type WithProvider } from '../helpers/oidc.ts';

let t: WithProvider;
let browser: Browser;
beforeAll(async () => {
  t = await startWithProvider();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('signing in as a resident', () => {
  it('when I open マイページ, sign in and file something, then I see it there without any access code; then I sign out', async () => {
    const { page, problems } = await openPhone(browser, t.server.url);
    await page.goto('/mypage');
    await expect.poll(() => heading(page)).toBe('ログイン（本人確認）');
    await expectAccessible(page, 'sign-in page');
    await page.getByRole('link', { name: /でログインする/u }).click();

    // The provider's page (the stand-in): pick a synthetic resident.
    await page.getByRole('button', { name: /小金井 花子/u }).click();
    await expect.poll(() => heading(page)).toBe('マイページ');
    await expect.poll(() => page.getByText('小金井 花子 さんとしてログインしています（本人確認済み）。').count()).toBe(1);
    await expectAccessible(page, 'マイページ, empty');
    expect(await page.getByText('ログインして申請した手続はまだありません。').count()).toBe(1);

    // File as the signed-in resident (the app sends the session's CSRF token with the submission), and keep a draft.
    const sodai = definition('sodai-gomi');
    const statuses = await page.evaluate(
      async ({ version, answers, draftVersion }) => {
        const session = (await (await fetch('/api/resident/session')).json()) as { csrfToken: string };
        const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
        const draft = await fetch('/api/my/drafts/kaigo-01', {
          method: 'PUT',
          headers,
          body: JSON.stringify({ definitionVersion: draftVersion, answers: {} }),
        });
        const res = await fetch('/api/procedures/sodai-gomi/submissions', {
          method: 'POST',
          headers,
          body: JSON.stringify({ definitionVersion: version, answers }),
        });
        return [draft.status, res.status];
      },
      { version: sodai.version, answers: sodai.examples[0], draftVersion: definition('kaigo-01').version },
    );
    expect(statuses).toEqual([200, 201]);
    await page.reload();
    await expect.poll(() => page.getByText('粗大ごみ', { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/自動で削除されます/u).count()).toBe(1);
    await expectAccessible(page, 'マイページ with a submission and a draft');

    await page.getByRole('button', { name: 'ログアウト' }).click();
    // The provider asks before ending its own session too, then sends me back.
    await page.getByRole('button', { name: /ログアウトする/u }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.getByRole('link', { name: 'ログイン' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('when the sign-in is cancelled at the provider, then I am told so on the sign-in page', async () => {
    const { page } = await openPhone(browser, t.server.url);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: /でログインする/u }).click();
    await page.getByRole('button', { name: /やめる/u }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ログインが取り消されました。');
    await expectAccessible(page, 'sign-in page with an error');
  });
});
