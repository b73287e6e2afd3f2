/**
 * npm run screenshots — starts the app on a throwaway database and saves full-page screenshots of
 * the resident pages at 390 px (phone) and 1280 px (PC) into screenshots/ (git-ignored), to look
 * at before a change lands. Needs `npm run build` first and Debian's chromium.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { call, definition } from '../tests/helpers/http.ts';
import { startWithProvider } from '../tests/helpers/oidc.ts';
import { addStaff, TEST_PASSWORD } from '../tests/helpers/staff.ts';
import { draftToken, photoWithGps, upload } from '../tests/helpers/files.ts';
import { startStripeStub, stripeEnv } from '../tests/helpers/stripe-stub.ts';
import { DEMO_RESIDENTS } from '../server/demo/identity-provider.ts';
import { startStandInSigningApp } from '../server/demo/signing-app.ts';
import { makeSigningPki } from '../server/demo/signing-pki.ts';

const out = path.resolve(import.meta.dirname, '..', 'screenshots');
mkdirSync(out, { recursive: true });
// Fees are paid on a local stand-in for Stripe Checkout, as in the browser tests.
const stripe = await startStripeStub();
// Signatures: the signing-app stand-in with a PKI made here (its callback is added once the server has its address).
const pki = await makeSigningPki(mkdtempSync(path.join(tmpdir(), 'koganei-shots-jpki-')), DEMO_RESIDENTS);
const callbacks: string[] = [];
const signer = await startStandInSigningApp({ redirectUris: callbacks, cards: pki.cards });
// Residents sign in on a local OpenID Connect provider standing in for デジタル認証アプリ.
const withIdp = await startWithProvider({
  ...stripeEnv(stripe),
  SIGNING_APP_URL: signer.url,
  SIGNING_CLIENT_ID: signer.clientId,
  SIGNING_CLIENT_SECRET: signer.clientSecret,
  SIGNATURE_TRUST_ANCHORS: pki.anchorsFile,
  SIGNATURE_CRLS: pki.crlFiles.join(','),
  SIGNING_ALLOW_HTTP: 'true',
});
const server = withIdp.server;
callbacks.push(`${server.url}/api/signing/callback`);
stripe.webhookUrl = `${server.url}/api/payments/stripe/webhook`;
/** A draft of 住民票の写し whose identity copy was uploaded for real (the browser keeps its token and name). */
async function juminhyoDraft() {
  const token = draftToken();
  const res = await upload(server.url, 'juminhyo-copy', await photoWithGps(800, 500, '#c8d4e0'), {
    field: '/requester/idDocument',
    token,
    name: 'menkyosho.jpg',
  });
  const file = res.body as { id: string; name: string; mediaType: string; size: number };
  const answers = structuredClone(definition('juminhyo-copy').examples[0]) as { requester: Record<string, unknown> };
  answers.requester.idDocument = file.id;
  return {
    draft: { procedureId: 'juminhyo-copy', version: definition('juminhyo-copy').version, answers },
    uploads: { token, files: { [file.id]: { ...file, scan: 'not_scanned' } }, updatedAt: new Date().toISOString() },
  };
}
const photos = mkdtempSync(path.join(tmpdir(), 'koganei-shots-'));
writeFileSync(path.join(photos, 'IMG_0101.jpg'), await photoWithGps(1600, 1200, '#8a5a2b'));
writeFileSync(path.join(photos, 'IMG_0102.jpg'), await photoWithGps(1600, 1200, '#2b6a8a'));
const hisai = { procedureId: 'hisai-01', version: definition('hisai-01').version, answers: definition('hisai-01').examples[0] };
const browser = await launchBrowser();
const draft = { procedureId: 'kosodate-01', version: definition('kosodate-01').version, answers: definition('kosodate-01').examples[0] };
await addStaff(server, 'clerk@koganei.example', 'clerk', 'kosodate-shien');
await addStaff(server, 'dx@koganei.example', 'dx');
await addStaff(server, 'shimin@koganei.example', 'clerk', 'shimin');
await addStaff(server, 'anzen@koganei.example', 'clerk', 'chiiki-anzen');
await addStaff(server, 'admin@koganei.example', 'admin');
await addStaff(server, 'kaigo@koganei.example', 'clerk', 'kaigo-fukushi');
const renewal = { procedureId: 'kaigo-02', version: definition('kaigo-02').version, answers: definition('kaigo-02').examples[0] };

