import type { AgreementKind } from './draft';

/** The agreement as laid out text, independent of the output format (docx, PDF, HTML). */
export interface AgreementDocument {
  kind: AgreementKind;
  /** 企業派遣型 / 副業型 / シニア型 */
  kindLabel: string;
  documentType: '協定書' | '契約書';
  title: string;
  /** the draft version this document was generated from */
  draftVersion: number;
  /** fiscal year whose templates were used (the draft's, or the year of the term's start) */
  fiscalYear: number;
  templateId: string;
  /** true when the fiscal year has no template of its own and an earlier year's text was used */
  templateProvisional: boolean;
  preamble: string;
  articles: AgreementArticle[];
  closing: string;
  /** 令和8年9月15日, or a blank date line to fill in by hand */
  date: string;
  signatories: { role: string; lines: string[] }[];
  /** 甲 (the municipality) and 乙 (the company, or the individual for 副業型・シニア型), for file names */
  parties: { municipality: string; partner: string };
}

export interface AgreementArticle {
  key: string;
  number: number;
  /** 第1条 */
  label: string;
  /** 目的 (rendered as （目的）) */
  heading: string;
  paragraphs: AgreementParagraph[];
}

export interface AgreementParagraph {
  /** null for an article's first paragraph (Japanese drafting leaves it unnumbered), then 2, 3, … */
  label: string | null;
  text: string;
  items: { label: string; text: string }[];
}

export function articleLabel(n: number): string {
  return `第${n}条`;
}

/** 第1条 …  for an article's first paragraph, 2 …  for the next ones. */
export function paragraphLead(article: AgreementArticle, p: AgreementParagraph): string {
  return p.label ?? article.label;
}

export function itemLine(item: { label: string; text: string }): string {
  return `${item.label}\u3000${item.text}`;
}

/** Seal mark after the last line of each party's block (記名押印). */
export const SEAL = '印';

/** 甲 address /   name /   title name  印 */
export function signatoryLines(s: { role: string; lines: string[] }): string[] {
  return s.lines.map((line, i) => `${i === 0 ? `${s.role}\u3000` : '\u3000\u3000'}${line}${i === s.lines.length - 1 ? `\u3000\u3000${SEAL}` : ''}`);
}

/**
 * The document as plain lines, in reading order. It is what the content hash covers, so two exports
 * (docx, PDF, HTML) of the same draft version carry the same hash.
 */
export function documentLines(doc: AgreementDocument): string[] {
  const lines = [doc.title, doc.preamble];
  for (const a of doc.articles) {
    lines.push(`（${a.heading}）`);
    for (const p of a.paragraphs) {
      lines.push(`${paragraphLead(a, p)}\u3000${p.text}`);
      for (const i of p.items) lines.push(itemLine(i));
    }
  }
  lines.push(doc.closing, doc.date);
  for (const s of doc.signatories) lines.push(...signatoryLines(s));
  return lines;
}

/** Short ASCII file name stem, e.g. agreement-dispatch-v3 (the fallback for clients without UTF-8 names). */
export function documentFileStem(doc: AgreementDocument): string {
  return `agreement-${doc.kind}-v${doc.draftVersion}`;
}

/** The name a reader files the document under: 協定書_海士町_株式会社みらい地域創生_版3 (a party not yet named is left out). */
export function documentDisplayStem(doc: AgreementDocument): string {
  const names = [doc.parties.municipality, doc.parties.partner].map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return [doc.documentType, ...names, `版${doc.draftVersion}`].join('_');
}
