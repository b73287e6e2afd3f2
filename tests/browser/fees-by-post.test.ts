/**
 * Fees by post: without online payment, 住民票の写し says to send a 定額小為替 (what and where) and
 * that the copy is posted once it arrives, on the procedure page and the status page, and never
 * sends the resident to the counter. On a phone (390 px), with axe.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, openPhone, untilLoaded } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { definition, submit } from '../helpers/http.ts';
import { heading } from '../helpers/journey.ts';

const suite = browserSuite();

describe('paying a fee by post', () => {
  it('when I look up a copy of my residence record, I am told to send a postal order and where, and that nothing is posted before it arrives', async () => {
    const { server, browser } = suite;
    const { page, problems } = await openPhone(browser, server.url);
    await page.goto('/procedures/juminhyo-copy');
    await expect.poll(() => heading(page)).toBe(definition('juminhyo-copy').title.ja);
    await untilLoaded(page);
    const main = async () => (await page.locator('main').textContent()) ?? '';
    expect(await main()).toContain('手数料は定額小為替で郵送してください');
    expect(await main()).toContain('〒184-8504');
    expect(await main()).toContain('定額小為替の場合はその到着');
    expect(await main()).not.toContain('窓口でお支払い');
    await expectAccessible(page, 'procedure page, fee by post');

    // After filing, the status page says the same and what waits for the payment.
    const filed = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body as {
      referenceNumber: string;
      accessCode: string;
    };
    await page.goto('/status');
    await page.getByLabel('受付番号').fill(filed.referenceNumber);
    await page.getByLabel('アクセスコード').fill(filed.accessCode);
    await page.getByRole('button', { name: '状況を確認する' }).click();
    await expect.poll(() => page.locator('.status-result').textContent()).toContain('定額小為替が届いてから発送します');
    expect(await main()).not.toContain('窓口でお支払い');
    await expectAccessible(page, 'status page, fee by post');

    expect(problems).toEqual([]);
  });
});
