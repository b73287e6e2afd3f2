/**
 * Unfinished answers in the browser (issue 9): kept only as long as the resident needs them,
 * 個人番号 and account numbers never in storage that outlives the tab, and deletable by the resident.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { field, heading, signInWithMyNumberCard } from '../helpers/journey.ts';
import { browserSuite } from '../helpers/browser-suite.ts';

const suite = browserSuite();
const storage = (page: Page, which: 'localStorage' | 'sessionStorage', key: string) =>
  page.evaluate(([w, k]) => (w === 'localStorage' ? localStorage : sessionStorage).getItem(k!) ?? '', [which, key] as const);

describe('a draft on this device', () => {
  it('when I type my 個人番号 in 児童手当 and close the tab, then only my other answers are kept for later', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/kosodate-01');
    await signInWithMyNumberCard(page, '小金井 太郎');
    await page.getByRole('button', { name: /申請を始める/u }).click();
    await expect.poll(() => heading(page)).toBe('請求者（受給者）について');
    await field(page, '氏名（フリガナ）').fill('コガネイ タロウ');
    await field(page, '個人番号（マイナンバー）').fill('023456789013');
    await expect.poll(() => storage(page, 'localStorage', 'koganei.draft.kosodate-01')).toContain('コガネイ タロウ');
    await expect.poll(() => storage(page, 'sessionStorage', 'koganei.draft-sensitive.kosodate-01')).toContain('023456789013');
    expect(await storage(page, 'localStorage', 'koganei.draft.kosodate-01')).not.toContain('023456789013');
    // A reload in the same tab keeps everything.
    await page.reload();
    await expect.poll(() => field(page, '個人番号（マイナンバー）').inputValue()).toBe('023456789013');
    await page.close();

    const again = await context.newPage();
    await again.goto('/procedures/kosodate-01');
    await again.getByRole('link', { name: '入力の続きから再開する' }).click();
    await expect.poll(() => field(again, '氏名（フリガナ）').inputValue()).toBe('コガネイ タロウ');
    expect(await field(again, '個人番号（マイナンバー）').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when I delete my unfinished answers from the procedure page, then nothing of them is left on this device', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/hisai-01');
    await page.getByRole('button', { name: /申請を始める/u }).click();
    await field(page, '氏名').fill('中町 裕子');
    await expect.poll(() => storage(page, 'localStorage', 'koganei.draft.hisai-01')).toContain('中町 裕子');
    await page.goto('/procedures/hisai-01');
    await page.getByRole('button', { name: '入力途中の内容を削除する' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('入力途中の内容を、この端末から削除しました。');
    expect(await storage(page, 'localStorage', 'koganei.draft.hisai-01')).toBe('');
    await expect.poll(() => page.getByRole('button', { name: /申請を始める/u }).count()).toBe(1);
    await expectAccessible(page, 'procedure page after deleting the draft');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when I come back more than 7 days after I last touched a draft, then it has been deleted, with the names of its files', async () => {
    const { page, context } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/');
    await page.evaluate(() => {
      const old = new Date(Date.now() - 8 * 86_400_000).toISOString();
      const fresh = new Date().toISOString();
      localStorage.setItem(
        'koganei.draft.hisai-01',
        JSON.stringify({ procedureId: 'hisai-01', version: 1, answers: { applicant: { name: '古い 下書き' } }, updatedAt: old }),
      );
      localStorage.setItem(
        'koganei.uploads.hisai-01',
        JSON.stringify({ token: 't'.repeat(43), files: { att_AAAAAAAAAAAAAAAAAAAAAA: { name: 'IMG_0001.jpg', size: 1 } }, updatedAt: old }),
      );
      localStorage.setItem(
        'koganei.draft.sodai-gomi',
        JSON.stringify({ procedureId: 'sodai-gomi', version: 2, answers: { applicant: { name: '新しい 下書き' } }, updatedAt: fresh }),
      );
    });
    await page.reload();
    await expect.poll(() => storage(page, 'localStorage', 'koganei.draft.hisai-01')).toBe('');
    expect(await storage(page, 'localStorage', 'koganei.uploads.hisai-01')).toBe('');
    expect(await storage(page, 'localStorage', 'koganei.draft.sodai-gomi')).toContain('新しい 下書き');
    await page.goto('/procedures/hisai-01');
    await expect.poll(() => page.getByRole('button', { name: /申請を始める/u }).count()).toBe(1);
    expect(await page.getByText('入力途中の内容が、この端末に保存されています。').count()).toBe(0);
    await context.close();
  });
});

describe('the anonymous form-start count', () => {
  it('when I start the same form twice today, then it is counted once', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    const starts = async () =>
      Number(
        (
          (await suite.server.testDb.db('form_starts').where('procedure_id', 'sodai-gomi').sum({ n: 'n' })) as {
            n: number | string | null;
          }[]
        )[0]!.n ?? 0,
      );
    const before = await starts();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/procedures/sodai-gomi/starts')) sent.push(r.method());
    });
    for (let i = 0; i < 2; i += 1) {
      await page.goto('/procedures/sodai-gomi');
      await page
        .getByRole('button', { name: /申請を始める|最初から入力し直す/u })
        .first()
        .click();
      await expect.poll(() => page.url()).toContain('/steps/1');
    }
    // The click sends the count before the form opens: the second start sent nothing.
    expect(sent).toEqual(['POST']);
    await expect.poll(starts).toBe(before + 1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
