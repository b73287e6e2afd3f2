/** One real server (fresh database) and one Chromium for a browser test file. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';
import { startStripeStub, stripeEnv, type StripeStub } from './stripe-stub.ts';

export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
}

export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startTestServer(env);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** The same, with online payment through a local stand-in for Stripe (webhooks go to this server). */
export function browserSuiteWithStripe(env: Record<string, string> = {}): BrowserSuite & { stripe: StripeStub } {
  const suite = {} as BrowserSuite & { stripe: StripeStub };
  beforeAll(async () => {
    suite.stripe = await startStripeStub();
    suite.server = await startTestServer({ ...stripeEnv(suite.stripe), ...env });
    suite.stripe.webhookUrl = `${suite.server.url}/api/payments/stripe/webhook`;
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    await suite.stripe?.stop();
  });
  return suite;
}
