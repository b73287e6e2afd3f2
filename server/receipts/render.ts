/**
 * PDF receipts (pdfkit, A4, Japanese font embedded and subset): the resident's copy (控え) and the
 * department's copy, which adds boxes for the reception stamp (受付印) and approvals (決裁欄).
 * Every answer with its label (groups and list items indented), long text wrapped, page numbers,
 * the definition version, the SHA-256 of the canonical submission and a QR code to the public
 * verification page. 個人番号 stays masked on both copies.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { SummaryRow } from '../../shared/forms/answers-summary.ts';
import type { Lang, LocalizedText } from '../../shared/forms/types.ts';
import { formatDateTime } from '../../shared/format-datetime.ts';
import { receiptFonts } from './fonts.ts';

export interface ReceiptData {
  kind: 'resident' | 'department';
  cityName: string;
  referenceNumber: string;
  procedureTitle: LocalizedText;
  department: { name: LocalizedText; phone: string };
  submittedAt: string;
  statusLabel: LocalizedText;
  definitionVersion: number;
  submissionSha256: string;
  fee: { text: LocalizedText; paymentStatus: LocalizedText } | null;
  sections: { title: LocalizedText; rows: SummaryRow[] }[];
  /** Attached files: name, type and size; the department's copy adds each file's SHA-256. */
  files: { name: string; type: string; size: string; sha256: string }[];
  verifyUrl: string;
  /** The department's copy: the electronic signature line (電子署名：検証済み …), when signed. */
  signature?: string | null;
  /** The resident's copy: whether it was filed with a verified electronic signature. */
  signed?: boolean;
  /** The language the resident read the form in (their copy only; the department's copy is in Japanese). */
  lang?: Lang;
}

/** The fixed wording of a receipt, in each language. */
const WORDS = {
  ja: {
    phone: '電話',
    residentCopy: '（控え）',
    departmentCopy: '（担当課用）',
    qr: 'QRコード：真正性の確認ページ',
    reference: '受付番号　',
    submittedAt: '受付日時　',
    status: '状況　',
    fee: '手数料　',
    version: (v: number, sha: string) => `申請書の版：第${v}版　SHA-256：${sha}`,
    verify: '真正性の確認：',
    signed: '電子署名：あり（マイナンバーカードの署名用電子証明書、検証済み）',
    files: (n: number) => `添付ファイル（${n}件）`,
    file: (f: { name: string; type: string; size: string }) => `${f.name}（${f.type}・${f.size}）`,
  },
  en: {
    phone: 'phone',
    residentCopy: ': your copy',
    departmentCopy: ': department copy',
    qr: 'QR code: the page that confirms this receipt is genuine',
    reference: 'Reference number: ',
    submittedAt: 'Filed on: ',
    status: 'Status: ',
    fee: 'Fee: ',
    version: (v: number, sha: string) => `Form version ${v}. SHA-256: ${sha}`,
    verify: 'Check that it is genuine: ',
    signed: 'Electronic signature: yes (the signing certificate of your My Number Card, verified)',
    files: (n: number) => `Attached files (${n})`,
    file: (f: { name: string; type: string; size: string }) => `${f.name} (${f.type}, ${f.size})`,
  },
} as const;

const MARGIN = 50;
/** A row's header cell (pdfkit writes the Table attribute Scope; its type definitions lack the option). */
const ROW_HEADER = { scope: 'Row' } as PDFKit.Mixins.StructureElementOptions;

/** Adds a structure element of `type` whose content `draw` makes (tagged PDF: read in this order by screen readers). */
type Tag = (type: string, draw: () => void, options?: PDFKit.Mixins.StructureElementOptions) => void;

/** Draws outside the logical structure (rules, boxes, page numbers): screen readers skip it. */
function artifact(doc: PDFKit.PDFDocument, draw: () => void, type?: 'Pagination' | 'Layout'): void {
  doc.markContent('Artifact', type ? { type } : undefined);
  draw();
  doc.endMarkedContent();
}

