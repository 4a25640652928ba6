import { normalize } from './text';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

type Range = [number, number];

/**
 * Finds where any of `terms` (already normalised) occurs in `text`, comparing normalised forms
 * (ＤＸ matches dx, デジタル matches でじたる) but returning ranges of the original string.
 */
export function matchRanges(text: string, terms: string[]): Range[] {
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
    for (let at = norm.indexOf(term); at !== -1; at = norm.indexOf(term, at + term.length)) {
      const first = origin[at];
      const last = origin[at + term.length - 1];
      ranges.push([offsets[first], offsets[last + 1]]);
    }
  }
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
 * An HTML-escaped excerpt of about `length` characters around the densest cluster of matches,
 * with <mark> around each match; the beginning of the text when nothing matches.
 */
export function snippet(text: string, terms: string[], length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(flat, terms);
  if (flat.length <= length) return markRanges(flat, ranges);
  let best = 0;
  let bestCount = -1;
  for (const [s] of ranges) {
    const count = ranges.filter(([a, b]) => a >= s && b <= s + length).length;
    if (count > bestCount) {
      best = s;
      bestCount = count;
    }
  }
  let from = ranges.length ? Math.max(0, best - Math.floor(length / 4)) : 0;
  const to = Math.min(flat.length, from + length);
  from = Math.max(0, Math.min(from, to - length));
  return (from > 0 ? '…' : '') + markRanges(flat, ranges, from, to) + (to < flat.length ? '…' : '');
}
