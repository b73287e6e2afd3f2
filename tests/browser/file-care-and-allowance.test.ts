/**
 * On a phone: 要介護認定 for a 40-64-year-old insured person in hospital, filed by a family
 * member signed in as 代理人 (the extra fields appear only when they apply), and 児童手当 with two
 * children, filed by the claimant signed in (name, date of birth and address come from the card).
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { choose, enterDate, field, group, heading, next, signInWithMyNumberCard } from '../helpers/journey.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import type { Page } from 'playwright-core';

const suite = browserSuite();

async function submitAndRead(page: Page) {
  await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
  await page.getByRole('button', { name: 'この内容で申請する' }).click();
  await expect.poll(() => heading(page)).toBe('申請を受け付けました');
  await expectAccessible(page, 'completion');
  const ref = (await page.getByTestId('reference-number').textContent()) ?? '';
  const row = await suite.server.testDb.db('submissions').where({ reference_number: ref }).first();
  return typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
}

describe('filing 要介護・要支援認定の申請', () => {
  it('when I say the insured person is 40-64 and in hospital, then the extra questions appear and are required, and the application goes through', async () => {
    const { page, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/kaigo-01');
    // I am his daughter: I sign in with my own card and file for him as 代理人.
    await signInWithMyNumberCard(page, '小金井 花子');
    await page.getByLabel('代理人として（ご家族などに代わって申請する）').check();
    await page.getByRole('button', { name: /申請を始める/u }).click();
    await expect.poll(() => heading(page)).toBe('介護を受ける方（被保険者）について');

    // Nothing is chosen for me.
    await group(page, '性別').waitFor();
    expect(await group(page, '性別').getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await field(page, '特定疾病名').count()).toBe(0);

    await field(page, '個人番号（マイナンバー）').fill('023456789013');
    await field(page, '氏名').fill('緑 健太');
    await field(page, '氏名（フリガナ）').fill('ミドリ ケンタ');
    await enterDate(page, '生年月日', '昭和', '43', '7', '20');
    await choose(page, '性別', '男');
    await field(page, '郵便番号').fill('184-0003');
    await field(page, '住所').fill('東京都小金井市緑町二丁目2番2号');
    await field(page, '電話番号').fill('080-2345-6789');
    await choose(page, '被保険者の区分', '第2号被保険者（40歳から64歳）');

    // Category 2: health insurance and the specified disease appear, and the insured number becomes optional.
    await expect.poll(() => field(page, '特定疾病名').count()).toBe(1);
    await expectAccessible(page, 'care step 1, category 2');
    await next(page);
    await expect
      .poll(() => page.getByRole('alert').getByRole('link').allTextContents())
      .toEqual([
        '「加入している医療保険者名」を入力してください。',
        '「医療保険被保険者証の記号・番号」を入力してください。',
        '「特定疾病名」を選んでください。',
      ]);
    await field(page, '加入している医療保険者名').fill('全国健康保険協会 東京支部');
    await field(page, '医療保険被保険者証の記号・番号').fill('12345678・90');
    await field(page, '特定疾病名').selectOption({ label: '脳血管疾患' });
    await next(page);

    await expect.poll(() => heading(page)).toBe('現在の状況について');
    await choose(page, '現在いる場所', '入院中');
    await expect.poll(() => field(page, '病院・施設の名称').count()).toBe(1);
    await field(page, '病院・施設の名称').fill('小金井中央病院');
    await field(page, '病院・施設の所在地').fill('東京都小金井市本町一丁目1番1号');
    await field(page, '申請の理由（困っていること）').fill('脳梗塞で入院中です。退院後の生活に介護が必要です。');
    await expectAccessible(page, 'care step 2');
    await next(page);

    await expect.poll(() => heading(page)).toBe('主治医について');
    await field(page, '主治医の氏名').fill('本町 誠');
    await field(page, '医療機関名').fill('小金井中央病院');
    await field(page, '医療機関の電話番号').fill('042-383-1111');
    await next(page);

    await expect.poll(() => heading(page)).toBe('申請する方について');
    await choose(page, '介護を受ける方との関係', '家族');
    await field(page, '申請する方の氏名').fill('小金井 花子');
    await field(page, '続柄または事業所名').fill('長女');
    await field(page, '申請する方の電話番号').fill('090-1111-2222');
    await next(page, '入力内容の確認へ進む');

    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('昭和43年7月20日（1968年7月20日）');
    expect(text).toContain('第2号被保険者（40歳から64歳）');
    expect(text).toContain('脳血管疾患');
    expect(text).toContain('入院中');
    await expectAccessible(page, 'care check answers');

    const stored = await submitAndRead(page);
    expect(stored.insured).toMatchObject({ category: 'second', specifiedDisease: 'cerebrovascular', birthDate: '1968-07-20', sex: 'male' });
    expect(stored.insured.insuredNumber).toBeUndefined();
    expect(stored.situation).toMatchObject({ whereabouts: 'hospital', facilityName: '小金井中央病院' });
    expect(stored.insured).toMatchObject({ name: '緑 健太', address: '東京都小金井市緑町二丁目2番2号' });
    expect(stored.applicant).toMatchObject({ relationship: 'family', name: '小金井 花子', detail: '長女' });
    expect(problems).toEqual([]);
  });
});

describe('filing 児童手当 認定請求', () => {
  it('when I add two children, one living elsewhere, then I am asked that child’s address, and both are filed', async () => {
    const { page, problems } = await openPhone(suite.browser, suite.server.url);
    await page.goto('/procedures/kosodate-01');
    await signInWithMyNumberCard(page, '小金井 太郎');
    await page.getByRole('button', { name: /申請を始める/u }).click();
    await expect.poll(() => heading(page)).toBe('請求者（受給者）について');
    // A yes/no question starts unanswered.
    await group(page, '配偶者はいますか').waitFor();
    expect(await group(page, '配偶者はいますか').getByRole('radio', { checked: true }).count()).toBe(0);
    // My name, date of birth and address are filled in from my card, and locked.
    const verified = (label: string) => page.getByLabel(new RegExp(`^${label}\\s*(必須)?\\s*本人確認済み$`, 'u'));
    expect(await verified('氏名').inputValue()).toBe('小金井 太郎');
    expect(await verified('氏名').getAttribute('readonly')).not.toBeNull();
    expect(await verified('住所').inputValue()).toBe('東京都小金井市本町六丁目6番3号');
    await field(page, '氏名（フリガナ）').fill('コガネイ タロウ');
    await field(page, '個人番号（マイナンバー）').fill('023456789013');
    await field(page, '郵便番号').fill('184-8504');
    await field(page, '日中に連絡がとれる電話番号').fill('042-383-1111');
    await choose(page, '加入している年金', '厚生年金');
    await choose(page, '配偶者はいますか', 'はい');
    await next(page);

    await expect.poll(() => heading(page)).toBe('養育しているお子さん');
    // At least one child is needed, so the first one is ready to fill in.
    await next(page);
    await expect
      .poll(() => page.getByRole('alert').getByRole('link').allTextContents())
      .toContain('「お子さん（1件目）の氏名」を入力してください。');
    const add = page.getByRole('button', { name: /追加する/u });
    const first = page.getByRole('group', { name: 'お子さん（1件目）' });
    await field(first, '氏名').fill('小金井 一郎');
    await field(first, '氏名（フリガナ）').fill('コガネイ イチロウ');
    await enterDate(first, '生年月日', '令和', '8', '10', '30');
    await choose(first, '請求者との続柄', '子');
    await choose(first, '請求者と同居していますか', 'はい');
    await add.click();
    const second = page.getByRole('group', { name: 'お子さん（2件目）' });
    await field(second, '氏名').fill('小金井 次郎');
    await field(second, '氏名（フリガナ）').fill('コガネイ ジロウ');
    await enterDate(second, '生年月日', '平成', '22', '5', '5');
    await choose(second, '請求者との続柄', '子');
    expect(await field(second, 'お子さんの住所').count()).toBe(0);
    await choose(second, '請求者と同居していますか', 'いいえ');
    await expect.poll(() => field(second, 'お子さんの住所').count()).toBe(1);
    await expectAccessible(page, 'children list');
    await next(page);
    await expect
      .poll(() => page.getByRole('alert').getByRole('link').allTextContents())
      .toEqual(['「お子さん（2件目）のお子さんの住所」を入力してください。']);
    await field(second, 'お子さんの住所').fill('長野県松本市中央一丁目1番1号');
    await next(page);

    await expect.poll(() => heading(page)).toBe('振込先の口座');
    await field(page, '金融機関名').fill('むさし野銀行');
    await field(page, '支店名').fill('小金井支店');
    await choose(page, '口座の種類', '普通');
    await field(page, '口座番号').fill('123456');
    await field(page, '口座名義（フリガナ）').fill('コガネイ タロウ');
    await next(page, '入力内容の確認へ進む');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('「口座番号」は、半角数字7桁で入力してください。');
    await field(page, '口座番号').fill('1234567');
    await next(page, '入力内容の確認へ進む');

    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('お子さん（2件目）');
    expect(text).toContain('長野県松本市中央一丁目1番1号');
    expect(text).toContain('平成2年4月1日（1990年4月1日）');
    await expectAccessible(page, 'allowance check answers');
    const stored = await submitAndRead(page);
    expect(stored.children.list).toHaveLength(2);
    expect(stored.children.list[1]).toMatchObject({
      name: '小金井 次郎',
      livingTogether: false,
      address: '長野県松本市中央一丁目1番1号',
      birthDate: '2010-05-05',
    });
    expect(stored.account.accountNumber).toBe('1234567');
    expect(stored.claimant).toMatchObject({ name: '小金井 太郎', birthDate: '1990-04-01', address: '東京都小金井市本町六丁目6番3号' });
    expect(problems).toEqual([]);
  });
});
