/**
 * bench/receipts — receipts rendered per second in one process (the font is read once), and how
 * the time per receipt grows from 10 answers to 100 answers (a ratio in the same run).
 *
 *   npm run bench:receipts            BENCH_RECEIPTS=200 npm run bench:receipts
 */
import type { SummaryRow } from '../../shared/forms/answers-summary.ts';
import { renderReceipts, type ReceiptData } from '../../server/receipts/render.ts';

const N = Number(process.env.BENCH_RECEIPTS ?? 100);

function receipt(answers: number): ReceiptData {
  const rows: SummaryRow[] = Array.from({ length: answers }, (_, i) => ({
    kind: 'field',
    pointer: `/step/q${i}`,
    label: { ja: `質問 ${i + 1}（氏名・住所など）`, en: `Question ${i + 1}` },
    value: { ja: i % 10 === 9 ? '長い回答の例です。'.repeat(12) : `東京都小金井市本町六丁目6番3号 回答${i + 1}`, en: '' },
    depth: 0,
  }));
  return {
    kind: 'department',
    cityName: '小金井市',
    referenceNumber: 'ACD-EFG-HJK',
    procedureTitle: { ja: '児童手当 認定請求', en: 'Child allowance' },
    department: { name: { ja: '子育て支援課', en: 'Child-Rearing Support Division' }, phone: '042-383-1111' },
    submittedAt: new Date().toISOString(),
    statusLabel: { ja: '受付', en: 'Received' },
    definitionVersion: 1,
    submissionSha256: 'a'.repeat(64),
    fee: null,
    sections: [{ title: { ja: '申請内容', en: 'Application' }, rows }],
    files: [],
    verifyUrl: 'https://shinsei.koganei.example/verify/ACD-EFG-HJK/' + 'a'.repeat(64),
  };
}

async function measure(answers: number) {
  await renderReceipts([receipt(answers)]); // warm-up (and the one font read)
  const start = performance.now();
  let bytes = 0;
  for (let i = 0; i < N; i += 1) bytes += (await renderReceipts([receipt(answers)])).length;
  const ms = (performance.now() - start) / N;
  console.log(
    `${String(answers).padStart(3)} answers: ${ms.toFixed(1)} ms per receipt, ${(1000 / ms).toFixed(1)} receipts/s, ${(bytes / N / 1024).toFixed(0)} KiB each`,
  );
  return ms;
}

const ten = await measure(10);
const hundred = await measure(100);
console.log(`time per receipt, 100 answers vs 10 answers: ${(hundred / ten).toFixed(2)}x (${N} receipts each)`);
