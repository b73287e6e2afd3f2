/** How a resident fills the form in the browser: by visible labels, as a person reads them. */
import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD } from './staff.ts';
import { expect } from 'vitest';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** A text box, select or textarea by its visible label (the 必須 tag may follow it). */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escape(label)}\\s*(必須|Required)?$`, 'u'));
}

/** A group of choices (or a date) by its legend. */
export function group(scope: Page | Locator, legend: string): Locator {
  return scope.getByRole('group', { name: new RegExp(`^${escape(legend)}\\s*(必須|Required)?$`, 'u') });
}

export async function choose(scope: Page | Locator, legend: string, option: string): Promise<void> {
  await group(scope, legend).getByLabel(option, { exact: true }).check();
}

/** 和暦 date entry: era, era year, month, day. */
export async function enterDate(
  scope: Page | Locator,
  legend: string,
  era: string,
  year: string,
  month: string,
  day: string,
): Promise<void> {
  const g = group(scope, legend);
  await g.getByLabel('元号').selectOption({ label: era });
  await g.getByLabel('年', { exact: true }).fill(year);
  await g.getByLabel('月', { exact: true }).fill(month);
  await g.getByLabel('日', { exact: true }).fill(day);
}

export async function next(page: Page, name: RegExp | string = /次へ進む|入力内容の確認へ進む/u): Promise<void> {
  await page.getByRole('button', { name }).click();
}

export async function heading(page: Page): Promise<string> {
  return (await page.locator('main h1').textContent()) ?? '';
}

/**
 * Presses Tab until the focused element matches the selector, as a keyboard user would. It first
 * waits for the element to be on the page (it may come with a fetch), so the presses never run out
 * on a page that has not rendered yet.
 */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'attached' });
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Signs in from a page that shows the マイナンバーカード sign-in: at the provider's stand-in page
 * (there is no card reader here) I pick the synthetic resident by name, and come back to our site.
 */
export async function signInWithMyNumberCard(page: Page, residentName: string): Promise<void> {
  const ours = new URL(page.url()).origin;
  await page.getByRole('link', { name: 'マイナンバーカードでログイン' }).first().click();
  await page.getByRole('button', { name: new RegExp(`^${escape(residentName)}`, 'u') }).click();
  await page.waitForURL((u) => u.origin === ours && !u.pathname.startsWith('/api/'));
}

/** A staff member signs in on the sign-in page that the queue sends them to, and lands on the queue. */
export async function signInAsStaff(page: Page, email: string): Promise<void> {
  await page.goto('/staff/queue');
  await expect.poll(() => heading(page)).toBe('職員ログイン');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect.poll(() => heading(page)).toBe('受付一覧');
}
