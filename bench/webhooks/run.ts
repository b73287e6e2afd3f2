/**
 * bench/webhooks — Stripe webhook deliveries applied per second (signature check, event stored
 * once, attempt moved, ledger recomputed, submission moved to 受付, mail queued) against a bare
 * Express route that only verifies the signature with the same SDK call. Both are measured in this
 * run, with the same events, the same concurrency and the same client.
 *
 *   npm run bench:webhooks          BENCH_EVENTS=1000 BENCH_CONCURRENCY=16 npm run bench:webhooks
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:webhooks
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import Stripe from 'stripe';
import { definition, submit } from '../../tests/helpers/http.ts';
import { startTestServer } from '../../tests/helpers/server.ts';
import { startStripeStub, STRIPE_WEBHOOK_SECRET, stripeEnv } from '../../tests/helpers/stripe-stub.ts';

const N = Number(process.env.BENCH_EVENTS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function deliverAll(url: string, payloads: string[]): Promise<number> {
  const start = performance.now();
  await pool(payloads, async (payload) => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body: payload,
    });
    if (res.status !== 200) throw new Error(`delivery answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  });
  return payloads.length / ((performance.now() - start) / 1000);
}

const stripe = await startStripeStub();
const server = await startTestServer({ ...stripeEnv(stripe), STATUS_LOOKUPS_PER_WINDOW: '1000000' });
stripe.webhookUrl = `${server.url}/api/payments/stripe/webhook`;

// N submissions of 住民票の写し, each with a Checkout Session the resident has paid.
const answers = definition('juminhyo-copy').examples[0];
const payloads: string[] = [];
await pool(
  Array.from({ length: N }, (_, i) => i),
  async () => {
    const filed = (await submit(server.url, 'juminhyo-copy', answers)).body as { referenceNumber: string; accessCode: string };
    const res = await fetch(`${server.url}/api/submissions/payment`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(filed),
    });
    const { checkoutUrl } = (await res.json()) as { checkoutUrl: string };
    const session = stripe.pay(checkoutUrl.split('/pay/')[1]!, 'card');
    payloads.push(JSON.stringify(stripe.event('checkout.session.completed', session)));
  },
);

// Baseline: the same SDK signature check, nothing else.
const bare = express();
bare.post('/hook', express.raw({ type: () => true }), (req, res) => {
  Stripe.webhooks.constructEvent(req.body as Buffer, req.get('Stripe-Signature')!, STRIPE_WEBHOOK_SECRET);
  res.json({ received: true });
});
const bareServer = bare.listen(0, '127.0.0.1');
await new Promise((resolve) => bareServer.once('listening', resolve));
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/hook`;

await deliverAll(bareUrl, payloads); // warm-up (JIT)
const baseline = await deliverAll(bareUrl, payloads);
const app = await deliverAll(stripe.webhookUrl, payloads);
const baselineAgain = await deliverAll(bareUrl, payloads);
const duplicates = await deliverAll(stripe.webhookUrl, payloads.slice(0, Math.min(200, N)));

const paid = await server.testDb
  .db('submissions')
  .where({ procedure_id: 'juminhyo-copy', payment_status: 'paid', status: 'submitted' })
  .count({ n: '*' })
  .first();
if (Number(paid?.n) !== N) throw new Error(`expected ${N} paid submissions, found ${String(paid?.n)}`);
const base = (baseline + baselineAgain) / 2;
const where = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
console.log(`bare route (signature only)       ${baseline.toFixed(0)} / ${baselineAgain.toFixed(0)} events/s`);
console.log(`app, ${where.padEnd(27)} ${app.toFixed(0)} events/s   (all ${N} paid and in 受付)`);
console.log(`app, duplicates (already applied) ${duplicates.toFixed(0)} events/s`);
console.log(`ratio app / bare                  ${(app / base).toFixed(2)}   (${N} events, concurrency ${CONCURRENCY})`);
bareServer.close();
await server.close();
await stripe.stop();
