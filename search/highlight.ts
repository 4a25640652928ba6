import { normalize } from './text';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

type Range = [number, number];

/**
 * Finds where any of `terms` (already normalised) occurs in `text`, comparing normalised forms
 * (ＤＸ matches dx, デジタル matches でじたる) but returning ranges of the original string.
 */
export function matchRanges(text: string, terms: string[]): Range[] {
  // Most listing text normalises character for character (ASCII, kana, kanji, CJK and full-width
  // punctuation): positions are the same on both sides and one normalisation of the whole text will do.
  if (ONE_TO_ONE.test(text)) {
    const norm = normalize(text);
    if (norm.length === text.length) return merge([...new Set(terms)].filter(Boolean).flatMap((term) => occurrences(norm, term).map((at): Range => [at, at + term.length])));
  }
  const chars = [...text];
  let norm = '';
  const origin: number[] = [];
  const offsets: number[] = [];
  let off = 0;
  chars.forEach((ch, i) => {
    offsets.push(off);
    off += ch.length;
    for (const n of normalize(ch)) {
      norm += n;
      for (let k = 0; k < n.length; k++) origin.push(i);
    }
  });
  offsets.push(off);
  const ranges: Range[] = [];
  for (const term of new Set(terms)) {
    if (!term) continue;
    for (const at of occurrences(norm, term)) {
      const first = origin[at];
      const last = origin[at + term.length - 1];
      ranges.push([offsets[first], offsets[last + 1]]);
    }
  }
  return merge(ranges);
}

/**
 * Characters whose normalised form is exactly one UTF-16 unit and never combines with a neighbour:
 * not half-width katakana (ｶﾞ → ガ), combining or spacing voiced marks, ゟ or ヿ (two letters), or
 * compatibility symbols such as ㍿ and ①.
 */
const ONE_TO_ONE = /^[\t\n\r\u0020-\u007f\u3000-\u3098\u309d\u309e\u30a0-\u30fe\u4e00-\u9fff\uff01-\uff5e]*$/;

function occurrences(norm: string, term: string): number[] {
  const out: number[] = [];
  for (let at = norm.indexOf(term); at !== -1; at = norm.indexOf(term, at + term.length)) out.push(at);
  return out;
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

function markRanges(text: string, ranges: Range[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(text.slice(at, to));
}

export function highlight(text: string, terms: string[]): string {
  return markRanges(text, matchRanges(text, terms));
}

/**
 * Listing bodies are Markdown: the text a reader sees, without its syntax (headings, list and quote
 * markers, emphasis, code marks, link targets). A few regular expressions over the whole body.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|(?:[-*+]|\d{1,3}[.)])[ \t]+|(?:[-*_][ \t]*){3,}$)/gm, '')
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/`+([^`\n]+)`+/g, '$1')
    .replace(/\*\*|~~/g, '');
}

/** Moves an index off the second half of a surrogate pair. */
const atCodePoint = (s: string, i: number) => (i > 0 && i < s.length && /[\udc00-\udfff]/.test(s[i]) ? i + 1 : i);

/**
 * Where an excerpt of `length` characters should start: a little before the densest cluster of
 * matches. The matches are looked up on the whole text normalised at once (positions scaled when
 * normalisation changes its length), so only the excerpt itself is compared character by character.
 */
function excerptStart(flat: string, terms: string[], length: number): number {
  const norm = normalize(flat);
  const ratio = flat.length / Math.max(1, norm.length);
  const starts: number[] = [];
  for (const term of new Set(terms)) {
    if (!term) continue;
    for (let at = norm.indexOf(term); at !== -1 && starts.length < 500; at = norm.indexOf(term, at + term.length)) starts.push(Math.round(at * ratio));
  }
  if (!starts.length) return 0;
  starts.sort((a, b) => a - b);
  let best = starts[0];
  let bestCount = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (j < starts.length && starts[j] < starts[i] + length) j++;
    if (j - i > bestCount) {
      best = starts[i];
      bestCount = j - i;
    }
  }
  return Math.max(0, Math.min(best - Math.floor(length / 4), flat.length - length));
}

/**
 * An HTML-escaped excerpt of the body's text (Markdown syntax removed) of about `length`
 * characters around the densest cluster of matches, with <mark> around each match; the beginning
 * of the text when nothing matches.
 */
export function snippet(text: string, terms: string[], length = 120): string {
  const flat = plainText(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return markRanges(flat, matchRanges(flat, terms));
  const from = atCodePoint(flat, excerptStart(flat, terms, length));
  const to = atCodePoint(flat, Math.min(flat.length, from + length));
  const part = flat.slice(from, to);
  return (from > 0 ? '…' : '') + markRanges(part, matchRanges(part, terms)) + (to < flat.length ? '…' : '');
}
