/** getSubmissionStatus: reference number + access code, through HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let receipt: { referenceNumber: string; accessCode: string };
const status = (referenceNumber: unknown, accessCode: unknown) =>
  call(`${server.url}/api/submissions/status`, { method: 'POST', json: { referenceNumber, accessCode } });

beforeAll(async () => {
  server = await startTestServer({ STATUS_LOOKUPS_PER_WINDOW: '12' });
  receipt = (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body;
});
afterAll(async () => {
  await server.close();
});

describe('status look-up', () => {
  it('shows the status of a submission to whoever has both codes, however they type them', async () => {
    const typed = receipt.referenceNumber.replaceAll('-', '').toLowerCase();
    const res = await status(typed, ` ${receipt.accessCode.toLowerCase()} `);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      referenceNumber: receipt.referenceNumber,
      status: 'submitted',
      statusLabel: { ja: '受付', en: 'Received' },
      procedure: {
        id: 'juminhyo-copy',
        title: { ja: '住民票の写しの交付請求（郵送）' },
        department: { name: { ja: '市民課' }, phone: '042-383-1111' },
        processingTime: definition('juminhyo-copy').processingTime,
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('東町'); // no answers in the status view
  });

  it('does not tell a wrong access code from an unknown number', async () => {
    const wrongCode = await status(receipt.referenceNumber, 'ACDEF-GHJKM');
    expect(wrongCode.status).toBe(404);
    expect(wrongCode.body.error.code).toBe('SUBMISSION_NOT_FOUND');
    const other = 'ACD-EFG-HJ' + (await import('../../shared/reference-number.ts')).checkCharacter('ACDEFGHJ');
    const unknown = await status(other, receipt.accessCode);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ ...wrongCode.body.error, requestId: unknown.body.error.requestId });
  });

  it('catches a mistyped reference number before looking it up', async () => {
    const ref = receipt.referenceNumber;
    const typo = ref.slice(0, 2) + (ref[2] === 'A' ? 'C' : 'A') + ref.slice(3);
    const res = await status(typo, 'short');
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: any) => f.pointer)).toEqual(['/referenceNumber', '/accessCode']);
    expect(res.body.error.fields[0].message.ja).toContain('受付番号');
  });

  it('limits guessing: too many look-ups from one address get 429 RATE_LIMITED', async () => {
    let last = 0;
    let body: any;
    for (let i = 0; i < 15; i += 1) {
      const res = await status(receipt.referenceNumber, 'ACDEF-GHJKM');
      last = res.status;
      body = res.body;
    }
    expect(last).toBe(429);
    expect(body.error.code).toBe('RATE_LIMITED');
  });
});
