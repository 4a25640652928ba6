import { displayName } from './describe';
import type { Municipality, Ward } from './types';

/** The ward a name or code named, kept for display; the rules only ever see its city. */
export type WardName = { lgCode: string; name: string };

export type Resolution =
  | { status: 'found'; query: string; municipality: Municipality; ward?: WardName }
  | { status: 'not_found'; query: string; message_ja: string; suggestions: Municipality[] }
  | { status: 'ambiguous'; query: string; message_ja: string; candidates: Municipality[] };

/**
 * The key names are compared on: NFKC (full-width letters, digits and spaces, half-width kana),
 * no whitespace at all, and the small ヶ/ヵ read as ケ/カ (龍ケ崎市 is often written 龍ヶ崎市).
 */
export function nameKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/ヶ/g, 'ケ').replace(/ヵ/g, 'カ');
}

function kanaKey(key: string): string | null {
  if (!/^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$/.test(key)) return null;
  return key.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function stemOf(key: string): string {
  return key.replace(/[市町村区]$/, '');
}

const KANA_SUFFIXES: Record<string, RegExp> = { 市: /し$/, 町: /(ちょう|まち)$/, 村: /(そん|むら)$/, 特別区: /く$/ };

/** The reading without its 市町村区 (にせこちょう → にせこ), so kana typed without it resolves as the kanji stem does. */
function kanaStemOf(m: Municipality): string | null {
  const suffix = KANA_SUFFIXES[m.kind];
  if (!m.nameKana || !suffix) return null;
  const stem = m.nameKana.replace(suffix, '');
  return stem && stem !== m.nameKana ? stem : null;
}

/** Check digit of a 全国地方公共団体コード: weights 6..2 on the first five digits, 11 − (sum mod 11), 10→0, 11→1. */
export function lgCodeCheckDigit(firstFive: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i += 1) sum += Number(firstFive[i]) * (6 - i);
  return (11 - (sum % 11)) % 10;
}

interface MunicipalityIndex {
  list: readonly Municipality[];
  byCode: Map<string, Municipality>;
  byCode5: Map<string, Municipality>;
  byName: Map<string, Municipality[]>;
  byStem: Map<string, Municipality[]>;
  byKana: Map<string, Municipality[]>;
  byKanaStem: Map<string, Municipality[]>;
  /** 「大阪市北区」 and 「おおさかしきたく」 → the city and its ward (current wards first) */
  byWard: Map<string, WardHit[]>;
  byWardCode: Map<string, WardHit>;
  byWardCode5: Map<string, WardHit>;
  /** prefecture spellings (東京都 and 東京) → prefCode, longest first */
  prefixes: [string, string][];
}

type WardHit = { municipality: Municipality; ward: Ward };

const indexes = new WeakMap<readonly Municipality[], MunicipalityIndex>();

function push(map: Map<string, Municipality[]>, key: string, m: Municipality) {
  const list = map.get(key);
  if (list) list.push(m);
  else map.set(key, [m]);
}

function indexOf(list: readonly Municipality[]): MunicipalityIndex {
  const cached = indexes.get(list);
  if (cached) return cached;
  const index: MunicipalityIndex = {
    list, byCode: new Map(), byCode5: new Map(), byName: new Map(), byStem: new Map(), byKana: new Map(), byKanaStem: new Map(),
    byWard: new Map(), byWardCode: new Map(), byWardCode5: new Map(), prefixes: [],
  };
  const prefs = new Map<string, string>();
  for (const m of list) {
    index.byCode.set(m.lgCode, m);
    index.byCode5.set(m.lgCode.slice(0, 5), m);
    const key = nameKey(m.name);
    push(index.byName, key, m);
    push(index.byStem, stemOf(key), m);
    if (m.nameKana) push(index.byKana, m.nameKana, m);
    const kanaStem = kanaStemOf(m);
    if (kanaStem) push(index.byKanaStem, kanaStem, m);
    // Current wards first, so a name both an old and a new ward had (浜松市天竜区) shows the current code.
    for (const ward of [...(m.wards ?? [])].sort((a, b) => Number(a.abolished !== null) - Number(b.abolished !== null))) {
      const hit = { municipality: m, ward };
      pushWard(index.byWard, key + nameKey(ward.name), hit);
      if (m.nameKana) pushWard(index.byWard, m.nameKana + ward.nameKana, hit);
      index.byWardCode.set(ward.lgCode, hit);
      index.byWardCode5.set(ward.lgCode.slice(0, 5), hit);
    }
    const pref = nameKey(m.prefName);
    prefs.set(pref, m.prefCode);
    // 北海道 keeps its 道; 東京都 → 東京, 大阪府 → 大阪, 青森県 → 青森
    if (/[都府県]$/.test(pref)) prefs.set(pref.slice(0, -1), m.prefCode);
  }
  index.prefixes = [...prefs].sort((a, b) => b[0].length - a[0].length);
  indexes.set(list, index);
  return index;
}

function pushWard(map: Map<string, WardHit[]>, key: string, hit: WardHit) {
  const list = map.get(key);
  if (!list) map.set(key, [hit]);
  else if (!list.some((h) => h.municipality === hit.municipality)) list.push(hit);
}

