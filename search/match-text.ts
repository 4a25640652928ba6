import type { MatchText } from '../app/domain/matching/types';
import { readingsOf, synonymsOf, type QueryDictionary } from './query';
import { isKanaOnly, normalize, tokenize } from './text';

/**
 * The search engine's own analysis applied to matching: the same normalisation (NFKC, case,
 * katakana → hiragana), the same bigram tokens, the synonym dictionary and kana readings. Two
 * listings are compared as the search would compare a query with a document.
 */

export interface MatchFields {
  title: string;
  /** skills as a list, or the listing's skills text (split at 、, commas, ・, slashes and lines) */
  skills: string[] | string;
  summary?: string;
  duties?: string;
  body: string;
}

/** Field weights of the token vector: the title and skills say what a listing is about. */
const FIELD_WEIGHT = { title: 3, skills: 2, summary: 1.5, duties: 1, body: 1, synonym: 0.5 } as const;
const MAX_SKILLS = 20;

/** 「観光DX、データ分析\n- 英語」 → ['観光DX', 'データ分析', '英語']; Markdown list markers and emphasis dropped. */
export function splitSkills(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\n、,，;；／/・|]+/u)) {
    const s = raw
      .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
      .replace(/[*_`#>]+/g, '')
      .replace(/[（(][^）)]*[）)]/g, '')
      .trim();
    if (s && [...s].length <= 40 && !out.includes(s)) out.push(s);
  }
  return out.slice(0, MAX_SKILLS);
}

/** The forms a skill is also written as: its synonyms, and for a kana spelling its written forms. */
export function skillForms(skill: string, dict: QueryDictionary): string[] {
  const n = normalize(skill).replace(/\s+/g, '');
  if (!n) return [];
  const forms = new Set([n, ...synonymsOf(n, dict)]);
  if (isKanaOnly(n)) for (const r of readingsOf(n, dict)) forms.add(r);
  return [...forms].filter((f) => [...f].length >= 2 || /[a-z0-9]/.test(f));
}

export type AnalysedText = { text: Omit<MatchText, 'vector'>; tf: Map<string, number> };

function addTokens(tf: Map<string, number>, normalized: string, weight: number) {
  for (const t of tokenize(normalized, 1, { unigrams: false }).tokens) tf.set(t.lexeme, (tf.get(t.lexeme) ?? 0) + weight);
}

/** Analyses a listing's text; `weigh` turns the term frequencies of a whole set into vectors. */
export function analyseText(fields: MatchFields, dict: QueryDictionary): AnalysedText {
  const skillList = Array.isArray(fields.skills) ? fields.skills : splitSkills(fields.skills);
  const skills = skillList.map((label) => ({ label, forms: skillForms(label, dict) })).filter((s) => s.forms.length);
  const title = normalize(fields.title);
  const skillsText = skills.map((s) => s.forms[0]).join(' ');
  const rest = [fields.summary ?? '', fields.duties ?? '', fields.body].map(normalize);
  const head = `${title} ${skillsText}`;
  const full = `${head} ${rest.join(' ')}`;

  const tf = new Map<string, number>();
  addTokens(tf, title, FIELD_WEIGHT.title);
  for (const s of skills) for (const f of s.forms) addTokens(tf, f, FIELD_WEIGHT.skills);
  addTokens(tf, rest[0], FIELD_WEIGHT.summary);
  addTokens(tf, rest[1], FIELD_WEIGHT.duties);
  addTokens(tf, rest[2], FIELD_WEIGHT.body);
  // A synonym found in the text adds the other terms of its group, so 空家 meets 空き家.
  for (const [term, others] of dict.synonyms) {
    if ([...term].length < 2 || !full.includes(term)) continue;
    for (const o of others) addTokens(tf, o, FIELD_WEIGHT.synonym);
  }
  return { text: { skills, head, full }, tf };
}

/** Inverse document frequencies of a set of analysed texts: ln(1 + N / df). */
export function idfOf(tfs: Iterable<Map<string, number>>): Map<string, number> {
  const df = new Map<string, number>();
  let n = 0;
  for (const tf of tfs) {
    n++;
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + n / d));
  return idf;
}

/** Unit-length vector (1 + ln tf) · idf; tokens unknown to `idf` get the rarest weight. */
export function vectorOf(tf: Map<string, number>, idf: Map<string, number>, unknownIdf: number): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [t, f] of tf) {
    const w = (1 + Math.log(f)) * (idf.get(t) ?? unknownIdf);
    if (w <= 0) continue;
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** Analyses a set of listings together: the idf comes from all of them. */
export function analyseAll(items: MatchFields[], dict: QueryDictionary): MatchText[] {
  const analysed = items.map((f) => analyseText(f, dict));
  const idf = idfOf(analysed.map((a) => a.tf));
  const unknown = Math.log(1 + Math.max(1, analysed.length));
  return analysed.map((a) => ({ ...a.text, vector: vectorOf(a.tf, idf, unknown) }));
}
