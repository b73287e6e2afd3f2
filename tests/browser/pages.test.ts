/**
 * Every kind of page: in English, at 320 px wide, after closing the tab, and when things go
 * wrong (unknown address, wrong status codes). axe runs on each.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { field, heading, next } from '../helpers/journey.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { currentVersion } from '../helpers/http.ts';

const suite = browserSuite();

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('at 320 px wide', () => {
  it.each(['/', '/procedures/kaigo-01', '/procedures/kaigo-01/steps/1', '/procedures/kosodate-01/steps/2', '/status', '/nowhere'])(
    'when I open %s on a small phone, then nothing needs horizontal scrolling and axe finds no violation',
    async (path) => {
      const { page, context, problems } = await openPhone(suite.browser, suite.server.url, { width: 320, height: 640 });
      await page.goto(path);
      await page.locator('main h1').waitFor();
      await untilLoaded(page); // measure the page with its content, not while it is still fetching
      expect(await noHorizontalScroll(page)).toBe(true);
      await expectAccessible(page, `${path} at 320px`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when I reach the check page of 住民票の写し at 320 px, then the answers and the fee fit the screen', async () => {
    const { page, context } = await openPhone(suite.browser, suite.server.url, { width: 320, height: 640 });
    await page.goto('/');
    await page.evaluate(
      (version) =>
        localStorage.setItem(
          'koganei.draft.juminhyo-copy',
          JSON.stringify({
            procedureId: 'juminhyo-copy',
            version,
            answers: {
              requester: {
                name: '東町 誠',
                nameKana: 'ヒガシチョウ マコト',
                birthDate: '1985-12-24',
                postalCode: '184-0011',
                address: '東京都小金井市東町四丁目4番4号',
                phone: '042-383-1111',
              },
              certificate: { scope: 'self', copies: 2, purpose: 'other', purposeDetail: 'ビザ申請のため大使館へ提出' },
            },
          }),
        ),
      currentVersion('juminhyo-copy'),
    );
    await page.goto('/procedures/juminhyo-copy/check');
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    await untilLoaded(page);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('300円 × 2通 = 600円');
    expect(text).toContain('ビザ申請のため大使館へ提出');
    expect(text).toContain('昭和60年12月24日（1985年12月24日）');
    expect(await noHorizontalScroll(page)).toBe(true);
    await expectAccessible(page, 'check page at 320px');
    await context.close();
  });
});

describe('in English', () => {
  it('when I switch to English, then the catalog, a procedure page and its form are in English and the page says lang="en"', async () => {
    const { page, context, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => heading(page)).toBe('Procedures you can do online');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectAccessible(page, 'home in English');
    await page.getByRole('link', { name: 'Disaster damage certificate', exact: false }).first().click();
    await expect.poll(() => heading(page)).toBe('Application for a disaster damage certificate');
    await expectAccessible(page, 'procedure in English');
    await page.getByRole('button', { name: /Start now/u }).click();
    await expect.poll(() => heading(page)).toBe('About you');
    await expect.poll(() => page.getByText('Step 1 of 4').count()).toBe(1);
    await next(page, 'Continue');
    // The error summary appears after the click is handled: wait for it before reading it.
    const links = () => page.getByRole('alert').getByRole('link').allTextContents();
    await expect.poll(links).toContain('Enter an answer for “Full name”.');
    expect(await links()).toContain('Select an answer for “Your relationship to the damaged home”.');
    await field(page, 'Postcode').fill('18');
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: /Your relationship to the damaged home/u })
          .getByLabel('Representative')
          .count(),
      )
      .toBe(1);
    await expectAccessible(page, 'form in English with errors');
    // The choice persists on the next visit.
    await page.reload();
    await expect.poll(() => heading(page)).toBe('About you');
    await page.getByRole('button', { name: '日本語に切り替える' }).click();
    await expect.poll(() => heading(page)).toBe('申請する方について');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('coming back', () => {
  it('when I close the tab half way and open the procedure again, then I can continue with my answers', async () => {
    const { page, context } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/hisai-01');
    await page.getByRole('button', { name: /申請を始める/u }).click();
    await field(page, '氏名').fill('中町 裕子');
    // The draft is written to localStorage as the form reports the change: close the tab only after that.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('koganei.draft.hisai-01') ?? '')).toContain('中町 裕子');
    await page.close();

    const again = await context.newPage();
    await again.goto('/procedures/hisai-01');
    await expect.poll(() => again.getByText('入力途中の内容が、この端末に保存されています。').count()).toBe(1);
    await expectAccessible(again, 'procedure page with a saved draft');
    await again.getByRole('link', { name: '入力の続きから再開する' }).click();
    await expect.poll(() => field(again, '氏名').inputValue()).toBe('中町 裕子');
    await context.close();
  });

  it('when I type a wrong access code on the status page, then I am told without learning whether the number exists', async () => {
    const { page, context } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/status');
    await page.getByLabel('受付番号').fill('ACD-EFG-HJK');
    await page.getByLabel('アクセスコード').fill('ACDEF');
    await page.getByRole('button', { name: '状況を確認する' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('アクセスコードは、完了画面に表示された10文字を入力してください。');
    await expectAccessible(page, 'status page with errors');
    await context.close();
  });
});
