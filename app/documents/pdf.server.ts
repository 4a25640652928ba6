import { itemLine, paragraphLead, signatoryLines, type AgreementDocument } from '../domain/agreements';
import { fontBytes } from './fonts.server';
import { exportStamp, stampLine, type ExportStamp } from './stamp.server';

// Points (1/72 in). A4 with 20–25 mm margins; body text 10.5 pt as in the Word version.
const SIZE = 10.5;
const CHAR = SIZE;
const MARGINS = { top: 68, bottom: 62, left: 56, right: 56 };
const LINE_GAP = 5;

type Doc = PDFKit.PDFDocument;

/**
 * Writes a block whose first line starts `hang` points left of the following ones (第1条 at the margin,
 * wrapped lines one character in), `indent` points from the margin.
 */
function block(pdf: Doc, text: string, opts: { indent?: number; hang?: number; before?: number; keepLines?: number; align?: 'center' | 'left' | 'justify' } = {}) {
  const indent = opts.indent ?? 0;
  const hang = opts.hang ?? 0;
  const x = MARGINS.left + indent + hang;
  const width = pdf.page.width - MARGINS.right - x;
  if (opts.before) pdf.moveDown(opts.before);
  // a heading is kept with the first line of its article
  if (pdf.y + (opts.keepLines ?? 1) * (pdf.currentLineHeight(true) + LINE_GAP) > pdf.page.maxY()) pdf.addPage();
  pdf.text(text, x, pdf.y, { width, indent: -hang, align: opts.align ?? 'left', lineGap: LINE_GAP });
}

/** The agreement as a PDF with the Japanese font embedded (subset), stamped with version and hash. */
export async function renderPdf(doc: AgreementDocument, stamp: ExportStamp = exportStamp(doc)): Promise<Buffer> {
  // PDFKit is loaded by the first PDF, not at start-up.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'ja-JP',
    displayTitle: true,
    info: {
      Title: doc.title,
      Subject: `${doc.kindLabel} ${doc.documentType}`,
      Author: '起業人マッチ',
      Creator: '起業人マッチ',
      Keywords: `draft-version:${stamp.draftVersion} sha256:${stamp.contentSha256} template:${stamp.templateId}`,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  pdf.registerFont('jp', fontBytes('regular'));
  pdf.registerFont('jp-bold', fontBytes('bold'));

  pdf.font('jp-bold').fontSize(14);
  block(pdf, doc.title, { align: 'center' });
  pdf.font('jp').fontSize(SIZE);
  block(pdf, `\u3000${doc.preamble}`, { before: 1.2 });

  for (const a of doc.articles) {
    block(pdf, `（${a.heading}）`, { indent: CHAR, before: 0.5, keepLines: 3 });
    for (const p of a.paragraphs) {
      block(pdf, `${paragraphLead(a, p)}\u3000${p.text}`, { hang: CHAR });
      for (const item of p.items) block(pdf, itemLine(item), { indent: CHAR, hang: CHAR * 2 });
    }
  }

  block(pdf, `\u3000${doc.closing}`, { before: 1.2 });
  block(pdf, doc.date, { indent: CHAR * 2, before: 1.2 });
  for (const s of doc.signatories) {
    const lines = signatoryLines(s);
    // keep one party's block on one page
    if (pdf.y + lines.length * (pdf.currentLineHeight(true) + LINE_GAP) + 2 * SIZE > pdf.page.maxY()) pdf.addPage();
    lines.forEach((line, i) => block(pdf, line, { indent: CHAR * 16, before: i === 0 ? 1.2 : 0 }));
  }

  const range = pdf.bufferedPageRange();
  const footer = stampLine(stamp);
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const width = pdf.page.width - MARGINS.left - MARGINS.right;
    pdf.font('jp').fontSize(8).text(`- ${i + 1} / ${range.count} -`, MARGINS.left, pdf.page.height - 44, { width, align: 'center', lineBreak: false });
    pdf.fontSize(6).fillColor('#555555').text(footer, MARGINS.left, pdf.page.height - 32, { width, align: 'center', lineBreak: false });
    pdf.fillColor('black');
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
