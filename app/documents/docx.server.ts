import type * as Docx from 'docx';
import type { Paragraph } from 'docx';
import type { AgreementArticle, AgreementDocument } from '../domain/agreements';
import { itemLine, paragraphLead, signatoryLines } from '../domain/agreements';
import { JAPANESE_FONT } from './fonts.server';
import { exportStamp, stampLine, type ExportStamp } from './stamp.server';

// Measures in twips (1/20 pt). Body text is 10.5 pt, so one full-width character is 210 twips.
const CHAR = 210;
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1701, bottom: 1417, left: 1417, right: 1417 };

/** docx is loaded by the first Word export, not at start-up; renderDocx sets it before the helpers run. */
let docx: typeof Docx;

const FONT = { ascii: JAPANESE_FONT.family, hAnsi: JAPANESE_FONT.family, eastAsia: JAPANESE_FONT.family, cs: JAPANESE_FONT.family, hint: 'eastAsia' };

function para(text: string, opts: { indentChars?: number; hangingChars?: number; firstLineChars?: number; before?: number; keepNext?: boolean; bold?: boolean; size?: number; align?: 'center' | 'right' } = {}) {
  const { AlignmentType, Paragraph, TextRun } = docx;
  const left = ((opts.indentChars ?? 0) + (opts.hangingChars ?? 0)) * CHAR;
  return new Paragraph({
    alignment: opts.align === 'center' ? AlignmentType.CENTER : opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: { left, hanging: opts.hangingChars ? opts.hangingChars * CHAR : undefined, firstLine: opts.firstLineChars ? opts.firstLineChars * CHAR : undefined },
    spacing: { before: opts.before ?? 0, after: 0, line: 360 },
    keepNext: opts.keepNext,
    children: [new TextRun({ text, bold: opts.bold, size: opts.size })],
  });
}

function articleParagraphs(a: AgreementArticle): Paragraph[] {
  const out = [para(`（${a.heading}）`, { indentChars: 1, before: 160, keepNext: true })];
  for (const p of a.paragraphs) {
    // 第1条／2 at the margin, the text's following lines aligned one character in.
    out.push(para(`${paragraphLead(a, p)}\u3000${p.text}`, { hangingChars: 1, keepNext: p.items.length > 0 }));
    for (const item of p.items) out.push(para(itemLine(item), { indentChars: 1, hangingChars: 2 }));
  }
  return out;
}

function signatureParagraphs(doc: AgreementDocument): Paragraph[] {
  const out: Paragraph[] = [];
  for (const s of doc.signatories) {
    const lines = signatoryLines(s);
    lines.forEach((text, i) => out.push(para(text, { indentChars: 16, before: i === 0 ? 360 : 0, keepNext: i < lines.length - 1 })));
  }
  return out;
}

/** The agreement as a Word document (.docx): A4, Japanese font, numbered articles, signature block. */
export async function renderDocx(doc: AgreementDocument, stamp: ExportStamp = exportStamp(doc)): Promise<Buffer> {
  docx ??= await import('docx');
  const { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } = docx;
  const children = [
    para(doc.title, { align: 'center', bold: true, size: 28 }),
    para(doc.preamble, { firstLineChars: 1, before: 360 }),
    ...doc.articles.flatMap(articleParagraphs),
    para(doc.closing, { firstLineChars: 1, before: 360 }),
    para(doc.date, { indentChars: 2, before: 360 }),
    ...signatureParagraphs(doc),
  ];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['- ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES, ' -'], size: 16 })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: stampLine(stamp), size: 12, color: '555555' })] }),
    ],
  });
  const document = new Document({
    title: doc.title,
    subject: `${doc.kindLabel} ${doc.documentType}`,
    creator: '起業人マッチ',
    description: `draft-version ${stamp.draftVersion}; content-sha256 ${stamp.contentSha256}; template ${stamp.templateId}`,
    keywords: `draft-version:${stamp.draftVersion} sha256:${stamp.contentSha256}`,
    revision: stamp.draftVersion,
    customProperties: [
      { name: 'DraftVersion', value: String(stamp.draftVersion) },
      { name: 'ContentSHA256', value: stamp.contentSha256 },
      { name: 'Template', value: stamp.templateId },
    ],
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 21, language: { value: 'ja-JP', eastAsia: 'ja-JP' } },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGIN, footer: 567, header: 851 } } },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
