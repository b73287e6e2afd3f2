/**
 * 要介護・要支援更新認定の申請 needs an electronic signature: on a phone, 貫井 うめ signs in, fills
 * the form, goes to the signing app (the local stand-in, with cards of a PKI made in the test),
 * first with a card whose certificate has expired (told so on the check page), then with her own,
 * comes back and files. The clerk of 介護福祉課 finds 電子署名：検証済み on the detail page and in
 * the department's PDF. axe runs on every page of ours.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, openPhone } from '../helpers/browser.ts';
import { choose, enterDate, field, heading, next, signInWithMyNumberCard } from '../helpers/journey.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startWithSigning, type WithSigning } from '../helpers/signing.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

let t: WithSigning;
let browser: Browser;
beforeAll(async () => {
  t = await startWithSigning();
  browser = await launchBrowser();
  await addStaff(t.server, 'kaigo.clerk@koganei.example', 'clerk', 'kaigo-fukushi');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('filing a procedure that needs an electronic signature', () => {
  it('when I sign with my My Number Card in the signing app and come back, then I can file, and the clerk sees 電子署名：検証済み', async () => {
    const { page, problems } = await openPhone(browser, t.server.url);
    await page.goto('/procedures/kaigo-02');
    await expect.poll(() => heading(page)).toBe('要介護・要支援更新認定の申請');
    await signInWithMyNumberCard(page, '貫井 うめ');
    await page.getByRole('button', { name: /申請を始める/u }).click();

    await expect.poll(() => heading(page)).toBe('介護を受ける方（被保険者）について');
    await field(page, '被保険者番号').fill('1234567891');
    await field(page, '個人番号（マイナンバー）').fill('023456789013');
    await field(page, '氏名（フリガナ）').fill('ヌクイ ウメ');
    await field(page, '郵便番号').fill('184-0015');
    await field(page, '電話番号').fill('042-383-1111');
    await choose(page, '被保険者の区分', '第1号被保険者（65歳以上）');
    await next(page);

    await expect.poll(() => heading(page)).toBe('現在の認定について');
    await choose(page, '現在の要介護状態区分', '要介護1');
    await enterDate(page, '現在の認定の有効期間が終わる日', '令和', '9', '1', '31');
    await expectAccessible(page, 'renewal step 2');
    await next(page);

    await expect.poll(() => heading(page)).toBe('現在の状況について');
    await choose(page, '現在いる場所', '自宅');
    await field(page, '現在の心身の状況（前回の認定から変わったこと）').fill('歩くときにふらつくことが増えました。');
    await next(page);

    await expect.poll(() => heading(page)).toBe('主治医について');
    await field(page, '主治医の氏名').fill('前原 健一');
    await field(page, '医療機関名').fill('前原内科クリニック');
    await field(page, '医療機関の電話番号').fill('042-383-1111');
    await next(page);

    await expect.poll(() => heading(page)).toBe('申請する方について');
    await next(page, '入力内容の確認へ進む');

    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    await expect.poll(() => page.getByRole('heading', { name: '電子署名' }).count()).toBe(1);
    await expectAccessible(page, 'check answers, before signing');
    await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
    await page.getByRole('button', { name: '電子署名へ進む' }).click();

    // The signing app (a stand-in here): I pick a card whose certificate has expired first.
    await page.getByRole('button', { name: /有効期限が切れた証明書/u }).click();
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('署名用電子証明書の有効期限が切れています');
    await expectAccessible(page, 'check answers, signature refused');

    // Then with my own card: back on the check page, signed.
    await page.getByRole('button', { name: '電子署名へ進む' }).click();
    await page.getByRole('button', { name: '貫井 うめ（有効な署名用電子証明書）で署名する' }).click();
    await expect.poll(() => page.getByText('電子署名が済みました（署名者：貫井 うめ）', { exact: false }).count()).toBe(1);
    await expectAccessible(page, 'check answers, signed');
    await page.getByRole('button', { name: 'この内容で申請する' }).click();
    await expect.poll(() => heading(page)).toBe('申請を受け付けました');
    const ref = (await page.getByTestId('reference-number').textContent()) ?? '';
    const row = (await t.server.testDb.db('submissions').where({ reference_number: ref }).first()) as { id: number } | undefined;
    expect(
      Number(
        (
          (await t.server.testDb
            .db('submission_signatures')
            .where({ submission_id: row?.id ?? -1 })
            .count({ n: '*' })
            .first()) as { n: number }
        ).n,
      ),
    ).toBe(1);
    expect(problems).toEqual([]);

    // The clerk of 介護福祉課, on a PC.
    const desk = await openPhone(browser, t.server.url, { width: 1280, height: 900 });
    const clerk = desk.page;
    await clerk.goto('/staff/queue');
    await clerk.getByLabel('メールアドレス').fill('kaigo.clerk@koganei.example');
    await clerk.getByLabel('パスワード').fill(TEST_PASSWORD);
    await clerk.getByRole('button', { name: 'ログイン' }).click();
    await clerk.getByRole('link', { name: ref }).click();
    await expect.poll(() => heading(clerk)).toBe(ref);
    await expect.poll(() => clerk.getByTestId('signature').textContent()).toContain('電子署名：検証済み');
    expect(await clerk.getByTestId('signature').textContent()).toContain('署名者：貫井 うめ');
    await expectAccessible(clerk, 'staff detail of a signed submission');
    const pdf = await clerk.request.get(`/api/staff/receipts.pdf?refs=${ref}`);
    expect(pdf.status()).toBe(200);
    expect(pdfText(Buffer.from(await pdf.body()))).toContain('電子署名：検証済み');
    expect(desk.problems).toEqual([]);
  });
});
