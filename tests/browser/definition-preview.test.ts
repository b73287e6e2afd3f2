/**
 * A new clerk of 市民課 previews the unpublished 戸籍証明書 before it goes live: every step and the
 * check page as a resident would see them, in English too, under a banner, with nothing filed;
 * then a deliberately broken copy of the file, whose problems are listed where they are.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepsOf } from '../../shared/forms/steps.ts';
import { expectAccessible, openPhone, PLAYWRIGHT_WAIT_MS } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { DEFINITIONS_DIR, definition } from '../helpers/http.ts';
import { heading } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuite();

describe('previewing a definition before it is published', () => {
  it(
    'when I, a new 市民課 clerk, preview 戸籍証明書, I walk every step and the check page under a preview banner, in English too, and nothing is sent; a broken copy lists its problems',
    async () => {
      await addStaff(suite.server, 'shimin.new@koganei.example', 'clerk', 'shimin');
      const koseki = definition('koseki-shomei');
      const steps = stepsOf(koseki);
      const { page, context, problems } = await openPhone(suite.browser, suite.server.url, { width: 1280, height: 900 });
      await page.goto('/staff');
      await page.getByLabel('メールアドレス').fill('shimin.new@koganei.example');
      await page.getByLabel('パスワード').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('link', { name: '定義のプレビュー' }).click();
      await expect.poll(() => heading(page)).toBe('手続の定義をプレビューする');
      await expectAccessible(page, 'preview list');
      const card = page.locator('.card').filter({ hasText: '戸籍証明書' });
      expect(await card.textContent()).toContain('未公開');
      await card.getByRole('button', { name: /プレビューする/u }).click();

      // The procedure page as residents will see it, under the banner.
      await expect.poll(() => heading(page), { timeout: PLAYWRIGHT_WAIT_MS }).toBe(koseki.title.ja);
      const banner = page.locator('.preview-banner');
      expect(await banner.textContent()).toContain('保存されず、送信もできません');
      await expectAccessible(page, 'preview procedure page');
      await page.getByRole('button', { name: '申請を始める' }).click();
      for (const [i, step] of steps.entries()) {
        await expect.poll(() => heading(page), { timeout: PLAYWRIGHT_WAIT_MS }).toBe(step.title.ja);
        expect(await banner.isVisible()).toBe(true);
        await expectAccessible(page, `preview step ${i + 1}`);
        // An empty step is checked exactly as for a resident; what I type stays in this page only.
        if (i === 0) {
          await page.getByRole('button', { name: /次へ進む|入力内容の確認へ進む/u }).click();
          await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
          await page.locator('main input[type="text"]').first().fill('プレビュー');
        }
        const url = new URL(page.url());
        const next =
          i + 1 < steps.length ? url.pathname.replace(/steps\/\d+$/u, `steps/${i + 2}`) : url.pathname.replace(/steps\/\d+$/u, 'check');
        // Within the page: a reload would start the preview afresh, with nothing typed.
        await page.evaluate((to) => {
          history.pushState({}, '', to);
          dispatchEvent(new PopStateEvent('popstate'));
        }, next);
      }
      await expect.poll(() => heading(page)).toBe('入力内容の確認');
      await expectAccessible(page, 'preview check page');
      expect(await page.getByTestId('preview-no-submit').textContent()).toContain('送信');

      // In English.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await expect.poll(() => heading(page)).toBe('Check your answers');
      expect(await banner.textContent()).toContain('nothing can be sent');
      await expectAccessible(page, 'preview check page in English');
      await page
        .getByRole('button', { name: 'Switch to Japanese' })
        .or(page.getByRole('button', { name: '日本語に切り替える' }))
        .click();

      // Nothing was filed, and nothing of the preview is in the browser's storage.
      expect(Number(((await suite.server.testDb.db('submissions').count({ n: '*' }).first()) as { n: number | string }).n)).toBe(0);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('koseki')))).toEqual([]);

      // A broken copy: its problems are listed with the place in the file.
      const broken = JSON.parse(readFileSync(path.join(DEFINITIONS_DIR, 'koseki-shomei-family-register.json'), 'utf8'));
      const firstStep = Object.keys(broken.schema.properties)[1]!;
      const stepNode = broken.schema.properties[firstStep];
      const firstQuestion = Object.keys(stepNode.properties)[0]!;
      delete stepNode.properties[firstQuestion]['x-en'];
      broken.category = 'paperwork';
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'preview-')), 'koseki-broken.json');
      writeFileSync(file, JSON.stringify(broken));
      await page.goto('/staff/previews');
      await page.getByLabel('定義ファイル（JSON）').setInputFiles(file);
      await page.getByRole('button', { name: 'チェックしてプレビューする' }).click();
      const list = page.locator('.problem-list li');
      await expect.poll(() => list.count(), { timeout: PLAYWRIGHT_WAIT_MS }).toBeGreaterThan(0);
      const text = (await page.locator('.problem-list').textContent()) ?? '';
      expect(text).toContain('/category');
      expect(text).toContain('決められた値のいずれかにしてください。');
      expect(await page.locator('#problems-title').textContent()).toMatch(/定義ファイルに\d+件の問題があります/u);
      await expectAccessible(page, 'preview problems');
      expect(problems.filter((p) => !/Failed to load resource/u.test(p))).toEqual([]);
      await context.close();
    },
    PLAYWRIGHT_WAIT_MS * 6,
  );
});