/** 「大阪府大阪市北区」「大阪市北区」「名古屋市 中区」: a 政令市's ward, with or without the prefecture. */
function wardOf(index: MunicipalityIndex, key: string): WardHit | undefined {
  const direct = index.byWard.get(key) ?? index.byWard.get(kanaKey(key) ?? '');
  if (direct?.length === 1) return direct[0];
  for (const [prefix, prefCode] of index.prefixes) {
    if (key.length > prefix.length && key.startsWith(prefix)) {
      const hits = (index.byWard.get(key.slice(prefix.length)) ?? []).filter((h) => h.municipality.prefCode === prefCode);
      if (hits.length === 1) return hits[0];
    }
  }
  return undefined;
}

const foundWard = (query: string, hit: WardHit): Resolution => ({
  status: 'found', query, municipality: hit.municipality, ward: { lgCode: hit.ward.lgCode, name: hit.ward.name },
});

function byNameIn(index: MunicipalityIndex, key: string, prefCode?: string): Municipality[] {
  const inPref = (ms: Municipality[] | undefined) => (ms ?? []).filter((m) => prefCode === undefined || m.prefCode === prefCode);
  const exact = inPref(index.byName.get(key));
  if (exact.length) return exact;
  const kana = kanaKey(key);
  const byKana = kana ? inPref(index.byKana.get(kana)) : [];
  if (byKana.length) return byKana;
  const byStem = inPref(index.byStem.get(key));
  if (byStem.length) return byStem;
  return kana ? inPref(index.byKanaStem.get(kana)) : [];
}

function lookupCode(index: MunicipalityIndex, query: string, digits: string): Resolution {
  const notFound = (message_ja: string): Resolution => ({ status: 'not_found', query, message_ja, suggestions: [] });
  if (digits.length === 6) {
    const m = index.byCode.get(digits);
    if (m) return { status: 'found', query, municipality: m };
    const ward = index.byWardCode.get(digits);
    if (ward) return foundWard(query, ward);
    const expected = lgCodeCheckDigit(digits.slice(0, 5));
    if (expected !== Number(digits[5])) {
      return notFound(`全国地方公共団体コード「${digits}」の検査数字（6桁目）が正しくありません（${digits.slice(0, 5)}${expected} ではありませんか）`);
    }
    return notFound(`全国地方公共団体コード「${digits}」の市区町村はありません`);
  }
  if (digits.length === 5) {
    const m = index.byCode5.get(digits);
    if (m) return { status: 'found', query, municipality: m };
    const ward = index.byWardCode5.get(digits);
    if (ward) return foundWard(query, ward);
    return notFound(`全国地方公共団体コード「${digits}」の市区町村はありません`);
  }
  return notFound(`全国地方公共団体コードは6桁（検査数字を除く5桁でも可）で入力してください（「${query}」は${digits.length}桁です）`);
}

const MAX_LISTED = 10;

function listNames(ms: Municipality[]): string {
  const shown = ms.slice(0, MAX_LISTED).map((m) => `${displayName(m)}（${m.lgCode}）`).join('、');
  return ms.length > MAX_LISTED ? `${shown} ほか${ms.length - MAX_LISTED}件` : shown;
}

/**
 * Finds a municipality by 全国地方公共団体コード (6 digits with its check digit, or the first 5) or by
 * name, with or without its prefecture (「北海道 伊達市」「北海道伊達市」「伊達市」), in kana
 * (「だてし」, 「だて」), without 市町村 (「伊達」), or a 政令市's ward (「大阪府大阪市北区」「名古屋市中区」, a ward's
 * code): a ward resolves to its city, whose class and eligibility it has, and is returned for display. A name that several municipalities share is ambiguous
 * and lists them all: the caller must never guess.
 */
export function resolveMunicipality(query: string, list: readonly Municipality[]): Resolution {
  const index = indexOf(list);
  const key = nameKey(query);
  const shown = query.trim();
  if (key === '') return { status: 'not_found', query, message_ja: '市区町村名または全国地方公共団体コードを入力してください', suggestions: [] };
  if (/^\d+$/.test(key)) return lookupCode(index, shown, key);

  let found = index.byName.get(key) ?? [];
  if (found.length === 0) {
    const ward = wardOf(index, key);
    if (ward) return foundWard(query, ward);
  }
  if (found.length === 0) {
    for (const [prefix, prefCode] of index.prefixes) {
      if (key.length > prefix.length && key.startsWith(prefix)) {
        const inPref = byNameIn(index, key.slice(prefix.length), prefCode);
        if (inPref.length) {
          found = inPref;
          break;
        }
      }
    }
  }
  if (found.length === 0) found = byNameIn(index, key);

  if (found.length === 1) return { status: 'found', query, municipality: found[0] };
  if (found.length > 1) {
    const candidates = [...found].sort((a, b) => a.lgCode.localeCompare(b.lgCode));
    return {
      status: 'ambiguous',
      query,
      candidates,
      message_ja: `「${shown}」に該当する市区町村が${candidates.length}件あります（${listNames(candidates)}）。都道府県名を付けるか、全国地方公共団体コードで指定してください`,
    };
  }
  const suggestions = suggest(index, key);
  const hint = suggestions.length ? `。候補：${listNames(suggestions)}` : '';
  return { status: 'not_found', query, suggestions, message_ja: `「${shown}」に該当する市区町村が見つかりません${hint}` };
}

function suggest(index: MunicipalityIndex, key: string): Municipality[] {
  const stem = stemOf(key);
  if (stem.length < 2) return [];
  const out: Municipality[] = [];
  for (const m of index.list) {
    const name = nameKey(m.name);
    if (name.includes(stem) || nameKey(displayName(m)).includes(stem)) out.push(m);
    if (out.length >= 5) break;
  }
  return out;
}
