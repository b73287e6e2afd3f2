/**
 * Debian's Chromium driven by playwright-core, at a phone size by default, with axe-core run on
 * every page a test visits and every Content-Security-Policy violation recorded.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How long Playwright's own waits (click, fill, waitFor, a download, a navigation) may take on a
 * busy two-core machine, set explicitly rather than left to the library's default. Conditions a
 * test polls for (expect.poll) get 15 s, the browser project's default in vitest.config.ts.
 */
export const PLAYWRIGHT_WAIT_MS = 30_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PhonePage {
  context: BrowserContext;
  page: Page;
  /** Console messages that report a CSP violation or an uncaught error. */
  problems: string[];
}

export async function openPhone(browser: Browser, baseURL: string, viewport = { width: 390, height: 844 }): Promise<PhonePage> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    hasTouch: viewport.width < 500,
  });
  context.setDefaultTimeout(PLAYWRIGHT_WAIT_MS);
  context.setDefaultNavigationTimeout(PLAYWRIGHT_WAIT_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

/** Waits until the page shows no loading message (「読み込んでいます…」): what it fetches has arrived. */
export async function untilLoaded(page: Page): Promise<void> {
  const loading = page.getByText(/^(読み込んでいます…|Loading…)$/u);
  await expect.poll(() => loading.count(), { message: `${page.url()} still loading` }).toBe(0);
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page once it has loaded and fails on any violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await untilLoaded(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}
