/**
 * Procedures with a filing period, as a resident on a phone: before it opens and after it has
 * closed the procedure page says so and offers no form; a draft still open when the period ended
 * is told so on its steps and check page, and sending it is refused with the reason.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, PLAYWRIGHT_WAIT_MS, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { definitionsDir } from '../helpers/definitions-dir.ts';
import { definition } from '../helpers/http.ts';
import { heading, signInWithMyNumberCard } from '../helpers/journey.ts';

const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/u, 'Z');
// 保育施設の利用申込 opens in a week; 保育施設等の現況届 closed yesterday.
const nursery = { ...definition('kosodate-12'), opensAt: iso(Date.now() + 7 * day), closesAt: iso(Date.now() + 60 * day) };
const status = { ...definition('kosodate-13'), opensAt: iso(Date.now() - 60 * day), closesAt: iso(Date.now() - day) };
const suite = browserSuite({
  FORM_DEFINITIONS_DIR: definitionsDir({
    'kosodate-12-nursery-application.json': nursery,
    'kosodate-13-nursery-status-report.json': status,
  }),
});

describe('filing periods', () => {
  it(
    'when I open a procedure before its period, or after it, then I am told when it opens or that it closed, and no form starts; my unfinished draft cannot be sent',
    async () => {
      const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
      await page.goto('/procedures/kosodate-12');
      await expect.poll(() => heading(page)).toBe(nursery.title.ja);
      await untilLoaded(page);
      expect(await page.locator('main').textContent()).toMatch(/この手続の受付はまだ始まっていません。令和\d+年\d+月\d+日/u);
      expect(await page.getByRole('button', { name: '申請を始める' }).count()).toBe(0);
      await expectAccessible(page, 'not yet open');

      await page.goto('/procedures/kosodate-13');
      await expect.poll(() => heading(page)).toBe(status.title.ja);
      await untilLoaded(page);
      expect(await page.locator('main').textContent()).toMatch(/この手続の受付は令和\d+年\d+月\d+日.*に終了しました。/u);
      expect(await page.getByRole('button', { name: '申請を始める' }).count()).toBe(0);
      await expectAccessible(page, 'closed');

      // A draft started while it was open.
      await page.goto('/procedures/kosodate-15');
      await page.locator('main h1').waitFor();
      await signInWithMyNumberCard(page, '小金井 花子');
      await page.evaluate(
        ({ version, answers }) =>
          localStorage.setItem(
            'koganei.draft.kosodate-13',
            JSON.stringify({ procedureId: 'kosodate-13', version, answers, updatedAt: new Date().toISOString() }),
          ),
        { version: status.version, answers: status.examples[0] },
      );
      await page.goto('/procedures/kosodate-13/steps/1');
      await expect.poll(() => page.getByRole('alert').filter({ hasText: '受付期間が' }).count(), { timeout: PLAYWRIGHT_WAIT_MS }).toBe(1);
      expect(await page.getByRole('alert').filter({ hasText: '受付期間が' }).textContent()).toContain('入力中の内容は送信できません');
      await expectAccessible(page, 'closed draft step');
      await page.goto('/procedures/kosodate-13/check');
      await expect.poll(() => heading(page)).toBe('入力内容の確認');
      expect(await page.getByRole('alert').filter({ hasText: '受付期間が' }).count()).toBe(1);
      await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
      await page.locator('#submit').click();
      await expect.poll(() => page.locator('.error-summary').textContent(), { timeout: PLAYWRIGHT_WAIT_MS }).toContain('終了しました');
      await expectAccessible(page, 'closed draft refused');
      expect(Number(((await suite.server.testDb.db('submissions').count({ n: '*' }).first()) as { n: number | string }).n)).toBe(0);
      expect(problems.filter((p) => !/409|Failed to load resource/u.test(p))).toEqual([]);
      await context.close();
    },
    PLAYWRIGHT_WAIT_MS * 4,
  );
});
