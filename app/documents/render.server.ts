import { documentDisplayStem, documentFileStem, type AgreementDocument } from '../domain/agreements';
import { renderDocx } from './docx.server';
import { renderHtml } from './html.server';
import { renderPdf } from './pdf.server';
import { exportStamp, type ExportStamp } from './stamp.server';

export const EXPORT_FORMATS = ['docx', 'pdf', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export interface RenderedAgreement {
  body: Buffer;
  contentType: string;
  /** 協定書_海士町_株式会社みらい地域創生_版3.docx */
  fileName: string;
  /** agreement-dispatch-v3.docx, for clients that cannot read a UTF-8 file name */
  asciiFileName: string;
  stamp: ExportStamp;
}

/** Renders an agreement document in one of the export formats; every format carries the same stamp. */
export async function renderAgreement(doc: AgreementDocument, format: ExportFormat): Promise<RenderedAgreement> {
  const stamp = exportStamp(doc);
  const body =
    format === 'docx' ? await renderDocx(doc, stamp) : format === 'pdf' ? await renderPdf(doc, stamp) : Buffer.from(renderHtml(doc, stamp), 'utf8');
  return { body, contentType: CONTENT_TYPES[format], fileName: `${documentDisplayStem(doc)}.${format}`, asciiFileName: `${documentFileStem(doc)}.${format}`, stamp };
}
