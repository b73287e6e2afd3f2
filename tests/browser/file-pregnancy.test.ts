/**
 * A young parent on a phone (390x844) files 妊娠の届出 from the home page to the status page,
 * signed in with her マイナンバーカード (the procedure collects a 個人番号, so it asks for 本人確認).
 * axe runs on every page; no Content-Security-Policy violation or script error may occur.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { choose, enterDate, field, group, heading, next, signInWithMyNumberCard } from '../helpers/journey.ts';
import { browserSuite } from '../helpers/browser-suite.ts';

const suite = browserSuite();

describe('filing 妊娠の届出 on a phone', () => {
  it('when I file it step by step, check my answers and submit, then I get a reference number and can see its status', async () => {
    const phone = await openPhone(suite.browser, suite.server.url);
    const { page } = phone;

    // Home: find the procedure by searching in hiragana.
    await page.goto('/');
    await expect.poll(() => heading(page)).toBe('オンラインでできる手続');
    await expectAccessible(page, 'home');
    await page.getByLabel('手続を探す').fill('にんしん');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /検索結果：1件/u }).count()).toBe(1);
    await expectAccessible(page, 'home with search results');
    await page.getByRole('link', { name: '妊娠の届出' }).click();

    // Procedure page: what it is for, who, what to prepare, fee, time.
    await expect.poll(() => heading(page)).toBe('妊娠の届出');
    for (const section of ['この手続について', '申請できる方', '用意するもの'])
      await expect.poll(() => page.getByRole('heading', { name: section }).count()).toBe(1);
    expect(await page.locator('dl.facts').textContent()).toContain('かかりません');
    expect(await page.locator('dl.facts').textContent()).toContain('約10分');
    // It asks me to sign in first; after the sign-in I am back on the procedure page.
    await expect.poll(() => page.getByRole('heading', { name: 'この手続は本人確認（ログイン）が必要です' }).count()).toBe(1);
    await expectAccessible(page, 'procedure page');
    await signInWithMyNumberCard(page, '小金井 花子');
    await expect.poll(() => heading(page)).toBe('妊娠の届出');
    await expectAccessible(page, 'procedure page, signed in');
    await page.getByRole('button', { name: /申請を始める/u }).click();

    // Step 1: trying to continue empty shows the error summary, linked to the fields.
    await expect.poll(() => heading(page)).toBe('妊娠している方について');
    expect(await page.getByText('ステップ 1 / 5').count()).toBe(1);
    await expectAccessible(page, 'step 1');
    await next(page);
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.getByRole('heading').textContent()).toBe('入力内容に誤りがあります');
    expect(await summary.getByRole('link').allTextContents()).toContain('「氏名（フリガナ）」を入力してください。');
    // What my card verified is filled in and cannot be changed here.
    expect(await summary.getByRole('link').allTextContents()).not.toContain('「氏名」を入力してください。');
    await expectAccessible(page, 'step 1 with errors');
    await summary.getByRole('link', { name: '「郵便番号」を入力してください。' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('root_mother_postalCode');

    const verified = (label: string) => page.getByLabel(new RegExp(`^${label}\\s*(必須)?\\s*本人確認済み$`, 'u'));
    expect(await verified('氏名').inputValue()).toBe('小金井 花子');
    expect(await verified('氏名').getAttribute('readonly')).not.toBeNull();
    expect(await verified('住所').inputValue()).toBe('東京都小金井市本町六丁目6番3号');
    await expect.poll(() => page.locator('main').textContent()).toContain('平成4年5月14日');
    await field(page, '氏名（フリガナ）').fill('ｺｶﾞﾈｲ ﾊﾅｺ');
    await field(page, '個人番号（マイナンバー）').fill('023456789012');
    await field(page, '郵便番号').fill('１８４８５０４');
    await field(page, '日中に連絡がとれる電話番号').fill('090-1234-5678');
    await next(page);
    // The My Number check digit is wrong: the same rule as the server catches it here.
    await expect
      .poll(() => summary.getByRole('link').allTextContents())
      .toEqual(['「個人番号（マイナンバー）」は、12桁の個人番号を正しく入力してください。']);
    await field(page, '個人番号（マイナンバー）').fill('023456789013');
    await next(page);

    // Step 2.
    await expect.poll(() => heading(page)).toBe('妊娠について');
    await enterDate(page, '妊娠の診断を受けた日', '令和', '8', '11', '2');
    await enterDate(page, '出産予定日', '令和', '9', '6', '20');
    await field(page, '届出日時点の妊娠週数').fill('9');
    await field(page, '診断を受けた医療機関名').fill('さくら産婦人科クリニック');
    await choose(page, '胎児の数', '1人');
    await choose(page, 'はじめての出産ですか', 'はい');
    await expectAccessible(page, 'step 2');
    // A reload keeps what I typed.
    await page.reload();
    await expect.poll(() => field(page, '診断を受けた医療機関名').inputValue()).toBe('さくら産婦人科クリニック');
    await next(page);

    // Step 3.
    await expect.poll(() => heading(page)).toBe('健康状態について');
    await group(page, 'これまでにかかった病気（あてはまるものすべて）').getByLabel('特になし').check();
    await choose(page, 'たばこを吸っていますか', 'いいえ');
    await expectAccessible(page, 'step 3');
    await next(page);

    // Step 4, then the back button and forward again keep the answers.
    await expect.poll(() => heading(page)).toBe('母子健康手帳の受け取り');
    await page.goBack();
    await expect.poll(() => heading(page)).toBe('健康状態について');
    await expect.poll(() => group(page, 'たばこを吸っていますか').getByLabel('いいえ').isChecked()).toBe(true);
    await page.goForward();
    await expect.poll(() => heading(page)).toBe('母子健康手帳の受け取り');
    await choose(page, '受け取り方法', '保健センターで保健師と面談して受け取る');
    await choose(page, '面談に通訳が必要ですか', 'いいえ');
    await next(page, '入力内容の確認へ進む');

    // Check your answers: labels, both calendars, canonical forms, masked My Number, choices by label.
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    const answers = page.locator('main');
    const text = (await answers.textContent()) ?? '';
    expect(text).toContain('平成4年5月14日（1992年5月14日）');
    expect(text).toContain('令和9年6月20日（2027年6月20日）');
    expect(text).toContain('184-8504');
    expect(text).toContain('コガネイ\u3000ハナコ');
    expect(text).toContain('********9013');
    expect(text).not.toContain('023456789013');
    expect(text).toContain('1人');
    expect(text).toContain('保健センターで保健師と面談して受け取る');
    await expectAccessible(page, 'check your answers');

    // Change one answer through its change link, and come straight back.
    await page.getByRole('link', { name: /^変更する\s*（診断を受けた医療機関名）$/u }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('root_pregnancy_clinic');
    await field(page, '診断を受けた医療機関名').fill('小金井ウィメンズクリニック');
    await next(page, '入力内容の確認へ進む');
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    expect(await answers.textContent()).toContain('小金井ウィメンズクリニック');

    // The declaration must be ticked.
    await page.getByRole('button', { name: 'この内容で申請する' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('誓約の内容を確認してチェックを入れてください');
    await expectAccessible(page, 'check your answers with error');
    await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
    await page.getByRole('button', { name: 'この内容で申請する' }).click();

    // Completion: reference number and access code, and what happens next.
    await expect.poll(() => heading(page)).toBe('申請を受け付けました');
    const ref = (await page.getByTestId('reference-number').textContent()) ?? '';
    const code = (await page.getByTestId('access-code').textContent()) ?? '';
    expect(ref).toMatch(/^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$/u);
    expect(code).toMatch(/^[A-Z3-9]{5}-[A-Z3-9]{5}$/u);
    // The procedure's texts load after the page itself.
    await expect.poll(() => page.locator('main').textContent()).toContain('5開庁日以内に保健師からご連絡します');
    await expectAccessible(page, 'completion');
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('koganei.draft')))).toEqual([]);

    // Stored as filed, against version 1 of the definition.
    const row = await suite.server.testDb.db('submissions').where({ reference_number: ref }).first();
    const stored = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(stored.mother).toMatchObject({
      name: '小金井 花子',
      birthDate: '1992-05-14',
      postalCode: '184-8504',
      nameKana: 'コガネイ\u3000ハナコ',
      myNumber: '023456789013',
    });
    expect(stored.pregnancy).toMatchObject({
      dueDate: '2027-06-20',
      weeks: 9,
      clinic: '小金井ウィメンズクリニック',
      fetuses: 'single',
      firstBirth: true,
    });

    // Status page.
    await page.getByRole('link', { name: '申請の状況を確認する' }).click();
    await expect.poll(() => heading(page)).toBe('申請状況の確認');
    await expectAccessible(page, 'status page');
    await page.getByLabel('受付番号').fill(ref.replaceAll('-', '').toLowerCase());
    await page.getByLabel('アクセスコード').fill(code);
    await page.getByRole('button', { name: '状況を確認する' }).click();
    await expect.poll(() => page.locator('.status-tag').textContent()).toBe('受付');
    await expect.poll(() => page.locator('.status-result').textContent()).toContain('妊娠の届出');
    await expectAccessible(page, 'status result');

    expect(phone.problems).toEqual([]);
  });
});
