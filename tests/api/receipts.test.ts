/**
 * PDF receipts through HTTP, read back with pdftotext (poppler-utils): the resident's copy, the
 * department's copy, several at once, page numbers, and the public verification of a receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontLoadCount } from '../../server/receipts/fonts.ts';
import { call, clone, currentVersion, definition, submit } from '../helpers/http.ts';
import { pdfStructure, pdfText } from '../helpers/pdf.ts';
import type { TestServer } from '../helpers/server.ts';
import { startWithClerk, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let clerk: StaffSession;

async function residentPdf(referenceNumber: string, accessCode: string, lang?: string) {
  const res = await fetch(`${server.url}/api/submissions/receipt.pdf`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ referenceNumber, accessCode, ...(lang ? { lang } : {}) }),
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  ({ server, clerk } = await startWithClerk({ PUBLIC_BASE_URL: 'https://shinsei.koganei.example' }));
});
afterAll(async () => {
  await server.close();
});

describe('the resident’s copy (控え)', () => {
  it('is a tagged PDF a screen reader reads in order: title heading, the answers as a table of label and value, the QR code described', async () => {
    const filed = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body;
    const { bytes } = await residentPdf(filed.referenceNumber, filed.accessCode);
    const { info, structure } = pdfStructure(bytes);
    expect(info).toMatch(/Tagged:\s+yes/u);
    expect(info).toContain(`住民票の写しの交付請求（郵送） ${filed.referenceNumber}`); // the title, shown as the window title
    const flat = structure.replace(/\s+/gu, ' ');
    expect(flat).toMatch(/Document .*Part .*H1 .*住民票の写しの交付請求（郵送）/u);
    expect(flat).toContain('Figure');
    expect(bytes.toString('latin1')).toMatch(/\/S \/Figure[\s\S]*?\/Alt /u); // the QR code has alternative text
    expect(flat).toMatch(new RegExp(`P .*受付番号 ${filed.referenceNumber}`, 'u'));
    expect(flat).toMatch(/Table .*TR TH: .*TD /u);
    // Label then value, in the form's order.
    expect(flat).toMatch(/TH: \/Scope \/Row "氏名" TD "東町 誠" .*TH: \/Scope \/Row "本人確認書類の写し"/u);
    // The page number is not read out as content.
    expect(flat).not.toContain('"1 / 1"');
  });

  it('has the city, department, title, reference number, dates in both calendars, every answer, the fee and its status, version and hash', async () => {
    const filed = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body;
    const { res, bytes } = await residentPdf(filed.referenceNumber, filed.accessCode);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    for (const expected of [
      '小金井市',
      '市民課',
      '042-383-1111',
      '住民票の写しの交付請求（郵送）',
      '（控え）',
      filed.referenceNumber,
      '令和',
      '（20',
      '東町 誠',
      '昭和60年12月24日（1985年12月24日）',
      '300円 × 2通 = 600円',
      '未払い',
      `第${currentVersion('juminhyo-copy')}版`,
      'SHA-256',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/1\s*\/\s*1/u); // page 1 of 1
    expect(text).not.toContain('受付印');
  });

  it('is in English for a resident who reads the site in English, naming the procedure as the city does too', async () => {
    const filed = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body;
    const { res, bytes } = await residentPdf(filed.referenceNumber, filed.accessCode, 'en');
    expect(res.status).toBe(200);
    const text = pdfText(bytes).replace(/\s+/gu, ' ');
    for (const expected of [
      'Koganei City',
      'Request for a copy of your residence record (by post): your copy',
      '住民票の写しの交付請求（郵送）',
      `Reference number: ${filed.referenceNumber}`,
      'Filed on: ',
      'Status: Received',
      'Fee: ¥300 per',
      '(Not paid',
      '東町 誠',
      '24 December 1985',
      `Form version ${currentVersion('juminhyo-copy')}`,
      'Check that it is genuine: https://shinsei.koganei.example/verify/',
    ]) {
      expect(text).toContain(expected);
    }
    // No Japanese wording of the receipt itself is left (answers and the city's own title may be Japanese).
    for (const japanese of ['受付番号', '受付日時', '状況', '手数料', '（控え）', '未払い', '真正性']) expect(text).not.toContain(japanese);
    const { info, structure } = pdfStructure(bytes);
    expect(info).toMatch(/Tagged:\s+yes/u);
    expect(structure.replace(/\s+/gu, ' ')).toMatch(/H1 .*your copy/u);
    expect(bytes.toString('latin1')).toMatch(/\/Lang \(en\)/u);
    // Another language is refused as bad input, not ignored.
    const bad = await residentPdf(filed.referenceNumber, filed.accessCode, 'fr');
    expect(bad.res.status).toBe(422);
  });

  it('needs the right access code', async () => {
    const filed = (await submit(server.url, 'sodai-gomi', definition('sodai-gomi').examples[0])).body;
    expect((await residentPdf(filed.referenceNumber, 'ACDEF-GHJKM')).res.status).toBe(404);
  });
});

describe('the department’s copy', () => {
  it('adds the reception stamp and approval boxes, masks 個人番号, lists the children, numbers the pages, and prints several at once', async () => {
    const big = clone(definition('kosodate-01').examples[0]) as any;
    big.children.list = Array.from({ length: 10 }, (_, i) => ({ ...big.children.list[1], name: `小金井 子${i + 1}` }));
    const a = (await submit(server.url, 'kosodate-01', big)).body.referenceNumber;
    const b = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body.referenceNumber;
    const res = await fetch(`${server.url}/api/staff/receipts.pdf?refs=${a},${b}`, { headers: { Cookie: clerk.cookie } });
    expect(res.status).toBe(200);
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('（担当課用）');
    expect(text).toContain('受付印');
    expect(text).toContain('決裁欄');
    expect(text).toContain('********9013');
    expect(text).not.toContain('023456789013');
    expect(text).toContain('お子さん（10件目）');
    expect(text).toContain('小金井 子10');
    expect(text).toMatch(/1\s*\/\s*[2-9]/u); // more than one page, numbered
    expect(text).toContain(a);
    expect(text).toContain(b);
    const [audit] = await server.testDb.db('audit_log').where('action', 'submission.receipt');
    expect(JSON.parse(audit.details).refs).toEqual([a, b]);
  });

  it('is not given for another department’s submission', async () => {
    const other = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body.referenceNumber;
    expect((await fetch(`${server.url}/api/staff/receipts.pdf?refs=${other}`, { headers: { Cookie: clerk.cookie } })).status).toBe(404);
  });
});

describe('verification and the font', () => {
  it('says whether a receipt exists and its status, without personal data; the font was read once', async () => {
    const filed = (await submit(server.url, 'hisai-01', definition('hisai-01').examples[0])).body;
    const text = pdfText((await residentPdf(filed.referenceNumber, filed.accessCode)).bytes);
    const sha = /SHA-256：([0-9a-f]{64})/u.exec(text.replace(/\s+/gu, ''))?.[1] ?? /([0-9a-f]{64})/u.exec(text)?.[1];
    expect(sha).toMatch(/^[0-9a-f]{64}$/u);
    const ok = await call(`${server.url}/api/receipts/verify/${filed.referenceNumber}/${sha}`);
    expect(ok.body).toEqual({
      valid: true,
      referenceNumber: filed.referenceNumber,
      procedure: { ja: '罹災証明書の発行申請', en: 'Application for a disaster damage certificate' },
      status: 'submitted',
      statusLabel: { ja: '受付', en: 'Received' },
      signed: false,
    });
    const forged = await call(`${server.url}/api/receipts/verify/${filed.referenceNumber}/${'0'.repeat(64)}`);
    expect(forged.body).toEqual({ valid: false });
    expect(text.replace(/\s+/gu, '')).toContain(`https://shinsei.koganei.example/verify/${filed.referenceNumber}/${sha}`);
    expect(fontLoadCount()).toBe(1);
  });
});
