import { normalize } from './text';
import { PREFECTURE_READINGS, VOCABULARY_READINGS } from './readings';
import type { QueryDictionary } from './query';

const MUNICIPALITY_SUFFIX: Array<[string, RegExp]> = [
  ['市', /し$/],
  ['町', /(まち|ちょう)$/],
  ['村', /(むら|そん)$/],
  ['区', /く$/],
];

/**
 * Builds the query-time dictionary: synonym groups (from the search_synonyms table) and readings
 * (prefectures, general vocabulary, and the municipality master's name_kana).
 */
export function buildDictionary(input: {
  synonymGroups: string[][];
  municipalities?: Array<{ name: string; name_kana: string }>;
}): QueryDictionary {
  const synonyms = new Map<string, string[]>();
  const display = new Map<string, string>();
  for (const group of input.synonymGroups) {
    for (const t of group) if (!display.has(normalize(t))) display.set(normalize(t), t.normalize('NFKC'));
    const terms = [...new Set(group.map(normalize).filter(Boolean))];
    for (const t of terms) {
      const others = synonyms.get(t) ?? [];
      for (const o of terms) if (o !== t && !others.includes(o)) others.push(o);
      synonyms.set(t, others);
    }
  }
  const readings = new Map<string, string[]>();
  const add = (reading: string, written: string) => {
    display.set(normalize(written), written);
    const key = normalize(reading);
    const list = readings.get(key) ?? [];
    if (!list.includes(written) && list.length < 8) list.push(written);
    readings.set(key, list);
  };
  for (const [written, reading] of VOCABULARY_READINGS) add(reading, written);
  for (const [written, reading] of PREFECTURE_READINGS) {
    add(reading, written);
    const suffix = written === '北海道' ? '' : written === '東京' ? 'と' : written === '京都' || written === '大阪' ? 'ふ' : 'けん';
    if (suffix) add(reading + suffix, written);
  }
  for (const m of input.municipalities ?? []) {
    add(m.name_kana, m.name);
    for (const [kanji, re] of MUNICIPALITY_SUFFIX) {
      if (!m.name.endsWith(kanji) || !re.test(m.name_kana)) continue;
      const stem = m.name_kana.replace(re, '');
      // Short stems (e.g. つ, いな) would turn ordinary kana into place names.
      if ([...stem].length >= 3) add(stem, m.name.slice(0, -1));
    }
  }
  return { synonyms, readings, display };
}

/**
 * The dictionary read from the database (synonym table, municipality master), cached for `ttlMs` so
 * an operator's edit to the synonyms takes effect within that time without a restart. The process
 * that makes the edit calls `reload()`, which loads it again at once; a load that started before
 * the edit never replaces the newer dictionary.
 */
export function cachedDictionary(load: () => Promise<QueryDictionary>, ttlMs = 60_000) {
  let value: QueryDictionary | undefined;
  let loadedAt = 0;
  let pending: Promise<QueryDictionary> | undefined;
  let generation = 0;
  const start = () => {
    const gen = generation;
    const p: Promise<QueryDictionary> = load()
      .then((v) => {
        if (gen === generation) {
          value = v;
          loadedAt = Date.now();
        }
        return v;
      })
      .finally(() => {
        if (pending === p) pending = undefined;
      });
    pending = p;
    return p;
  };
  const get = async (): Promise<QueryDictionary> => {
    if (value && Date.now() - loadedAt < ttlMs) return value;
    return pending ?? start();
  };
  const invalidate = () => {
    generation++;
    loadedAt = 0;
    pending = undefined;
  };
  return Object.assign(get, {
    invalidate,
    /** forgets the cached dictionary and loads it again now */
    reload: async (): Promise<QueryDictionary> => {
      invalidate();
      return start();
    },
  });
}
