/**
 * A new clerk of 子育て支援課: signs in, finds the 児童手当 claim a resident just filed, returns it
 * for correction; the resident fixes it from the status page; the clerk approves it and exports
 * the day's list as CSV. axe runs on every staff page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { definition, submit } from '../helpers/http.ts';
import { field, heading, next } from '../helpers/journey.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

const suite = browserSuite();

describe('a clerk works the queue', () => {
  it('when a clerk returns a claim, the resident corrects it, and the clerk approves and exports it, then everyone sees the right status', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'hanako.clerk@koganei.example', 'clerk', 'kosodate-shien');
    const filed = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body as {
      referenceNumber: string;
      accessCode: string;
    };

    // The clerk signs in on a PC.
    const { page: clerk, problems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await clerk.goto('/staff/queue');
    await expect.poll(() => heading(clerk)).toBe('職員ログイン');
    await expectAccessible(clerk, 'staff sign-in');
    await clerk.getByLabel('メールアドレス').fill('hanako.clerk@koganei.example');
    await clerk.getByLabel('パスワード').fill(TEST_PASSWORD);
    await clerk.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(clerk)).toBe('受付一覧');
    await expectAccessible(clerk, 'queue');

    // Finds the claim by its reference number.
    await clerk.getByLabel('受付番号で検索').fill(filed.referenceNumber.replaceAll('-', '').toLowerCase().slice(0, 6));
    await clerk.getByRole('button', { name: 'この条件で表示' }).click();
    // The filter goes into the address, then the list is fetched again: count the filtered list.
    await expect.poll(() => new URL(clerk.url()).searchParams.has('q')).toBe(true);
    await untilLoaded(clerk);
    await expect.poll(() => clerk.locator('table.queue tbody tr').count()).toBe(1);
    await clerk.getByRole('link', { name: filed.referenceNumber }).click();
    await expect.poll(() => heading(clerk)).toBe(filed.referenceNumber);
    expect(await clerk.locator('main').textContent()).toContain('023456789013'); // 個人番号 in full in the detail view only
    await expectAccessible(clerk, 'detail');

    // Returns it for correction with a reason.
    await clerk.getByLabel('変更後の状態').selectOption({ label: '差戻し' });
    await clerk.getByLabel('理由').fill('口座番号が通帳と一致しません。ご確認ください。');
    await clerk.getByRole('button', { name: '変更する' }).click();
    await expect.poll(() => clerk.locator('main .status-tag').first().textContent()).toBe('差戻し');
    // The status panel says the claim now waits for the resident, not that review is over.
    expect(await clerk.getByRole('region', { name: '状態の変更' }).textContent()).toContain('申請者の修正待ちです。');

    // The resident sees the reason on the status page and corrects the account number.
    const { page: resident, problems: residentProblems } = await openPhone(browser, server.url);
    await resident.goto('/status');
    await resident.getByLabel('受付番号').fill(filed.referenceNumber);
    await resident.getByLabel('アクセスコード').fill(filed.accessCode);
    await resident.getByRole('button', { name: '状況を確認する' }).click();
    await expect.poll(() => resident.locator('.status-result').textContent()).toContain('口座番号が通帳と一致しません。ご確認ください。');
    await expectAccessible(resident, 'status page, returned');
    // The status is explained: waiting for me, the review not over, and the usual path with where it stands.
    expect(await resident.getByTestId('status-meaning').textContent()).toContain('審査はまだ終わっていません');
    expect(await resident.locator('.status-path [aria-current="step"] .status-path__label').textContent()).toBe('審査中');
    expect(await resident.locator('.status-explained').textContent()).toContain('処理にかかる期間の目安');
    await resident.getByRole('button', { name: '申請内容を修正する' }).click();
    await expect.poll(() => heading(resident)).toBe('請求者（受給者）について');
    // What the clerk asked for stays in view on every step of the correction.
    const reasonShown = () => resident.locator('.correction-reason').textContent();
    await expect.poll(reasonShown).toContain('口座番号が通帳と一致しません。ご確認ください。');
    expect(await reasonShown()).toContain(filed.referenceNumber);
    // The name my card verified when I filed stays as filed (本人確認済み, read-only).
    const verifiedName = resident.getByLabel(/^氏名\s*(必須)?\s*本人確認済み$/u);
    await expect.poll(() => verifiedName.inputValue()).toBe('小金井 太郎');
    expect(await verifiedName.getAttribute('readonly')).not.toBeNull();
    await next(resident);
    await expect.poll(() => heading(resident)).toBe('養育しているお子さん');
    await next(resident);
    await expect.poll(() => heading(resident)).toBe('振込先の口座');
    expect(await reasonShown()).toContain('口座番号が通帳と一致しません。');
    await expectAccessible(resident, 'correction step with the reason');
    await field(resident, '口座番号').fill('7654321');
    await next(resident, '入力内容の確認へ進む');
    await expect.poll(() => heading(resident)).toBe('入力内容の確認');
    expect(await reasonShown()).toContain('口座番号が通帳と一致しません。');
    await resident.getByLabel('入力した内容に偽りがないことを誓約します。').check();
    await resident.getByRole('button', { name: 'この内容で再提出する' }).click();
    await expect.poll(() => heading(resident)).toBe('申請内容の修正');
    // The page after the correction names the application (its number does not change).
    expect(await resident.getByTestId('reference-number-line').textContent()).toBe(`受付番号：${filed.referenceNumber}（変わりません）`);
    await expectAccessible(resident, 'correction sent');

    // The clerk sees the change, takes the claim, reviews and approves it.
    await clerk.reload();
    await expect.poll(() => clerk.locator('main .status-tag').first().textContent()).toBe('受付');
    expect(await clerk.locator('.history').textContent()).toContain('口座番号：1234567 → 7654321');
    // What the resident changed against the returned version, with the reason it was returned for.
    const resubmitted = clerk.getByRole('region', { name: '差戻し後に再提出された内容' });
    expect(await resubmitted.textContent()).toContain('口座番号が通帳と一致しません。ご確認ください。');
    expect(await resubmitted.locator('.changes li').allTextContents()).toEqual(['口座番号：1234567 → 7654321']);
    await expectAccessible(clerk, 'detail, sent again');
    await clerk.getByRole('button', { name: '担当者にする' }).click();
    await expect.poll(() => clerk.locator('dl.facts').first().textContent()).toContain('hanako.clerk');
    await clerk.getByLabel('変更後の状態').selectOption({ label: '審査中' });
    await clerk.getByRole('button', { name: '変更する' }).click();
    await expect.poll(() => clerk.locator('main .status-tag').first().textContent()).toBe('審査中');
    await clerk.getByLabel('変更後の状態').selectOption({ label: '完了' });
    await clerk.getByRole('button', { name: '変更する' }).click();
    await expect.poll(() => clerk.locator('main .status-tag').first().textContent()).toBe('完了');
    await expectAccessible(clerk, 'detail, approved');

    // Exports the day's list and opens the CSV.
    await clerk.getByRole('link', { name: '受付一覧へ戻る' }).click();
    await expect.poll(() => heading(clerk)).toBe('受付一覧');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    await clerk.getByLabel('申請日（から）').fill(today);
    await clerk.getByLabel('申請日（まで）').fill(today);
    // 子育て支援課 runs several procedures: the CSV is per procedure, so I choose it first.
    expect(await clerk.getByText('CSVは手続ごとに書き出します。').count()).toBe(1);
    await clerk.locator('#f-procedure').selectOption('kosodate-01');
    await clerk.getByRole('button', { name: 'この条件で表示' }).click();
    // The export link is made from the filters once they are applied: wait for it (and the list) before using it.
    await expect.poll(() => clerk.getByRole('link', { name: 'CSVで書き出す（Excel）' }).getAttribute('href')).toContain(`to=${today}`);
    await untilLoaded(clerk);
    await expect.poll(() => clerk.locator('table.queue tbody tr').count()).toBe(1);
    // The row names the applicant and marks a claim that was sent again after a return.
    const row = await clerk.locator('table.queue tbody tr').textContent();
    expect(row).toContain('小金井 太郎');
    expect(row).toContain('再提出');
    const [download] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('link', { name: 'CSVで書き出す（Excel）' }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv).toContain(filed.referenceNumber);
    expect(csv).toContain('完了');
    expect(csv).toContain('7654321');
    expect(download.suggestedFilename()).toBe(`kosodate-01-${today}.csv`);

    expect(problems).toEqual([]);
    expect(residentProblems).toEqual([]);
  });
});
