import { createHash } from 'node:crypto';
import { documentLines, type AgreementDocument } from '../domain/agreements';

/** What every export carries: the draft version and a hash of the agreement's text. */
export interface ExportStamp {
  draftVersion: number;
  /** SHA-256 (hex) of the document's text lines joined by LF: the same for docx, PDF and HTML of one version */
  contentSha256: string;
  templateId: string;
}

export function contentSha256(doc: AgreementDocument): string {
  return createHash('sha256').update(documentLines(doc).join('\n'), 'utf8').digest('hex');
}

export function exportStamp(doc: AgreementDocument): ExportStamp {
  return { draftVersion: doc.draftVersion, contentSha256: contentSha256(doc), templateId: doc.templateId };
}

/** 版 3 ／ SHA-256 0f3a…: printed at the foot of every page. */
export function stampLine(stamp: ExportStamp): string {
  return `版 ${stamp.draftVersion} ／ SHA-256 ${stamp.contentSha256}`;
}
