/**
 * Finding a procedure from the home page on a phone, as a resident types it: everyday words and
 * readings find it; when nothing matches, the full list and City Hall's phone number are offered.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';

const suite = browserSuite();

describe('search', () => {
  it('when I type こども, 保育園 or ひっこし, then I find the procedures; when I type something unknown, I get every procedure and the phone number', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/');
    await untilLoaded(page);
    const box = page.getByLabel('手続を探す');
    const results = page.locator('section[aria-labelledby="results-title"] .card__link');

    await box.fill('こども');
    await expect.poll(() => results.allTextContents()).toContain('児童手当 認定請求');
    await box.fill('保育園');
    await expect.poll(() => results.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('保育施設等の利用申込')]));
    await box.fill('ひっこし');
    await expect.poll(() => results.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('転出届')]));
    await expectAccessible(page, 'search results');

    await box.fill('ぴよぴよ');
    await expect.poll(() => page.locator('#results-title').textContent()).toBe('「ぴよぴよ」の検索結果：0件');
    const call = page.getByRole('link', { name: '電話 042-383-1111（代表）' });
    expect(await call.getAttribute('href')).toBe('tel:+81423831111');
    expect(await results.count()).toBe(33);
    await expectAccessible(page, 'nothing found');
    expect(problems).toEqual([]);
    await context.close();
  });
});
