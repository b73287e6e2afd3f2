/**
 * 書かない窓口: a clerk of the health centre (健康課, which handles 妊娠の届出) files the form for a
 * resident at the counter, on a PC: from what the resident tells them, with a check screen for the
 * resident, the identity document checked, then the reference number and the access code once; the
 * filing is in the clerk's queue marked 窓口代行. axe runs on every page.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { choose, enterDate, field, group, heading, next, signInAsStaff } from '../helpers/journey.ts';
import { addStaff } from '../helpers/staff.ts';

const suite = browserSuite();

/** I sign in as a clerk of 健康課 on a screen of the given width and land on the queue. */
async function signIn(email: string, width: number) {
  const { server, browser } = suite;
  await addStaff(server, email, 'clerk', 'kenko');
  const { page } = await openPhone(browser, server.url, { width, height: 900 });
  await signInAsStaff(page, email);
  return page;
}

describe('filing at the counter for a resident', () => {
  it('when I, a clerk, file 妊娠の届出 at the counter and the resident checks it, then I see the 受付番号 and access code, and it is in my queue marked 窓口代行', async () => {
    const { server } = suite;
    // I sign in and open 窓口で代行入力 from the staff bar.
    const page = await signIn('sakura.clerk@koganei.example', 1280);
    await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('link', { name: '窓口で代行入力' }).click();
    await expect.poll(() => heading(page)).toBe('窓口で代行入力');
    await expectAccessible(page, 'choose a procedure');

    // Starting without a procedure says so at the field; then I choose 妊娠の届出.
    await page.getByRole('button', { name: '入力を始める' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('手続を選んでください');
    await page.getByLabel('妊娠の届出').check();
    await page.getByRole('button', { name: '入力を始める' }).click();

    // The resident's own form, filled from what the resident tells me.
    await expect.poll(() => heading(page)).toBe('妊娠している方について');
    expect(await page.locator('main').textContent()).toContain('窓口で代行入力：妊娠の届出');
    await expectAccessible(page, 'step 1 at the counter');
    await field(page, '氏名').fill('小金井 花子');
    await field(page, '氏名（フリガナ）').fill('コガネイ ハナコ');
    await enterDate(page, '生年月日', '平成', '7', '6', '15');
    await field(page, '個人番号（マイナンバー）').fill('023456789013');
    await field(page, '郵便番号').fill('1848504');
    await field(page, '住所').fill('東京都小金井市本町六丁目6番3号');
    await field(page, '日中に連絡がとれる電話番号').fill('090-1234-5678');
    await next(page);
    await expect.poll(() => heading(page)).toBe('妊娠について');
    await enterDate(page, '妊娠の診断を受けた日', '令和', '8', '11', '2');
    await enterDate(page, '出産予定日', '令和', '9', '6', '20');
    await field(page, '届出日時点の妊娠週数').fill('9');
    await field(page, '診断を受けた医療機関名').fill('さくら産婦人科クリニック');
    await choose(page, '胎児の数', '1人');
    await choose(page, 'はじめての出産ですか', 'はい');
    await next(page);
    await expect.poll(() => heading(page)).toBe('健康状態について');
    await group(page, 'これまでにかかった病気（あてはまるものすべて）').getByLabel('特になし').check();
    await choose(page, 'たばこを吸っていますか', 'いいえ');
    await next(page);
    await expect.poll(() => heading(page)).toBe('母子健康手帳の受け取り');
    await choose(page, '受け取り方法', '保健センターで保健師と面談して受け取る');
    await choose(page, '面談に通訳が必要ですか', 'いいえ');
    await next(page, '入力内容の確認へ進む');

    // The check screen for the resident: every answer, in large text.
    await expect.poll(() => heading(page)).toBe('ご本人に確認していただく');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const answer of [
      '小金井 花子',
      '平成7年6月15日（1995年6月15日）',
      '184-8504',
      'さくら産婦人科クリニック',
      '保健センターで保健師と面談して受け取る',
    ])
      expect(text).toContain(answer);
    expect(
      await page
        .locator('.counter-check .summary-list')
        .first()
        .evaluate((e) => getComputedStyle(e).fontSize),
    ).toBe('20px');
    await expectAccessible(page, 'check screen');

    // Sending before the resident checked it and before choosing the document says so.
    await page.getByRole('button', { name: '送信する' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('チェックを入れてください');
    await expectAccessible(page, 'check screen with errors');
    await page.getByLabel('申請者ご本人が内容を確認しました').check();
    await group(page, '本人確認書類').getByLabel('マイナンバーカード').check();
    await page.getByRole('button', { name: '送信する' }).click();

    // The result: 受付番号 and the access code, shown once, and the receipt to print.
    await expect.poll(() => heading(page)).toBe('窓口での申請を受け付けました');
    const ref = (await page.getByTestId('reference-number').textContent()) ?? '';
    expect(ref).toMatch(/^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$/u);
    expect(await page.getByTestId('access-code').textContent()).toMatch(/^[A-Z3-9]{5}-[A-Z3-9]{5}$/u);
    expect(await page.getByRole('button', { name: '申請の控え（PDF）を印刷する' }).count()).toBe(1);
    await expectAccessible(page, 'filed at the counter');
    const row = await server.testDb.db('submissions').where({ reference_number: ref }).first();
    expect(row.channel).toBe('counter-assisted');

    // In my queue, marked 窓口代行; its detail says how the identity was checked.
    await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('link', { name: '受付一覧' }).click();
    await expect.poll(() => heading(page)).toBe('受付一覧');
    await untilLoaded(page);
    const line = page.locator('table.queue tbody tr', { hasText: ref });
    await expect.poll(() => line.textContent()).toContain('窓口代行');
    await expectAccessible(page, 'queue with a counter filing');
    await line.getByRole('link', { name: ref }).click();
    await expect.poll(() => heading(page)).toBe(ref);
    await expect
      .poll(() => page.getByTestId('filing').textContent())
      .toBe('窓口で職員が代行入力（本人確認書類：マイナンバーカード、担当：sakura.clerk）');
    await expectAccessible(page, 'detail of a counter filing');
  });

  it('when I use a 320 px screen and the keyboard alone, then I can choose the procedure and start the form', async () => {
    const page = await signIn('kaede.clerk@koganei.example', 320);
    await page.goto('/staff/counter');
    await expect.poll(() => heading(page)).toBe('窓口で代行入力');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByLabel('妊娠の届出').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: '入力を始める' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('妊娠している方について');
    expect(await field(page, '氏名').inputValue()).toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'step 1 at 320 px');
  });
});
