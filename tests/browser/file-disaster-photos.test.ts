/**
 * A resident on a phone files 罹災証明書 as a representative: attaches two photos of the damage
 * and the 委任状 (a file with the EICAR test signature is refused first, with a clear message),
 * checks the answers and submits; the clerk of 地域安全課 opens the photos on the detail page.
 * clamd runs for real with a signature database made for the test; axe runs on every page.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR, startClamd, type TestClamd } from '../helpers/clamd.ts';
import { expectAccessible, launchBrowser, openPhone } from '../helpers/browser.ts';
import { pdfFile, photoWithGps } from '../helpers/files.ts';
import { choose, enterDate, field, group, heading, next, tabTo } from '../helpers/journey.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, TEST_PASSWORD } from '../helpers/staff.ts';

let clamd: TestClamd;
let server: TestServer;
let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'koganei-photos-'));

beforeAll(async () => {
  clamd = await startClamd();
  server = await startTestServer({ CLAMD_URL: clamd.url, ATTACHMENT_SCAN: 'on' });
  browser = await launchBrowser();
  writeFileSync(path.join(dir, 'IMG_0101.jpg'), await photoWithGps(1600, 1200, '#8a5a2b'));
  writeFileSync(path.join(dir, 'IMG_0102.jpg'), await photoWithGps(1600, 1200, '#2b6a8a'));
  writeFileSync(path.join(dir, 'inin.pdf'), pdfFile());
  writeFileSync(path.join(dir, 'scan.pdf'), Buffer.from(`%PDF-1.4\n${EICAR}\n%%EOF\n`));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await clamd?.stop();
});

describe('filing 罹災証明書 with photos on a phone', () => {
  it('when I attach photos and the 委任状 and submit, then the clerk opens my photos; a file with a virus is refused', async () => {
    const { page } = await openPhone(browser, server.url);
    await page.goto('/procedures/hisai-01');
    await expect.poll(() => heading(page)).toBe('罹災証明書の発行申請');
    await page.getByRole('button', { name: /申請を始める/u }).click();

    // Step 1: I apply for my parents as their representative, so the 委任状 is asked for.
    await expect.poll(() => heading(page)).toBe('申請する方について');
    await field(page, '氏名').fill('前原 健');
    await field(page, '氏名（フリガナ）').fill('マエハラ ケン');
    await field(page, '郵便番号').fill('184-0013');
    await field(page, '現在の住所・連絡先住所').fill('東京都小金井市前原町一丁目1番1号');
    await field(page, '連絡がとれる電話番号').fill('090-1111-2222');
    await choose(page, '被災した住家との関係', '代理人');
    const letter = group(page, '委任状');
    await expect.poll(() => letter.count()).toBe(1);
    await expect.poll(() => letter.textContent()).toContain('10.0 MB');
    await expectAccessible(page, 'step 1 with an attachment question');

    // A file with a virus is refused at the field, and nothing is attached.
    await letter.getByLabel('ファイルを選ぶ').setInputFiles(path.join(dir, 'scan.pdf'));
    await expect.poll(() => letter.locator('.field-error').first().textContent(), { timeout: 30_000 }).toContain('ウイルスが検出された');
    await expectAccessible(page, 'a refused file');
    await letter.getByRole('button', { name: 'やめる' }).click();
    // The connection drops during the upload: I am told so, and 「もう一度送る」 sends it again.
    let dropped = false;
    await page.route('**/api/procedures/hisai-01/attachments**', (route) => {
      if (dropped) return route.continue();
      dropped = true;
      return route.abort('internetdisconnected');
    });
    await letter.getByLabel('ファイルを選ぶ').setInputFiles(path.join(dir, 'inin.pdf'));
    await expect.poll(() => letter.getByRole('alert').textContent()).toContain('通信が途切れた');
    await letter.getByRole('button', { name: 'もう一度送る' }).click();
    await expect.poll(() => letter.getByRole('listitem').textContent(), { timeout: 30_000 }).toContain('inin.pdf');
    await page.unroute('**/api/procedures/hisai-01/attachments**');
    await next(page);

    // Step 2: the damage, with two photos from the library (the camera button is there too).
    await expect.poll(() => heading(page)).toBe('被害の状況');
    await enterDate(page, '被害を受けた日', '令和', '8', '9', '18');
    await choose(page, '災害の種類', '地震');
    await field(page, '被害を受けた住家の所在地').fill('東京都小金井市前原町一丁目1番1号');
    await choose(page, '住家の所有', '借家・賃貸住宅');
    await choose(page, '被害の程度（ご自身の見立て）', 'わからない');
    await field(page, '被害の内容').fill('地震で外壁にひびが入りました。');
    const photos = group(page, '被害の状況がわかる写真（任意）');
    expect(await photos.getByLabel('写真を撮る').getAttribute('capture')).toBe('environment');
    await photos.getByLabel('ファイルを選ぶ').setInputFiles([path.join(dir, 'IMG_0101.jpg'), path.join(dir, 'IMG_0102.jpg')]);
    await expect.poll(() => photos.getByRole('listitem').count(), { timeout: 30_000 }).toBe(2);
    // Each photo shows a preview, its name and size, and a remove button named after it.
    await expect.poll(() => photos.locator('img.attachment-thumb').count()).toBe(2);
    expect(await photos.getByRole('button', { name: '削除する IMG_0101.jpg' }).count()).toBe(1);
    await expectAccessible(page, 'step 2 with two photos');
    // Keyboard alone reaches the file picker; at 320 px nothing scrolls sideways.
    await tabTo(page, '#root_damage_photos-file');
    await page.setViewportSize({ width: 320, height: 700 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 390, height: 844 });
    await next(page);

    // Step 3 and the check page: the files are listed by name.
    await expect.poll(() => heading(page)).toBe('証明書について');
    await field(page, '必要な枚数').fill('1');
    await group(page, '使う目的（あてはまるものすべて）').getByLabel('保険金の請求').check();
    await next(page);
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    const check = await page.locator('main').textContent();
    expect(check).toContain('IMG_0101.jpg');
    expect(check).toContain('IMG_0102.jpg');
    expect(check).toContain('inin.pdf');
    await expectAccessible(page, 'check page with files');
    await page.getByLabel(/入力した内容に偽りがない/u).check();
    await page.getByRole('button', { name: 'この内容で申請する' }).click();
    await expect.poll(() => heading(page)).toBe('申請を受け付けました');
    const ref = (await page.getByTestId('reference-number').textContent())!.trim();
    // Nothing of the files is left in this browser after submitting.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('upload')))).toEqual([]);

    // The clerk of 地域安全課 opens the submission and its photos.
    await addStaff(server, 'anzen.clerk@koganei.example', 'clerk', 'chiiki-anzen');
    const { page: clerk } = await openPhone(browser, server.url, { width: 1280, height: 900 });
    await clerk.goto('/staff');
    await clerk.getByLabel('メールアドレス').fill('anzen.clerk@koganei.example');
    await clerk.getByLabel('パスワード').fill(TEST_PASSWORD);
    await clerk.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => heading(clerk)).toBe('受付一覧');
    await clerk.goto(`/staff/submissions/${ref}`);
    await expect.poll(() => heading(clerk)).toBe(ref);
    const files = clerk.getByRole('region', { name: '添付ファイル（3件）' });
    await expect.poll(() => files.getByRole('listitem').count()).toBe(3);
    expect(await files.textContent()).toContain('ウイルス検査済み');
    // The previews load (from the staff-only thumbnail route).
    await expect
      .poll(() => files.locator('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length))
      .toBe(2);
    await expectAccessible(clerk, 'detail with attachments');
    const [opened] = await Promise.all([clerk.waitForEvent('popup'), files.getByRole('link', { name: '開く IMG_0101.jpg' }).click()]);
    await opened.waitForLoadState();
    expect(await opened.evaluate(() => document.contentType)).toBe('image/jpeg');
  });
});