function addReceipt(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, r: ReceiptData, qr: Buffer): void {
  const width = doc.page.width - MARGIN * 2;
  const tag: Tag = (type, draw, options) => root.add(doc.struct(type, options ?? {}, draw));
  const lang: Lang = r.kind === 'resident' && r.lang === 'en' ? 'en' : 'ja';
  const w = WORDS[lang];
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  tag('P', () =>
    doc
      .font('jp-bold')
      .fontSize(10)
      .text(lang === 'ja' ? r.cityName : `${r.cityName} (Koganei City)`, { continued: false }),
  );
  tag('P', () => doc.font('jp').fontSize(9).text(`${r.department.name[lang]}　${w.phone} ${r.department.phone}`));
  doc.moveDown(0.5);
  tag('H1', () =>
    doc
      .font('jp-bold')
      .fontSize(18)
      .text(`${r.procedureTitle[lang]}${lang === 'ja' ? '　' : ''}${r.kind === 'resident' ? w.residentCopy : w.departmentCopy}`),
  );
  // The title in the other language: an English copy still names the procedure as the city does.
  tag('P', () => doc.font('jp').fontSize(9).fillColor('#4d4d4d').text(r.procedureTitle[other]).fillColor('#1a1a1a'), {
    lang: other === 'en' ? 'en' : 'ja-JP',
  });
  doc.moveDown(0.5);
  const top = doc.y;
  tag('Figure', () => doc.image(qr, MARGIN + width - 90, top, { width: 90 }), {
    alt: `${w.qr} ${r.verifyUrl}`,
  });
  doc.fontSize(11);
  tag('P', () => doc.font('jp-bold').text(`${w.reference}${r.referenceNumber}`, MARGIN, top, { width: width - 100 }));
  tag('P', () => doc.font('jp').text(`${w.submittedAt}${formatDateTime(r.submittedAt, lang)}`, { width: width - 100 }));
  tag('P', () => doc.text(`${w.status}${r.statusLabel[lang]}`, { width: width - 100 }));
  if (r.fee) {
    const fee = r.fee;
    const paid = lang === 'ja' ? `（${fee.paymentStatus.ja}）` : ` (${fee.paymentStatus.en})`;
    tag('P', () => doc.text(`${w.fee}${fee.text[lang]}${paid}`, { width: width - 100 }));
  }
  tag('P', () =>
    doc
      .fontSize(7)
      .fillColor('#4d4d4d')
      .text(w.version(r.definitionVersion, r.submissionSha256), { width: width - 100 }),
  );
  tag('P', () => doc.text(`${w.verify}${r.verifyUrl}`, { width: width - 100 }).fillColor('#1a1a1a'));
  if (r.signature) tag('P', () => doc.fontSize(8).text(r.signature!, { width: width - 100 }));
  else if (r.signed) tag('P', () => doc.fontSize(8).text(w.signed, { width: width - 100 }));
  doc.y = Math.max(doc.y, top + 100);
  if (r.kind === 'department') {
    const y = doc.y + 6;
    const boxes = ['受付印', '課長', '係長', '担当'];
    const w = 80;
    // Boxes for the stamp and the approvers' seals: drawn for paper, not content.
    artifact(doc, () =>
      boxes.forEach((label, i) => {
        const x = MARGIN + width - (boxes.length - i) * w;
        doc
          .rect(x, y, w, 16)
          .stroke()
          .rect(x, y + 16, w, 56)
          .stroke();
        doc.fontSize(8).text(i === 0 ? label : `決裁欄 ${label}`, x, y + 4, { width: w, align: 'center' });
      }),
    );
    doc.y = y + 82;
  }
  doc.x = MARGIN;
  for (const section of r.sections) {
    sectionHeading(doc, tag, section.title[lang], width);
    const table = doc.struct('Table');
    root.add(table);
    for (const row of section.rows) {
      const indent = row.depth * 12;
      const tr = doc.struct('TR');
      table.add(tr);
      if (row.kind === 'group') {
        tr.add(
          doc.struct('TH', ROW_HEADER, () =>
            doc
              .font('jp-bold')
              .fontSize(10)
              .text(row.label[lang], MARGIN + indent, doc.y, { width: width - indent }),
          ),
        );
        tr.end();
        continue;
      }
      const labelWidth = 170 - indent;
      const y = doc.y;
      const valueHeight = doc
        .font('jp')
        .fontSize(10)
        .heightOfString(row.value[lang], { width: width - 180 });
      if (y + valueHeight > doc.page.height - MARGIN - 20) doc.addPage();
      const rowY = doc.y;
      let labelBottom = rowY;
      tr.add(
        doc.struct('TH', ROW_HEADER, () => {
          doc
            .font('jp')
            .fontSize(9)
            .fillColor('#4d4d4d')
            .text(row.label[lang], MARGIN + indent, rowY, { width: labelWidth });
          labelBottom = doc.y;
        }),
      );
      tr.add(
        doc.struct('TD', {}, () =>
          doc
            .fontSize(10)
            .fillColor('#1a1a1a')
            .text(row.value[lang], MARGIN + 180, rowY, { width: width - 180 }),
        ),
      );
      tr.end();
      doc.y = Math.max(doc.y, labelBottom) + 3;
    }
    table.end();
  }
  if (r.files.length > 0) addFiles(doc, tag, r, width, lang);
}

