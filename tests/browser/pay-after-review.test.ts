/**
 * 事後決済: a clerk of ごみ対策課 sets the fee of a bulky-waste collection from the detail page; the
 * resident finds it on the status page, pays it on (a local stand-in for) Stripe Checkout, and the
 * status page then says 支払済み.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone } from '../helpers/browser.ts';
import { browserSuiteWithStripe } from '../helpers/browser-suite.ts';
import { clone, definition, submit } from '../helpers/http.ts';
import { heading } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuiteWithStripe();

describe('paying after review', () => {
  it('when the clerk sets the fee, then I can pay it from the status page and see it paid', async () => {
    const { server, browser } = suite;
    const answers = clone(definition('sodai-gomi').examples[0]);
    const filed = (await submit(server.url, 'sodai-gomi', answers)).body as { referenceNumber: string; accessCode: string };

    await addStaff(server, 'gomi@koganei.example', 'clerk', 'gomi-taisaku');
    const { page: clerk, problems: clerkProblems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await clerk.goto(`/staff/submissions/${filed.referenceNumber}`);
    await clerk.getByLabel('メールアドレス').fill('gomi@koganei.example');
    await clerk.getByLabel('パスワード').fill(TEST_PASSWORD);
    await clerk.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(clerk)).toBe(filed.referenceNumber);
    const panel = clerk.getByRole('region', { name: '手数料と支払い' });
    await expect.poll(() => panel.textContent()).toContain('審査の後（事後決済：担当課が金額を設定）');
    await expectAccessible(clerk, 'detail before the fee is set');
    await panel.getByLabel('金額（円）').fill('1200');
    await panel.getByRole('button', { name: '金額を設定する' }).click();
    await expect.poll(() => clerk.getByRole('status').textContent()).toBe('保存しました。');
    await expect.poll(() => panel.textContent()).toContain('1,200円');
    expect(await panel.textContent()).toContain('未払い');
    expect(clerkProblems).toEqual([]);

    const { page, problems } = await openPhone(browser, server.url);
    await page.goto('/status');
    await page.getByLabel('受付番号').fill(filed.referenceNumber);
    await page.getByLabel('アクセスコード').fill(filed.accessCode);
    await page.getByRole('button', { name: '状況を確認する' }).click();
    await expect.poll(() => page.getByTestId('fee-amount').textContent()).toBe('1,200円');
    expect(await page.getByTestId('payment-status').textContent()).toBe('未払い');
    await expectAccessible(page, 'status page owing a fee');
    await page.getByRole('button', { name: '手数料を支払う（1,200円）' }).click();
    await expect.poll(() => page.locator('#total').textContent()).toBe('1200円');
    await page.getByRole('button', { name: '1200円を支払う' }).click();
    await expect.poll(() => heading(page)).toBe('お支払いが完了しました');
    await expect.poll(() => page.getByTestId('payment-status').textContent()).toBe('支払済み');

    await page.getByRole('link', { name: '申請の状況を確認する' }).click();
    await page.getByLabel('受付番号').fill(filed.referenceNumber);
    await page.getByLabel('アクセスコード').fill(filed.accessCode);
    await page.getByRole('button', { name: '状況を確認する' }).click();
    await expect.poll(() => page.getByTestId('payment-status').textContent()).toBe('支払済み');
    expect(await page.getByRole('button', { name: /手数料を支払う/u }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('when a resident pays at the counter, then the clerk records it, and can refund part of it with a reason', async () => {
    const { server, browser } = suite;
    const filed = (await submit(server.url, 'sodai-gomi', definition('sodai-gomi').examples[0])).body as { referenceNumber: string };
    await addStaff(server, 'gomi2@koganei.example', 'clerk', 'gomi-taisaku');
    const { page: clerk, problems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await clerk.goto(`/staff/submissions/${filed.referenceNumber}`);
    await clerk.getByLabel('メールアドレス').fill('gomi2@koganei.example');
    await clerk.getByLabel('パスワード').fill(TEST_PASSWORD);
    await clerk.getByRole('button', { name: 'ログイン' }).click();
    const panel = clerk.getByRole('region', { name: '手数料と支払い' });
    await panel.getByLabel('金額（円）').fill('800');
    await panel.getByRole('button', { name: '金額を設定する' }).click();
    // The counter-payment form is for the fee just saved: wait for it to show 800 yen before filling it in.
    await panel.getByRole('button', { name: '800円の受領を記録する' }).waitFor();
    await panel.getByLabel('メモ（領収書番号など・任意）').fill('領収書 No.77');
    await panel.getByRole('button', { name: '800円の受領を記録する' }).click();
    await expect.poll(() => panel.textContent()).toContain('支払済み');
    expect(await panel.getByRole('table', { name: '支払いの記録' }).textContent()).toContain('窓口');
    await panel.getByLabel('返金額（円）').fill('400');
    await panel.getByRole('button', { name: '返金する' }).click();
    // Without a reason the refund is refused, with the message at the field.
    await expect.poll(() => clerk.getByRole('alert').textContent()).toContain('返金の理由を入力してください');
    await panel.getByLabel('返金の理由').fill('2点のうち1点は収集しなかったため');
    await panel.getByRole('button', { name: '返金する' }).click();
    await expect.poll(() => panel.textContent()).toContain('一部返金済み');
    expect(await panel.getByRole('table', { name: '返金の記録' }).textContent()).toContain('2点のうち1点は収集しなかったため');
    await expectAccessible(clerk, 'detail with a counter payment and a refund');
    expect(problems).toEqual([]);
  });
});
