import { bagQuery, isKanaOnly, isKanji, normalize, phraseQuery } from './text';

/** Synonym groups and kana readings, normalised; built once per engine (see search/dictionary.ts). */
export type QueryDictionary = {
  /** term → the other terms of every group it belongs to */
  synonyms: Map<string, string[]>;
  /** kana reading → written forms, e.g. しまね → 島根 */
  readings: Map<string, string[]>;
  /** normalised term → how it is written, for showing expansions to people */
  display: Map<string, string>;
};

/**
 * One thing the user asked for. `strong` alternatives are matched as phrases (the words themselves,
 * their synonyms, the written form of a kana spelling); `parts` are the words of a compound, which
 * match more loosely when all of them appear anywhere.
 */
export type Concept = { text: string; strong: string[]; parts: string[] };

// Particles, auxiliaries and light verbs that separate the concepts of a sentence-like query.
const STOP = new Set(
  'の を に が は へ と で や も か な ね よ から まで より など について における による として たい ます です する したい して した しない ない こと もの ため よう ほしい たち さん いる ある れる られる せる させる ください'.split(' '),
);

const MAX_ALTERNATIVES = 16;

let segmenter: Intl.Segmenter | undefined;
const words = (text: string) => {
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  return [...segmenter.segment(text)].map((s) => s.segment);
};

/** Splits a query into concepts. Whitespace and punctuation separate terms; particles split sentences. */
export function parseQuery(q: string, dict: QueryDictionary): Concept[] {
  const nfkc = q.normalize('NFKC').toLowerCase();
  const terms = nfkc.split(/[\s、。,.・／/|「」『』（）()!?！？:：;；"'“”]+/u).filter(Boolean);
  const concepts: Concept[] = [];
  for (const term of terms) {
    const folded = normalize(term);
    if (isKanaOnly(folded)) {
      concepts.push(expand({ text: folded, strong: [folded, ...readingsOf(folded, dict)], parts: [] }, dict));
      continue;
    }
    for (const group of splitAtParticles(term)) {
      const text = group.map(normalize).join('');
      if (!phraseQuery(text)) continue;
      const parts = group.length > 1 ? group.map(normalize).filter((p) => !STOP.has(p)) : [];
      const strong = [text];
      // お茶 → 茶, ご相談 → 相談: the honorific prefix is rarely written in listings.
      if (/^[おご]/.test(text) && text.length >= 2 && isKanji(text[1])) strong.push(text.slice(1));
      concepts.push(expand({ text, strong, parts }, dict));
    }
  }
  return dedupe(concepts);
}

/** Segments a term into word groups separated by particles; okurigana-only verb stems are dropped. */
function splitAtParticles(term: string): string[][] {
  const segs = words(term);
  const groups: string[][] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) groups.push(cur);
    cur = [];
  };
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const kana = isKanaOnly(normalize(s));
    if (kana && (STOP.has(s) || s.length <= 2)) {
      // 広げたい → 広|げた|い: a lone kanji before okurigana is a verb stem, too vague to search for.
      if (!STOP.has(s) && cur.length === 1 && [...cur[0]].length === 1 && isKanji(cur[0])) cur = [];
      flush();
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(s)) {
      flush();
      continue;
    }
    cur.push(s);
  }
  flush();
  return groups;
}

function expand(c: Concept, dict: QueryDictionary): Concept {
  const strong = new Set(c.strong);
  for (const alt of [...strong]) for (const s of synonymsOf(alt, dict)) strong.add(s);
  return { ...c, strong: [...strong].slice(0, MAX_ALTERNATIVES) };
}

/** Whole-term synonyms, and synonyms of a term inside a compound (空き家対策 → 空家対策). */
export function synonymsOf(term: string, dict: QueryDictionary): string[] {
  const out = new Set<string>(dict.synonyms.get(term) ?? []);
  for (const [key, others] of dict.synonyms) {
    if (key === term || key.length < 2 || !term.includes(key)) continue;
    if (/^[a-z0-9]+$/.test(key) && !new RegExp(`(^|[^a-z0-9])${key}([^a-z0-9]|$)`).test(term)) continue;
    for (const o of others) out.add(term.replace(key, o));
  }
  out.delete(term);
  return [...out];
}

/** Written forms of a kana query: the whole reading, or known words found left to right (ふるさと|のうぜい). */
export function readingsOf(kana: string, dict: QueryDictionary): string[] {
  const out = new Set<string>(dict.readings.get(kana) ?? []);
  const chars = [...kana];
  let composed = '';
  let replaced = false;
  for (let i = 0; i < chars.length; ) {
    let hit: string | undefined;
    let len = 0;
    for (let j = chars.length; j >= i + 2; j--) {
      const forms = dict.readings.get(chars.slice(i, j).join(''));
      if (forms?.length) {
        hit = forms[0];
        len = j - i;
        break;
      }
    }
    if (hit) {
      composed += hit;
      replaced ||= hit !== chars.slice(i, i + len).join('');
      i += len;
    } else {
      composed += chars[i];
      i++;
    }
  }
  if (replaced) out.add(composed);
  out.delete(kana);
  return [...out].map(normalize);
}

function dedupe(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true)));
}

/**
 * tsquery texts for one concept. `match`/`anyPart` select documents (bags of tokens, which the GIN
 * index answers exactly); `strong`/`weak`/`rankAny` rank them (phrases, exact positions).
 */
export function conceptQueries(c: Concept) {
  const or = (qs: Array<string | undefined>) => {
    const list = [...new Set(qs.filter((q): q is string => !!q))];
    return list.length ? list.join(' | ') : undefined;
  };
  const defined = (qs: Array<string | undefined>) => qs.filter((q): q is string => !!q);
  // A one-character part (化, 的, 性) alone says nothing about the topic.
  const words = c.parts.filter((p) => [...p].length > 1);
  const compound = c.parts.length > 1;
  const strong = or(c.strong.map(phraseQuery));
  const weak = compound ? `(${defined(c.parts.map(phraseQuery)).join(' & ')})` : undefined;
  const rankAny = compound && words.length ? or(words.map(phraseQuery)) : undefined;
  const weakBag = compound ? `(${defined(c.parts.map(bagQuery)).join(' & ')})` : undefined;
  // Alternatives stay separate so each is its own index lookup: one tsquery ORing them all makes the
  // GIN index test every document that holds any of their tokens.
  const matchAny = [...new Set(defined([...c.strong.map(bagQuery), weakBag]))];
  const anyPartAny = compound ? [...new Set(defined(words.map(bagQuery)))] : [];
  return { strong, weak, rankAny, match: or(matchAny), matchAny, anyPart: or(anyPartAny), anyPartAny };
}
