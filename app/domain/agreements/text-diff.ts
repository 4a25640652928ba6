import { articleLabel, signatoryLines, type AgreementDocument } from './document';
import type { AgreementTemplate } from './template';

/*
 * Sentence-level comparison of two texts laid out in sections (表題, 前文, each article by its key, 末文,
 * 署名欄): which articles were changed, added or removed, and in each the sentences removed and added.
 * Articles are matched by key, so an article that only moved or got a new number is not "changed";
 * its new number is reported apart. Used for agreement versions (rendered text) and template versions
 * (template text, placeholders as written).
 */

export type TextSection = {
  /** title, preamble, article:purpose, closing, … */
  key: string;
  /** 第3条, 前文 */
  label: string;
  /** the article's heading (empty for other sections) */
  heading: string;
  /** sentences and items in reading order */
  units: string[];
};

export type SectionChange = {
  key: string;
  status: 'changed' | 'added' | 'removed';
  /** label and heading in the newer text (the older one for a removed article) */
  label: string;
  heading: string;
  /** set when the heading changed */
  headingBefore?: string;
  removed: string[];
  added: string[];
};

export type Renumbering = { key: string; heading: string; from: string; to: string };

export type TextDiff = { changes: SectionChange[]; renumbered: Renumbering[] };

/** 「甲は…とする。ただし、…。」 → its sentences, each ending with 。 (a text without 。 is one unit). */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=。)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The units of `before` missing from `after` and those new in `after` (longest common subsequence). */
export function diffUnits(before: readonly string[], after: readonly string[]): { removed: string[]; added: string[] } {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) removed.push(before[i++]);
    else added.push(after[j++]);
  }
  while (i < n) removed.push(before[i++]);
  while (j < m) added.push(after[j++]);
  return { removed, added };
}

export function diffSections(before: readonly TextSection[], after: readonly TextSection[]): TextDiff {
  const old = new Map(before.map((s) => [s.key, s]));
  const now = new Set(after.map((s) => s.key));
  const changes: SectionChange[] = [];
  const renumbered: Renumbering[] = [];
  for (const s of after) {
    const b = old.get(s.key);
    if (!b) {
      changes.push({ key: s.key, status: 'added', label: s.label, heading: s.heading, removed: [], added: s.units });
      continue;
    }
    const { removed, added } = diffUnits(b.units, s.units);
    if (removed.length || added.length || b.heading !== s.heading) {
      changes.push({ key: s.key, status: 'changed', label: s.label, heading: s.heading, ...(b.heading !== s.heading ? { headingBefore: b.heading } : {}), removed, added });
    }
    if (b.label !== s.label) renumbered.push({ key: s.key, heading: s.heading, from: b.label, to: s.label });
  }
  for (const b of before) {
    if (!now.has(b.key)) changes.push({ key: b.key, status: 'removed', label: b.label, heading: b.heading, removed: b.units, added: [] });
  }
  return { changes, renumbered };
}

const section = (key: string, label: string, units: string[], heading = ''): TextSection => ({ key, label, heading, units });

/** An agreement's text as sections (numbers and item marks left out of the units, so renumbering is not a change). */
export function documentSections(doc: AgreementDocument): TextSection[] {
  return [
    section('title', '表題', [doc.title]),
    section('preamble', '前文', splitSentences(doc.preamble)),
    ...doc.articles.map((a) =>
      section(
        `article:${a.key}`,
        a.label,
        a.paragraphs.flatMap((p) => [...splitSentences(p.text), ...p.items.map((i) => i.text)]),
        a.heading,
      ),
    ),
    section('closing', '末文', [...splitSentences(doc.closing), doc.date]),
    section('signatories', '署名欄', doc.signatories.flatMap(signatoryLines)),
  ];
}

/** A template's text as sections; conditions and item lists are shown as units of their own. */
export function templateSections(t: AgreementTemplate): TextSection[] {
  const labels = Object.entries(t.labels).flatMap(([path, values]) => Object.entries(values).map(([value, text]) => `${path}=${value}：${text}`));
  return [
    section('title', '表題', [t.title]),
    section('preamble', '前文', splitSentences(t.preamble)),
    ...t.articles.map((a, i) =>
      section(
        `article:${a.key}`,
        articleLabel(i + 1),
        [
          ...(a.when ? [`〔この条の条件：${a.when}〕`] : []),
          ...a.paragraphs.flatMap((p) => [
            ...(p.when ? [`〔条件：${p.when}〕`] : []),
            ...splitSentences(p.text),
            ...(p.items === undefined ? [] : Array.isArray(p.items) ? p.items : [`〔各号：${p.items.each} の各行〕`]),
          ]),
        ],
        a.heading,
      ),
    ),
    section('closing', '末文', splitSentences(t.closing)),
    section('signatories', '署名欄', t.signatories.flatMap((s) => s.lines.map((l) => `${s.role}：${l}`))),
    section('labels', '選択肢の文言', labels),
  ];
}

export const diffAgreementDocuments = (before: AgreementDocument, after: AgreementDocument) => diffSections(documentSections(before), documentSections(after));
export const diffAgreementTemplates = (before: AgreementTemplate, after: AgreementTemplate) => diffSections(templateSections(before), templateSections(after));