/** A section's title with a rule under it. */
function sectionHeading(doc: PDFKit.PDFDocument, tag: Tag, title: string, width: number): void {
  doc.moveDown(0.6);
  tag('H2', () => doc.font('jp-bold').fontSize(12).text(title, MARGIN, doc.y, { width }));
  artifact(doc, () =>
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + width, doc.y + 2)
      .strokeColor('#b3b3b3')
      .stroke()
      .strokeColor('#1a1a1a'),
  );
  doc.moveDown(0.4);
}

function addFiles(doc: PDFKit.PDFDocument, tag: Tag, r: ReceiptData, width: number, lang: Lang): void {
  sectionHeading(doc, tag, WORDS[lang].files(r.files.length), width);
  for (const f of r.files) {
    if (doc.y + 40 > doc.page.height - MARGIN - 20) doc.addPage();
    tag('P', () => {
      doc.font('jp').fontSize(10).fillColor('#1a1a1a').text(WORDS[lang].file(f), MARGIN, doc.y, { width });
      if (r.kind === 'department')
        doc
          .fontSize(7)
          .fillColor('#4d4d4d')
          .text(`SHA-256：${f.sha256}`, MARGIN + 12, doc.y, { width: width - 12 });
    });
    doc.fillColor('#1a1a1a').moveDown(0.3);
  }
}

/** One PDF holding the given receipts (one or several), with page numbers per receipt. */
export async function renderReceipts(receipts: ReceiptData[]): Promise<Buffer> {
  const fonts = receiptFonts();
  const english = receipts.length === 1 && receipts[0]!.kind === 'resident' && receipts[0]!.lang === 'en';
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // Tagged: the text has a reading order and structure (headings, a table of answers, the QR code's
    // alternative text), so screen readers read the receipt; rules, boxes and page numbers are artifacts.
    pdfVersion: '1.7',
    tagged: true,
    lang: english ? 'en' : 'ja-JP',
    displayTitle: true,
    info: {
      Title: receipts.length === 1 ? `${receipts[0]!.procedureTitle[english ? 'en' : 'ja']} ${receipts[0]!.referenceNumber}` : '受付控え',
      Author: receipts[0]?.cityName ?? '',
    },
  });
  doc.registerFont('jp', fonts.regular);
  doc.registerFont('jp-bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const ranges: { start: number; end: number }[] = [];
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (const [i, r] of receipts.entries()) {
    if (i > 0) doc.addPage();
    const start = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
    const part = doc.struct('Part');
    root.add(part);
    addReceipt(doc, part, r, await QRCode.toBuffer(r.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }));
    part.end();
    ranges.push({ start, end: doc.bufferedPageRange().count - 1 });
  }
  root.end();
  for (const { start, end } of ranges) {
    for (let p = start; p <= end; p += 1) {
      doc.switchToPage(p);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      artifact(
        doc,
        () =>
          doc
            .font('jp')
            .fontSize(8)
            .fillColor('#4d4d4d')
            .text(`${p - start + 1} / ${end - start + 1}`, MARGIN, doc.page.height - 35, {
              width: doc.page.width - MARGIN * 2,
              align: 'center',
            }),
        'Pagination',
      );
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return done;
}
