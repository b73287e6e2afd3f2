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
import type { LocalizedText } from '../../shared/forms/types.ts';
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
  fee: { text: string; paymentStatus: string } | null;
  sections: { title: string; rows: SummaryRow[] }[];
  /** Attached files: name, type and size; the department's copy adds each file's SHA-256. */
  files: { name: string; type: string; size: string; sha256: string }[];
  verifyUrl: string;
  /** The department's copy: the electronic signature line (電子署名：検証済み …), when signed. */
  signature?: string | null;
  /** The resident's copy: whether it was filed with a verified electronic signature. */
  signed?: boolean;
}

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
  tag('P', () => doc.font('jp-bold').fontSize(10).text(r.cityName, { continued: false }));
  tag('P', () => doc.font('jp').fontSize(9).text(`${r.department.name.ja}　電話 ${r.department.phone}`));
  doc.moveDown(0.5);
  tag('H1', () =>
    doc
      .font('jp-bold')
      .fontSize(18)
      .text(`${r.procedureTitle.ja}　${r.kind === 'resident' ? '（控え）' : '（担当課用）'}`),
  );
  tag('P', () => doc.font('jp').fontSize(9).fillColor('#4d4d4d').text(r.procedureTitle.en).fillColor('#1a1a1a'), { lang: 'en' });
  doc.moveDown(0.5);
  const top = doc.y;
  tag('Figure', () => doc.image(qr, MARGIN + width - 90, top, { width: 90 }), {
    alt: `QRコード：真正性の確認ページ ${r.verifyUrl}`,
  });
  doc.fontSize(11);
  tag('P', () => doc.font('jp-bold').text(`受付番号　${r.referenceNumber}`, MARGIN, top, { width: width - 100 }));
  tag('P', () => doc.font('jp').text(`受付日時　${formatDateTime(r.submittedAt, 'ja')}`, { width: width - 100 }));
  tag('P', () => doc.text(`状況　${r.statusLabel.ja}`, { width: width - 100 }));
  if (r.fee) {
    const fee = r.fee;
    tag('P', () => doc.text(`手数料　${fee.text}（${fee.paymentStatus}）`, { width: width - 100 }));
  }
  tag('P', () =>
    doc
      .fontSize(7)
      .fillColor('#4d4d4d')
      .text(`申請書の版：第${r.definitionVersion}版　SHA-256：${r.submissionSha256}`, { width: width - 100 }),
  );
  tag('P', () => doc.text(`真正性の確認：${r.verifyUrl}`, { width: width - 100 }).fillColor('#1a1a1a'));
  if (r.signature) tag('P', () => doc.fontSize(8).text(r.signature!, { width: width - 100 }));
  else if (r.signed)
    tag('P', () => doc.fontSize(8).text('電子署名：あり（マイナンバーカードの署名用電子証明書、検証済み）', { width: width - 100 }));
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
    sectionHeading(doc, tag, section.title, width);
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
              .text(row.label.ja, MARGIN + indent, doc.y, { width: width - indent }),
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
        .heightOfString(row.value.ja, { width: width - 180 });
      if (y + valueHeight > doc.page.height - MARGIN - 20) doc.addPage();
      const rowY = doc.y;
      let labelBottom = rowY;
      tr.add(
        doc.struct('TH', ROW_HEADER, () => {
          doc
            .font('jp')
            .fontSize(9)
            .fillColor('#4d4d4d')
            .text(row.label.ja, MARGIN + indent, rowY, { width: labelWidth });
          labelBottom = doc.y;
        }),
      );
      tr.add(
        doc.struct('TD', {}, () =>
          doc
            .fontSize(10)
            .fillColor('#1a1a1a')
            .text(row.value.ja, MARGIN + 180, rowY, { width: width - 180 }),
        ),
      );
      tr.end();
      doc.y = Math.max(doc.y, labelBottom) + 3;
    }
    table.end();
  }
  if (r.files.length > 0) addFiles(doc, tag, r, width);
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

function addFiles(doc: PDFKit.PDFDocument, tag: Tag, r: ReceiptData, width: number): void {
  sectionHeading(doc, tag, `添付ファイル（${r.files.length}件）`, width);
  for (const f of r.files) {
    if (doc.y + 40 > doc.page.height - MARGIN - 20) doc.addPage();
    tag('P', () => {
      doc.font('jp').fontSize(10).fillColor('#1a1a1a').text(`${f.name}（${f.type}・${f.size}）`, MARGIN, doc.y, { width });
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
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // Tagged: the text has a reading order and structure (headings, a table of answers, the QR code's
    // alternative text), so screen readers read the receipt; rules, boxes and page numbers are artifacts.
    pdfVersion: '1.7',
    tagged: true,
    lang: 'ja-JP',
    displayTitle: true,
    info: {
      Title: receipts.length === 1 ? `${receipts[0]!.procedureTitle.ja} ${receipts[0]!.referenceNumber}` : '受付控え',
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
