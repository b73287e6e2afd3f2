/**
 * A new resident files 児童手当 with a verified identity, across two devices: on a phone I sign in
 * through the stand-in for デジタル認証アプリ, see my name, address and date of birth filled in and
 * locked (本人確認済み), fill step 1 and stop on step 2; on a PC (another browser context: nothing
 * shared but the account) I sign in again, continue the draft from マイページ, file it, and open it
 * from マイページ without an access code. axe runs on every page of ours.
 *
 * 児童手当 and 要介護認定 are the published definitions: both require sign-in (they collect a
 * 個人番号) and prefill the 基本4情報 they ask; 要介護認定 allows a proxy.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, openPhone } from '../helpers/browser.ts';
import { choose, enterDate, field, heading, next, signInWithMyNumberCard } from '../helpers/journey.ts';
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

/** A locked answer: its label carries the 本人確認済み badge. */
const verified = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*(必須)?\\s*本人確認済み$`, 'u'));

/** At the stand-in provider's page: I pick 小金井 花子 (there is no card reader here). */
async function signInAsHanako(page: Page): Promise<void> {
  await page.getByRole('button', { name: /小金井 花子/u }).click();
}

describe('a resident files 児童手当 with a verified identity, on two devices', () => {
  it('when I start on my phone and finish on my PC, then it is filed and I open it from マイページ without an access code', async () => {
    // On my phone (390 px): the form waits for sign-in.
    const phone = await openPhone(browser, t.server.url);
    // Even a step's own address shows the sign-in panel, not the form.
    await phone.page.goto('/procedures/kosodate-01/steps/1');
    await expect.poll(() => phone.page.getByRole('heading', { name: 'この手続は本人確認（ログイン）が必要です' }).count()).toBe(1);
    expect(await phone.page.getByRole('textbox').count()).toBe(0);
    await phone.page.goto('/procedures/kosodate-01');
    await expect.poll(() => phone.page.getByRole('heading', { name: 'この手続は本人確認（ログイン）が必要です' }).count()).toBe(1);
    expect(await phone.page.getByRole('button', { name: /申請を始める/u }).count()).toBe(0);
    await expectAccessible(phone.page, 'procedure page, signed out');
    await phone.page.getByRole('link', { name: 'マイナンバーカードでログイン' }).click();
    await signInAsHanako(phone.page);

    // Back on the procedure, signed in.
    await phone.page.waitForURL((u) => u.pathname === '/procedures/kosodate-01');
    await phone.page.getByRole('button', { name: /申請を始める/u }).click();
    await expect.poll(() => heading(phone.page)).toBe('請求者（受給者）について');
    await expect.poll(() => verified(phone.page, '氏名').inputValue()).toBe('小金井 花子');
    expect(await verified(phone.page, '氏名').getAttribute('readonly')).not.toBeNull();
    expect(await verified(phone.page, '住所').inputValue()).toBe('東京都小金井市本町六丁目6番3号');
    expect(await verified(phone.page, '住所').getAttribute('readonly')).not.toBeNull();
    // Screen readers are told where the value comes from.
    await expect
      .poll(() => verified(phone.page, '氏名').evaluate((el) => el.getAttribute('aria-describedby')?.split(' ') ?? []))
      .toContain('root_claimant_name__description');
    expect(await phone.page.locator('#root_claimant_name__description').textContent()).toContain(
      'マイナンバーカードでのログインで確認された内容です。ここでは変更できません。',
    );
    const birth = phone.page.getByRole('group', { name: /^生年月日\s*(必須)?\s*本人確認済み$/u });
    expect(await birth.getByLabel('年', { exact: true }).inputValue()).toBe('4');
    expect(await birth.getByLabel('年', { exact: true }).isDisabled()).toBe(true);
    expect(await phone.page.getByText('本人確認済み', { exact: true }).count()).toBe(3);
    await expectAccessible(phone.page, 'step 1, verified answers locked');

    await field(phone.page, '氏名（フリガナ）').fill('コガネイ ハナコ');
    await field(phone.page, '個人番号（マイナンバー）').fill('023456789013');
    await field(phone.page, '郵便番号').fill('184-8504');
    await field(phone.page, '日中に連絡がとれる電話番号').fill('042-383-1111');
    await choose(phone.page, '加入している年金', '厚生年金');
    await choose(phone.page, '配偶者はいますか', 'はい');
    await next(phone.page);
    await expect.poll(() => heading(phone.page)).toBe('養育しているお子さん');
    // The draft reaches the server (saved as I go): then I put the phone down.
    await expect
      .poll(
        async () => Number((await t.server.testDb.db('resident_drafts').where('procedure_id', 'kosodate-01').count({ n: '*' }))[0]?.n),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    // 個人番号 is never written to storage that outlives the tab.
    expect(await phone.page.evaluate(() => JSON.stringify(localStorage))).not.toContain('023456789013');
    await phone.page.context().close();

    // On my PC (1280 px, a new browser context: no storage shared with the phone).
    const pc = await openPhone(browser, t.server.url, { width: 1280, height: 900 });
    await pc.page.goto('/mypage');
    await pc.page.getByRole('link', { name: /でログインする/u }).click();
    await signInAsHanako(pc.page);
    await expect.poll(() => heading(pc.page)).toBe('マイページ');
    await expect.poll(() => pc.page.getByText(/30日間更新がないと削除されます/u).count()).toBe(1);
    expect(await pc.page.getByText(/最終更新 .*に自動で削除されます/u).count()).toBe(1);
    await expectAccessible(pc.page, 'マイページ with the draft');
    await pc.page.getByRole('link', { name: '児童手当 認定請求' }).click();
    await expect.poll(() => pc.page.getByText(/に保存した入力途中の申請があります/u).count()).toBe(1);
    await expectAccessible(pc.page, 'procedure page with the server draft');
    await pc.page.getByRole('link', { name: '入力の続きから再開する' }).click();

    // My answers from the phone are here, 個人番号 included.
    await expect.poll(() => heading(pc.page)).toBe('請求者（受給者）について');
    await expect.poll(() => field(pc.page, '氏名（フリガナ）').inputValue()).toBe('コガネイ　ハナコ'); // normalized: a full-width space
    expect(await field(pc.page, '個人番号（マイナンバー）').inputValue()).toBe('023456789013');
    expect(await verified(pc.page, '氏名').inputValue()).toBe('小金井 花子');
    await next(pc.page);

    await expect.poll(() => heading(pc.page)).toBe('養育しているお子さん');
    const first = pc.page.getByRole('group', { name: 'お子さん（1件目）' });
    await field(first, '氏名').fill('小金井 一郎');
    await field(first, '氏名（フリガナ）').fill('コガネイ イチロウ');
    await enterDate(first, '生年月日', '令和', '6', '10', '30');
    await choose(first, '請求者との続柄', '子');
    await choose(first, '請求者と同居していますか', 'はい');
    await next(pc.page);

    await expect.poll(() => heading(pc.page)).toBe('振込先の口座');
    await field(pc.page, '金融機関名').fill('むさし野銀行');
    await field(pc.page, '支店名').fill('小金井支店');
    await choose(pc.page, '口座の種類', '普通');
    await field(pc.page, '口座番号').fill('1234567');
    await field(pc.page, '口座名義（フリガナ）').fill('コガネイ ハナコ');
    await next(pc.page, '入力内容の確認へ進む');

    await expect.poll(() => heading(pc.page)).toBe('入力内容の確認');
    await expect.poll(() => pc.page.getByText('本人確認済み', { exact: true }).count()).toBe(3);
    await expectAccessible(pc.page, 'check answers with verified answers');
    await pc.page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
    await pc.page.getByRole('button', { name: 'この内容で申請する' }).click();
    await expect.poll(() => heading(pc.page)).toBe('申請を受け付けました');
    await expectAccessible(pc.page, 'completion');
    const ref = (await pc.page.getByTestId('reference-number').textContent()) ?? '';
    const row = (await t.server.testDb.db('submissions').where({ reference_number: ref }).first()) as {
      identity_subject_hash: string | null;
    };
    expect(row.identity_subject_hash).toBeTruthy();

    // マイページ: the application with its status; the draft is gone.
    await pc.page.goto('/mypage');
    await expect.poll(() => pc.page.getByText(ref, { exact: true }).count()).toBe(1);
    expect(await pc.page.getByText('下書きはありません。').count()).toBe(1);
    await expectAccessible(pc.page, 'マイページ with the application');
    await pc.page.getByRole('link', { name: new RegExp(`児童手当 認定請求.*${ref}`, 'u') }).click();
    await expect.poll(() => heading(pc.page)).toBe(ref);
    await expect.poll(() => pc.page.locator('.status-result .status-tag').textContent()).toBeTruthy();
    expect(await pc.page.getByLabel(/アクセスコード/u).count()).toBe(0);
    await expect.poll(() => pc.page.getByRole('button', { name: /控え/u }).count()).toBeGreaterThan(0);
    await expectAccessible(pc.page, 'my application, opened without an access code');
    expect([...phone.problems, ...pc.problems]).toEqual([]);
  });

  it('when I start 要介護認定 as a proxy for my mother on my phone and finish it on my PC, then nothing is locked and it is recorded as filed by me for her', async () => {
    const { page, problems } = await openPhone(browser, t.server.url);
    await page.goto('/sign-in?returnTo=%2Fprocedures%2Fkaigo-01');
    await page.getByRole('link', { name: /でログインする/u }).click();
    await page.getByRole('button', { name: /小金井 太郎/u }).click();
    await page.waitForURL((u) => u.pathname === '/procedures/kaigo-01');
    await expect.poll(() => page.getByRole('group', { name: /どなたの申請ですか/u }).count()).toBe(1);
    await expectAccessible(page, 'procedure page, who is filing');
    await page.getByLabel('代理人として（ご家族などに代わって申請する）').check();
    await page.getByRole('button', { name: /申請を始める/u }).click();

    await expect.poll(() => heading(page)).toBe('介護を受ける方（被保険者）について');
    // As a proxy my verified name is not the applicant's: I type hers.
    expect(await field(page, '氏名').inputValue()).toBe('');
    expect(await page.getByText('本人確認済み', { exact: true }).count()).toBe(0);
    await field(page, '個人番号（マイナンバー）').fill('023456789013');
    await field(page, '氏名').fill('貫井 うめ');
    await field(page, '氏名（フリガナ）').fill('ヌクイ ウメ');
    await enterDate(page, '生年月日', '昭和', '16', '3', '20');
    await choose(page, '性別', '女');
    await field(page, '郵便番号').fill('184-0015');
    await field(page, '住所').fill('東京都小金井市貫井北町五丁目2番1号');
    await field(page, '電話番号').fill('042-383-1111');
    await choose(page, '被保険者の区分', '第1号被保険者（65歳以上）');
    await field(page, '被保険者番号').fill('1234567890');
    await next(page);
    await expect.poll(() => heading(page)).toBe('現在の状況について');

    // On my PC: I continue the draft, still as 代理人, so my own verified name does not replace hers.
    const pc = await openPhone(browser, t.server.url, { width: 1280, height: 900 });
    await pc.page.goto('/procedures/kaigo-01');
    await signInWithMyNumberCard(pc.page, '小金井 太郎');
    await pc.page.getByRole('link', { name: '入力の続きから再開する' }).click();
    await expect.poll(() => heading(pc.page)).toBe('介護を受ける方（被保険者）について');
    await expect.poll(() => field(pc.page, '氏名').inputValue()).toBe('貫井 うめ');
    expect(await pc.page.getByText('本人確認済み', { exact: true }).count()).toBe(0);
    await next(pc.page);
    await expect.poll(() => heading(pc.page)).toBe('現在の状況について');
    await choose(pc.page, '現在いる場所', '自宅');
    await field(pc.page, '申請の理由（困っていること）').fill('一人での入浴が難しくなりました。');
    await next(pc.page);
    await expect.poll(() => heading(pc.page)).toBe('主治医について');
    await field(pc.page, '主治医の氏名').fill('本町 誠');
    await field(pc.page, '医療機関名').fill('小金井中央病院');
    await field(pc.page, '医療機関の電話番号').fill('042-383-1111');
    await next(pc.page);
    await expect.poll(() => heading(pc.page)).toBe('申請する方について');
    await choose(pc.page, '介護を受ける方との関係', '家族');
    await field(pc.page, '申請する方の氏名').fill('小金井 太郎');
    await field(pc.page, '続柄または事業所名').fill('長男');
    await field(pc.page, '申請する方の電話番号').fill('090-1111-2222');
    await next(pc.page, '入力内容の確認へ進む');
    await expect.poll(() => heading(pc.page)).toBe('入力内容の確認');
    await expectAccessible(pc.page, 'check answers as a proxy');
    await pc.page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
    await pc.page.getByRole('button', { name: 'この内容で申請する' }).click();
    await expect.poll(() => heading(pc.page)).toBe('申請を受け付けました');
    const ref = (await pc.page.getByTestId('reference-number').textContent()) ?? '';
    const row = (await t.server.testDb.db('submissions').where({ reference_number: ref }).first()) as { identity: unknown };
    const identity = (typeof row.identity === 'string' ? JSON.parse(row.identity) : row.identity) as Record<string, unknown>;
    expect(identity).toMatchObject({ filer: 'proxy', filerName: '小金井 太郎', relation: 'family' });
    const stored = (await t.server.testDb.db('submissions').where({ reference_number: ref }).first()) as { answers: unknown };
    const answers = (typeof stored.answers === 'string' ? JSON.parse(stored.answers) : stored.answers) as {
      insured: Record<string, unknown>;
    };
    expect(answers.insured).toMatchObject({ name: '貫井 うめ', birthDate: '1941-03-20', sex: 'female' });
    expect([...problems, ...pc.problems]).toEqual([]);
  });
});
