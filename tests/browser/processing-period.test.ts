/**
 * Clerks and the 標準処理期間: the queue shows each claim's due date and flags the overdue ones,
 * a filter finds them, the detail says the period; a certificate is approved from 受付 in one step.
 * At 1280 px, with axe on every page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { japanToday, shiftDate } from '../../shared/forms/date-bounds.ts';
import { formatDateBoth } from '../../shared/japanese/wareki.ts';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { definition, submit } from '../helpers/http.ts';
import { heading, signInAsStaff } from '../helpers/journey.ts';
import { addStaff, asStaff, login } from '../helpers/staff.ts';

const suite = browserSuite();

const row = (page: Page, ref: string) => page.locator('table.queue tbody tr', { has: page.getByRole('link', { name: ref }) });

describe('due dates in the queue', () => {
  it('when a claim is past its standard processing period, I see it flagged, find it with the filter, and read its period on the detail page', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'due.clerk@koganei.example', 'clerk', 'kosodate-shien');
    const file = async () =>
      (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body.referenceNumber as string;
    const fresh = await file();
    const late = await file();
    // As if the late claim had been filed 40 days ago: due 10 days ago.
    const today = japanToday(new Date());
    const lateDue = shiftDate(today, { days: -10 });
    await server.testDb
      .db('submissions')
      .where({ reference_number: late })
      .update({ submitted_at: new Date(`${shiftDate(today, { days: -40 })}T12:00:00+09:00`).toISOString(), due_on: lateDue });

    const { page, problems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await signInAsStaff(page, 'due.clerk@koganei.example');
    await untilLoaded(page);
    expect(await page.locator('table.queue thead').textContent()).toContain('処理期限');
    expect(await row(page, fresh).textContent()).toContain(formatDateBoth(shiftDate(today, { days: 30 }), 'ja'));
    expect(await row(page, fresh).textContent()).not.toContain('期限超過');
    expect(await row(page, late).textContent()).toContain('期限超過');
    expect(await row(page, late).textContent()).toContain(formatDateBoth(lateDue, 'ja'));
    await expectAccessible(page, 'queue with due dates');

    await page.getByLabel('処理期限').selectOption({ label: '期限を過ぎた未処理の申請' });
    await page.getByRole('button', { name: 'この条件で表示' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('due')).toBe('overdue');
    await untilLoaded(page);
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: late }).click();
    await expect.poll(() => heading(page)).toBe(late);
    const deadline = await page.getByTestId('deadline').textContent();
    expect(deadline).toContain('30日（受付の翌日から数えます）');
    expect(deadline).toContain(`処理期限 ${formatDateBoth(lateDue, 'ja')}`);
    expect(deadline).toContain('期限超過');
    await expectAccessible(page, 'detail of an overdue claim');
    expect(problems).toEqual([]);
  });
});

describe('approval in one step', () => {
  it('when a certificate request comes in, I approve it from 受付 at once, with no separate review', async () => {
    const { server, browser } = suite;
    await addStaff(server, 'shimin.clerk@koganei.example', 'clerk', 'shimin');
    const ref = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body.referenceNumber as string;
    // The fee was paid at the counter (recorded by a colleague).
    const colleague = await login(server, 'shimin.clerk@koganei.example');
    const { fee_yen } = await server.testDb.db('submissions').where({ reference_number: ref }).first();
    const paid = await asStaff(server, colleague, `/staff/submissions/${ref}/counter-payments`, {
      method: 'POST',
      json: { amountYen: Number(fee_yen) },
    });
    expect(paid.status).toBe(201);

    const { page, problems } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await signInAsStaff(page, 'shimin.clerk@koganei.example');
    await page.goto(`/staff/submissions/${ref}`);
    await expect.poll(() => heading(page)).toBe(ref);
    expect(await page.getByTestId('deadline').textContent()).toContain('3開庁日');
    const options = await page.getByLabel('変更後の状態').locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['審査中', '完了']));
    await expectAccessible(page, 'detail of a certificate request');
    await page.getByLabel('変更後の状態').selectOption({ label: '完了' });
    await page.getByRole('button', { name: '変更する' }).click();
    await expect.poll(() => page.locator('main .status-tag').first().textContent()).toBe('完了');
    await expect.poll(() => page.getByTestId('deadline').textContent()).toContain('（期間内）');
    expect(problems).toEqual([]);
  });
});
