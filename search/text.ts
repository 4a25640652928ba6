/**
 * Text normalisation and tokenisation shared by indexing and querying, so both sides always agree.
 *
 * Japanese has no spaces, so CJK runs are indexed as overlapping character bigrams (plus kanji
 * unigrams for one-character words); Latin/digit runs are whole lower-cased words. Every token has a
 * position, and phrase queries use the exact distances the same tokeniser produces (see phraseQuery).
 */

const KATAKANA = /[\u30a1-\u30f6]/g;

/** NFKC (ＤＸ → DX, ｶﾅ → カナ, １ → 1), lower case, katakana folded to hiragana (デジタル ≡ でじたる). */
export function normalize(text: string): string {
  return foldKana(text.normalize('NFKC').toLowerCase());
}

export function foldKana(text: string): string {
  return text.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

const CJK = /[\u3041-\u3096\u30fc\u309d\u309e\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]/;
const KANJI = /[\u3005\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]/;
const ALNUM = /[a-z0-9\u00c0-\u024f]/;
const HIRAGANA_ONLY = /^[\u3041-\u3096\u30fc]+$/;

export const isKanji = (c: string) => KANJI.test(c);
export const isKanaOnly = (s: string) => HIRAGANA_ONLY.test(s);

export type Token = { lexeme: string; pos: number };

type Run = { kind: 'cjk' | 'alnum'; text: string };

/** Splits normalised text into CJK and Latin/digit runs; anything else separates runs. */
export function runs(normalized: string): Run[] {
  const out: Run[] = [];
  let cur: Run | undefined;
  for (const ch of normalized) {
    const kind = CJK.test(ch) ? 'cjk' : ALNUM.test(ch) ? 'alnum' : undefined;
    if (!kind) {
      cur = undefined;
      continue;
    }
    if (!cur || cur.kind !== kind) {
      cur = { kind, text: '' };
      out.push(cur);
    }
    cur.text += ch;
  }
  return out;
}

/**
 * Tokens of already-normalised text starting at `start`. Adjacent runs are one position apart
 * (a CJK run of n > 1 characters spans n − 1 bigram positions); a separator adds one more, so a
 * phrase never matches across punctuation.
 */
export function tokenize(normalized: string, start = 1, opts: { unigrams?: boolean } = {}): { tokens: Token[]; next: number } {
  const unigrams = opts.unigrams ?? true;
  const tokens: Token[] = [];
  let pos = start;
  let last = -1;
  const chars = [...normalized];
  let idx = 0;
  while (idx < chars.length) {
    const c = chars[idx];
    const kind = CJK.test(c) ? 'cjk' : ALNUM.test(c) ? 'alnum' : undefined;
    if (!kind) {
      if (last === idx - 1 && tokens.length) pos++;
      idx++;
      continue;
    }
    let end = idx;
    while (end < chars.length && (kind === 'cjk' ? CJK.test(chars[end]) : ALNUM.test(chars[end]))) end++;
    const run = chars.slice(idx, end);
    if (kind === 'alnum') {
      tokens.push({ lexeme: run.join(''), pos });
      pos += 1;
    } else if (run.length === 1) {
      tokens.push({ lexeme: run[0], pos });
      pos += 1;
    } else {
      for (let k = 0; k < run.length - 1; k++) tokens.push({ lexeme: run[k] + run[k + 1], pos: pos + k });
      if (unigrams) for (let k = 0; k < run.length; k++) if (isKanji(run[k])) tokens.push({ lexeme: run[k], pos: pos + Math.min(k, run.length - 2) });
      pos += run.length - 1;
    }
    last = end - 1;
    idx = end;
  }
  return { tokens, next: pos };
}

export type Weight = 'A' | 'B' | 'C' | 'D';
const MAX_POS = 16383;

/** Builds a tsvector literal ('lexeme':1A,2A …) from weighted fields, bypassing any text search parser. */
export function toTsvector(fields: Array<{ text: string; weight: Weight }>, opts: { unigrams?: boolean } = {}): string {
  const entries = new Map<string, string[]>();
  let pos = 1;
  for (const f of fields) {
    const { tokens, next } = tokenize(normalize(f.text), pos, opts);
    for (const t of tokens) {
      if (t.pos > MAX_POS) continue;
      const list = entries.get(t.lexeme) ?? [];
      // PostgreSQL keeps at most 256 positions per lexeme.
      if (list.length < 256) list.push(`${t.pos}${f.weight === 'D' ? '' : f.weight}`);
      entries.set(t.lexeme, list);
    }
    pos = next + 2;
  }
  return [...entries].map(([lex, ps]) => `${quoteLexeme(lex)}:${ps.join(',')}`).join(' ');
}

export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A tsquery matching `normalized` as a phrase: bigram/word tokens chained with the distances the
 * tokeniser gives them (<1>, <2> …). One kanji alone becomes its unigram.
 */
export function phraseQuery(normalized: string): string | undefined {
  const { tokens } = tokenize(normalized, 1, { unigrams: false });
  if (!tokens.length) return undefined;
  let out = quoteLexeme(tokens[0].lexeme);
  for (let k = 1; k < tokens.length; k++) {
    const d = tokens[k].pos - tokens[k - 1].pos;
    out += ` <${d}> ${quoteLexeme(tokens[k].lexeme)}`;
  }
  return tokens.length > 1 ? `(${out})` : out;
}

/**
 * The same tokens as phraseQuery but ANDed without distances. A GIN index answers this exactly,
 * without re-reading each candidate's vector, so it is the match condition; the phrase form ranks.
 */
export function bagQuery(normalized: string): string | undefined {
  const { tokens } = tokenize(normalized, 1, { unigrams: false });
  const lexemes = [...new Set(tokens.map((t) => t.lexeme))].map(quoteLexeme);
  if (!lexemes.length) return undefined;
  return lexemes.length > 1 ? `(${lexemes.join(' & ')})` : lexemes[0];
}

/**
 * The month of publication as a lexeme (`@2026-02`, UTC) in both vectors: text can never produce it
 * (the tokeniser drops `@`), and it lets the text indexes themselves skip older documents.
 */
export const monthLexeme = (d: Date) => `@${d.toISOString().slice(0, 7)}`;

/**
 * A tsquery for "published in the month of `since` or later" (up to the month after `now`), or
 * undefined when that spans more than `maxMonths` months and is no help.
 */
export function monthsSinceQuery(since: Date, now: Date, maxMonths = 36): string | undefined {
  const months: string[] = [];
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  for (let y = since.getUTCFullYear(), m = since.getUTCMonth(); Date.UTC(y, m, 1) <= end; m === 11 ? (y++, (m = 0)) : m++) {
    months.push(quoteLexeme(monthLexeme(new Date(Date.UTC(y, m, 1)))));
    if (months.length > maxMonths) return undefined;
  }
  return months.length ? `(${months.join(' | ')})` : undefined;
}