for (const width of [390, 1280]) {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  const shot = async (name: string) => {
    await page.locator('main h1').first().waitFor();
    await page.screenshot({ path: path.join(out, `${width}-${name}.png`), fullPage: true });
  };
  await page.goto('/');
  await shot('home');
  // The list cannot be loaded: the page says so and offers to try again.
  await page.route('**/api/procedures', (route) => route.abort());
  await page.goto('/');
  await page.getByRole('alert').waitFor();
  await shot('home-error');
  await page.unroute('**/api/procedures');
  await page.goto('/procedures/kaigo-01');
  await shot('procedure');
  // 要介護認定 collects a 個人番号: the resident signs in (stand-in provider) before the form.
  await page.getByRole('link', { name: 'マイナンバーカードでログイン' }).first().click();
  await page.getByRole('button', { name: /小金井 太郎/u }).click();
  await page.getByRole('button', { name: /申請を始める/u }).waitFor();
  await shot('procedure-signed-in');
  await page.goto('/procedures/kaigo-01/steps/1');
  await page.getByRole('button', { name: '次へ進む' }).click();
  await shot('step-errors');
  await page.evaluate((d) => localStorage.setItem('koganei.draft.kosodate-01', JSON.stringify(d)), draft);
  await page.goto('/procedures/kosodate-01');
  await page.getByRole('button', { name: '入力途中の内容を削除する' }).waitFor();
  await shot('procedure-draft');
  await page.goto('/procedures/kosodate-01/steps/2');
  await shot('step-list');
  await page.goto('/procedures/kosodate-01/check');
  await shot('check');
  await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
  await page.getByRole('button', { name: 'この内容で申請する' }).click();
  await page.getByTestId('reference-number').waitFor();
  await shot('complete');
  const ref = (await page.getByTestId('reference-number').textContent()) ?? '';
  const code = (await page.getByTestId('access-code').textContent()) ?? '';
  // The back button from the completion page: the application is said to be sent.
  await page.goBack();
  await page.getByRole('heading', { name: 'この申請は送信済みです' }).waitFor();
  await shot('already-sent');
  await page.goto('/status');
  await shot('status');
  await page.getByLabel('受付番号').fill(ref);
  await page.getByLabel('アクセスコード').fill(code);
  await page.getByRole('button', { name: '状況を確認する' }).click();
  await page.locator('.status-result').waitFor();
  await shot('status-result');
  await page.goto(`/verify/${ref}/${'0'.repeat(64)}`);
  await page.getByRole('status').waitFor();
  await shot('verify');
  await page.goto('/staff');
  await shot('staff-login');
  // Someone guessed the clerk's password twice: the clerk is told after signing in.
  for (let i = 0; i < 2; i += 1)
    await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'clerk@koganei.example', password: 'a wrong guess' } });
  await page.getByLabel('メールアドレス').fill('clerk@koganei.example');
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.locator('table.queue').waitFor();
  await shot('staff-queue');
  await page.locator('table.queue a').first().click();
  await page.locator('h1.code-heading').waitFor();
  await shot('staff-detail');
  // 書かない窓口: the clerk chooses a procedure and fills the resident's form with them.
  await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('link', { name: '窓口で代行入力' }).click();
  await page.getByRole('button', { name: '入力を始める' }).waitFor();
  await shot('staff-counter');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: '入力を始める' }).click();
  await page.locator('form').first().waitFor();
  await shot('staff-counter-form');
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  await page.getByLabel('メールアドレス').fill('dx@koganei.example');
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.locator('.big-figure').first().waitFor();
  await shot('dx-dashboard');
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  // A fee: 住民票の写し, 2 copies, paid by card.
  const juminhyo = await juminhyoDraft();
  await page.evaluate((d) => {
    localStorage.setItem('koganei.draft.juminhyo-copy', JSON.stringify(d.draft));
    localStorage.setItem('koganei.uploads.juminhyo-copy', JSON.stringify(d.uploads));
  }, juminhyo);
  await page.goto('/procedures/juminhyo-copy/check');
  await page.getByTestId('fee-total').waitFor();
  await shot('check-fee');
  await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
  await page.getByRole('button', { name: 'この内容で申請する' }).click();
  await page.getByTestId('payment-status').waitFor();
  await shot('complete-fee');
  const feeRef = (await page.getByTestId('reference-number').textContent()) ?? '';
  const feeCode = (await page.getByTestId('access-code').textContent()) ?? '';
  await page.goto('/status');
  await page.getByLabel('受付番号').fill(feeRef);
  await page.getByLabel('アクセスコード').fill(feeCode);
  await page.getByRole('button', { name: '状況を確認する' }).click();
  await page.getByTestId('payment-status').waitFor();
  await shot('status-fee');
  await page.getByRole('button', { name: /手数料を支払う/u }).click();
  await page.getByRole('button', { name: /円を支払う/u }).click();
  await page.getByTestId('payment-status').waitFor();
  await shot('payment-return');
  await page.goto('/staff');
  await page.getByLabel('メールアドレス').fill('shimin@koganei.example');
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.locator('table.queue a').first().click();
  await page.locator('#payment-title').waitFor();
  await shot('staff-detail-fee');
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  // Attachments: 罹災証明書 with two photos, then the clerk of 地域安全課 sees them.
  await page.evaluate((d) => localStorage.setItem('koganei.draft.hisai-01', JSON.stringify(d)), hisai);
  await page.goto('/procedures/hisai-01/steps/2');
  await page.getByLabel('ファイルを選ぶ').setInputFiles([path.join(photos, 'IMG_0101.jpg'), path.join(photos, 'IMG_0102.jpg')]);
  await page.locator('img.attachment-thumb').nth(1).waitFor();
  await shot('step-attachments');
  await page.goto('/procedures/hisai-01/check');
  await page.getByText('IMG_0102.jpg').first().waitFor();
  await shot('check-attachments');
  await page.getByLabel('入力した内容に偽りがないことを誓約します。').check();
  await page.getByRole('button', { name: 'この内容で申請する' }).click();
  await page.getByTestId('reference-number').waitFor();
  await page.goto('/staff');
  await page.getByLabel('メールアドレス').fill('anzen@koganei.example');
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.locator('table.queue a').first().click();
  await page.locator('#attachments-title').waitFor();
  await page.locator('img.staff-attachment__thumb').nth(1).waitFor();
  await shot('staff-detail-attachments');
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  // Staff accounts: the admin lands on the account list; own account with the second factor's set-up.
  await page.getByLabel('メールアドレス').fill('admin@koganei.example');
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.locator('table').first().waitFor();
  await shot('admin-accounts');
  await page.goto('/staff/account');
  await page.locator('#mfa-start').waitFor();
  await page.locator('#mfa-start').click();
  await page.locator('img[src^="data:image/png"]').waitFor();
  await shot('staff-account-enrol');
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  // Resident sign-in and マイページ.
  await page.goto('/sign-in?error=SIGN_IN_CANCELLED');
  await page.getByRole('link', { name: /でログインする/u }).waitFor();
  await shot('sign-in-error');
  await page.getByRole('link', { name: /でログインする/u }).click();
  // Signed in at the provider already (step pages above): it may send the browser straight back.
  const picker = page.getByRole('button', { name: /小金井 太郎/u });
  const signedIn = page.getByText(/さんとしてログインしています/u);
  await picker.or(signedIn).first().waitFor();
  if (await picker.isVisible()) await picker.click();
  await signedIn.waitFor();
  await shot('mypage');
  await context.close();

  // Issue 14: search by everyday words (and nothing found), a procedure with a filing period, and previews.
  const more = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 }, locale: 'ja-JP' });
  const m = await more.newPage();
  const take = async (name: string) => {
    await m.locator('main h1').first().waitFor();
    await m.screenshot({ path: path.join(out, `${width}-${name}.png`), fullPage: true });
  };
  await m.goto('/');
  await m.getByLabel('手続を探す').fill('保育園');
  await m.getByText(/の検索結果/u).waitFor();
  await take('search-results');
  await m.getByLabel('手続を探す').fill('ぴよぴよ');
  await m.getByText(/見つかりませんでした/u).waitFor();
  await take('search-none');
  await m.goto('/procedures/kosodate-12');
  await m
    .getByText(/受付期間/u)
    .first()
    .waitFor();
  await take('procedure-window');
  await m.goto('/staff');
  await m.getByLabel('メールアドレス').fill('shimin@koganei.example');
  await m.getByLabel('パスワード').fill(TEST_PASSWORD);
  await m.getByRole('button', { name: 'ログイン' }).click();
  await m.getByRole('heading', { name: '受付一覧' }).waitFor();
  await m.goto('/staff/previews');
  await m.locator('.card').filter({ hasText: '戸籍証明書' }).waitFor();
  await take('preview-list');
  await m
    .locator('.card')
    .filter({ hasText: '戸籍証明書' })
    .getByRole('button', { name: /プレビューする/u })
    .click();
  await m.locator('.preview-banner').waitFor();
  await take('preview-procedure');
  await m.getByRole('button', { name: '申請を始める' }).click();
  await m.getByRole('button', { name: /次へ進む/u }).click();
  await m.locator('.error-summary').waitFor();
  await take('preview-step-errors');
  const brokenFile = path.join(photos, 'koseki-broken.json');
  const broken = JSON.parse(JSON.stringify(definition('koseki-shomei'))) as Record<string, any>;
  delete broken.schema.properties[Object.keys(broken.schema.properties)[1]!]['x-en'];
  broken.uiSchema.nowhere = { 'ui:widget': 'radio' };
  writeFileSync(brokenFile, JSON.stringify(broken));
  await m.goto('/staff/previews');
  await m.getByLabel('定義ファイル（JSON）').setInputFiles(brokenFile);
  await m.getByRole('button', { name: 'チェックしてプレビューする' }).click();
  await m.locator('.problem-list').waitFor();
  await take('preview-problems');
  await more.close();

  // A signed filing: 貫井 うめ renews her care certification, first with an expired card, then her own.
  const signing = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 }, locale: 'ja-JP' });
  const p = await signing.newPage();
  const snap = async (name: string) => {
    await p.locator('main h1').first().waitFor();
    await p.screenshot({ path: path.join(out, `${width}-${name}.png`), fullPage: true });
  };
  await p.goto('/sign-in');
  await p.getByRole('link', { name: /でログインする/u }).click();
  await p.getByRole('button', { name: /貫井 うめ/u }).click();
  await p.getByText(/さんとしてログインしています/u).waitFor();
  await p.evaluate((d) => localStorage.setItem('koganei.draft.kaigo-02', JSON.stringify(d)), renewal);
  await p.goto('/procedures/kaigo-02/check');
  await p.getByRole('heading', { name: '電子署名' }).waitFor();
  await snap('check-signature');
  await p.getByLabel('入力した内容に偽りがないことを誓約します。').check();
  await p.getByRole('button', { name: '電子署名へ進む' }).click();
  await p.getByRole('button', { name: /有効期限が切れた証明書/u }).waitFor();
  await snap('signing-app');
  await p.getByRole('button', { name: /有効期限が切れた証明書/u }).click();
  await p.getByRole('alert').waitFor();
  await snap('check-signature-refused');
  await p.getByRole('button', { name: '電子署名へ進む' }).click();
  await p.getByRole('button', { name: '貫井 うめ（有効な署名用電子証明書）で署名する' }).click();
  await p.getByText(/電子署名が済みました/u).waitFor();
  await snap('check-signed');
  await p.getByRole('button', { name: 'この内容で申請する' }).click();
  await p.getByTestId('reference-number').waitFor();
  const signedRef = (await p.getByTestId('reference-number').textContent()) ?? '';
  await p.goto('/staff');
  await p.getByLabel('メールアドレス').fill('kaigo@koganei.example');
  await p.getByLabel('パスワード').fill(TEST_PASSWORD);
  await p.getByRole('button', { name: 'ログイン' }).click();
  await p.getByRole('link', { name: signedRef }).click();
  await p.getByTestId('signature').waitFor();
  await snap('staff-detail-signed');
  const digest = await p.evaluate(
    async (r) => ((await (await fetch(`/api/staff/submissions/${r}`)).json()) as { signature: { digest: string } }).signature.digest,
    signedRef,
  );
  await p.goto(`/verify/${signedRef}/${digest}`);
  await p.getByRole('status').waitFor();
  await snap('verify-signed');
  await signing.close();
}
await browser.close();
await withIdp.close();
await signer.close();
await stripe.stop();
console.log(`screenshots in ${out}`);
