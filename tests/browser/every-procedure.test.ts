/**
 * Every published procedure, as a signed-in resident on a phone: its first step and its check
 * page (with its first example's answers) open, and axe finds nothing on either.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepsOf } from '../../shared/forms/steps.ts';
import { expectAccessible, openPhone, PLAYWRIGHT_WAIT_MS, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { repoDefinitions } from '../helpers/http.ts';
import { heading, signInWithMyNumberCard } from '../helpers/journey.ts';

const suite = browserSuite();
const published = repoDefinitions().filter((d) => d.published);
let page: Page;
let context: BrowserContext;
let problems: string[];

beforeAll(async () => {
  ({ page, context, problems } = await openPhone(suite.browser, suite.server.url));
  await page.goto('/procedures/kosodate-15');
  await page.locator('main h1').waitFor();
  await signInWithMyNumberCard(page, '小金井 花子');
}, PLAYWRIGHT_WAIT_MS * 3);
afterAll(async () => {
  await context?.close();
});

describe('every published procedure', () => {
  it('there are 33, the 27 national priority procedures among them', () => {
    expect(published).toHaveLength(33);
    expect(published.filter((d) => d.nationalPriorityId)).toHaveLength(27);
  });

  it.each(published.map((d) => [d.id, d]))(
    'when I open %s, its first step and its check page are accessible',
    async (_id, d) => {
      await page.evaluate(
        ({ id, version, answers }) => {
          localStorage.setItem(
            `koganei.draft.${id}`,
            JSON.stringify({ procedureId: id, version, answers, updatedAt: new Date().toISOString() }),
          );
        },
        { id: d.id, version: d.version, answers: d.examples[0] },
      );
      const first = stepsOf(d)[0]!;
      await page.goto(`/procedures/${d.id}/steps/1`);
      await expect.poll(() => heading(page), { timeout: PLAYWRIGHT_WAIT_MS }).toBe(first.title.ja);
      await expectAccessible(page, `${d.id} step 1`);
      await page.goto(`/procedures/${d.id}/check`);
      await expect.poll(() => heading(page), { timeout: PLAYWRIGHT_WAIT_MS }).toBe('入力内容の確認');
      await untilLoaded(page);
      expect(await page.locator('.summary-section').count()).toBeGreaterThanOrEqual(stepsOf(d).length);
      await expectAccessible(page, `${d.id} check page`);
      expect(problems).toEqual([]);
    },
    PLAYWRIGHT_WAIT_MS * 3,
  );
});
