/**
 * A new DX officer signs in, reads the priority coverage, finds a procedure still missing, enters
 * a month's counter counts for one department and sees the online rate change; axe-clean.
 */
import { describe, expect, it } from 'vitest';
import { japanMonth } from '../../shared/fiscal-year.ts';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { definition, submit } from '../helpers/http.ts';
import { heading } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuite();

describe('the DX office', () => {
  it('when a DX officer enters this month’s counter filings for 児童手当, then its online rate, unknown until then, reads 25%', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'dx.officer@koganei.example', 'dx');
    await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0]);
    const month = japanMonth(new Date());

    const { page, problems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('dx.officer@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(page)).toBe('オンライン化の状況');
    // The heading comes first; the figures with the dashboard's fetch.
    await expect.poll(() => page.locator('#priority-title + .big-figure').textContent()).toBe('27手続のうち 27手続がオンライン');
    await expectAccessible(page, 'dashboard');

    // Every priority procedure is online; a high-need one still missing, with its department.
    expect(await page.locator('.all-online').first().textContent()).toBe('すべての手続がオンラインで申請できます。');
    expect(await page.locator('#priority-title ~ .figure-detail').first().textContent()).toBe(
      'オンライン化率 100.0%。目標に達しています。',
    );
    expect(await page.getByTestId('priority-overdue').count()).toBe(0);
    const missing = page.getByRole('table', { name: 'その他の利用ニーズの高い手続：まだオンラインでない手続' });
    const row = missing.getByRole('row').filter({ hasText: '印鑑登録証明書の交付申請' });
    expect(await row.textContent()).toContain('市民課');

    // This month's figures for 児童手当: 1 online, counter not entered yet.
    const allowance = page.locator('section[aria-labelledby="use-kosodate-01"]');
    await allowance.getByText('月別の内訳を表示').click();
    const thisMonth = allowance.locator(`tr[data-month="${month}"]`);
    expect(await thisMonth.textContent()).not.toContain('100.0%');
    expect(await thisMonth.textContent()).toContain('未入力');
    expect(await thisMonth.textContent()).toContain('算出できません');
    expect(await allowance.textContent()).toContain('オンライン率 窓口・郵送の件数が未入力のため算出できません');

    // Enters 3 counter filings for 子育て支援課's 児童手当.
    await page.locator('#count-procedureId').selectOption('kosodate-01');
    await page.locator('#count-month').selectOption(month);
    await page.getByLabel('窓口での受付件数').fill('3');
    await page.getByLabel('郵送での受付件数').fill('0');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => thisMonth.textContent()).toContain('25.0%');
    expect(await allowance.textContent()).toContain('オンライン率 25.0%');
    // Counter-assisted filings are their own column, and the page says how they count.
    expect(await allowance.textContent()).toContain('窓口代行 0');
    expect(await page.locator('main').textContent()).toContain('窓口代行は分母（すべての申請）には含め、分子（オンライン）には含めません');
    await expectAccessible(page, 'dashboard after entering counts');

    // Filter to one department.
    await page.locator('#department').selectOption('kaigo-fukushi');
    await page.getByRole('button', { name: '表示する' }).click();
    await expect.poll(() => page.locator('#priority-title + .big-figure').textContent()).toBe('11手続のうち 11手続がオンライン');
    expect(problems).toEqual([]);
  });
});

describe('the dashboard on a small phone', () => {
  it('when a DX officer opens it at 320 px, then nothing scrolls sideways and axe finds nothing', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'dx.small@koganei.example', 'dx');
    const { page, problems, context } = await openPhone(browser, server.url, { width: 320, height: 640 });
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('dx.small@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(page)).toBe('オンライン化の状況');
    await untilLoaded(page); // measure the dashboard with its tables, not while it is still fetching
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'dashboard at 320px');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a department', () => {
  it('when a clerk enters last month’s counter and mail filings, then they appear in the list of entered counts', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'counts.clerk@koganei.example', 'clerk', 'kaigo-fukushi');
    const { page, problems, context } = await openPhone(browser, server.url);
    await page.goto('/staff');
    await page.getByLabel('メールアドレス').fill('counts.clerk@koganei.example');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(page)).toBe('受付一覧');
    await page.getByRole('link', { name: '窓口・郵送の件数を入力' }).click();
    await expect.poll(() => heading(page)).toBe('窓口・郵送の件数を入力');
    await expectAccessible(page, 'counts page');
    // The department's procedures are fetched into the list: wait for them before reading it.
    const options = () => page.locator('#count-procedureId option').allTextContents();
    await expect.poll(options).toContain('要介護・要支援認定の申請');
    expect(await options()).not.toContain('妊娠の届出');
    await page.locator('#count-procedureId').selectOption({ label: '要介護・要支援認定の申請' });
    await page.getByLabel('窓口での受付件数').fill('12');
    await page.getByLabel('郵送での受付件数').fill('4');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: '入力済みの件数（今年度）' }).textContent())
      .toContain('要介護・要支援認定の申請');
    expect(await page.getByRole('table', { name: '入力済みの件数（今年度）' }).textContent()).toMatch(/124$/u);
    expect(problems).toEqual([]);
    await context.close();
  });
});
