import { formatNumber } from '../../utils/dates';
import type { Municipality } from './types';

const formatted = new Map<number, string>();

/** 1433 → 「1,433」; memoised because every check formats the same few list sizes. */
export function formatCount(n: number): string {
  let text = formatted.get(n);
  if (text === undefined) {
    text = formatNumber(n);
    formatted.set(n, text);
  }
  return text;
}

/** 「北海道伊達市」: the prefecture makes a name unique (a bare 伊達市 is not). */
export function displayName(m: Pick<Municipality, 'prefName' | 'name'>): string {
  return `${m.prefName}${m.name}`;
}

const METRO_LABELS: Record<string, string> = { tokyo: '東京圏', nagoya: '名古屋圏', kansai: '関西圏' };
const METRO_BY_PREF: Record<string, string> = {
  '11': 'tokyo', '12': 'tokyo', '13': 'tokyo', '14': 'tokyo',
  '21': 'nagoya', '23': 'nagoya', '24': 'nagoya',
  '26': 'kansai', '27': 'kansai', '28': 'kansai', '29': 'kansai',
};

export function metroLabel(m: Pick<Municipality, 'prefCode' | 'metroArea'>): string {
  return METRO_LABELS[m.metroArea ?? METRO_BY_PREF[m.prefCode] ?? ''] ?? '三大都市圏';
}

/** 政令市・中核市・県庁所在市 that a municipality is, e.g. 「政令市・県庁所在市」; '' when none. */
export function cityKinds(m: Pick<Municipality, 'seirei' | 'chukaku' | 'kencho'>): string {
  const kinds: string[] = [];
  if (m.seirei) kinds.push('政令市');
  if (m.chukaku) kinds.push('中核市');
  if (m.kencho) kinds.push('県庁所在市');
  return kinds.join('・');
}

/** Labels of the eligibility_basis codes (db/data/SOURCES.md). */
export const BASIS_LABELS: Record<string, string> = {
  outside_metro: '三大都市圏外の市町村',
  joken_furi_full: '三大都市圏内で全域が条件不利地域',
  joken_furi_partial: '三大都市圏内で一部に条件不利地域を有する',
  kaso_full: '過疎地域（全部）',
  kaso_partial: '過疎地域（一部）',
  kaso_deemed: '過疎地域（みなし）',
  jinko_genshou: '三大都市圏内で人口減少率が高い市町村',
  teijuu: '三大都市圏内で定住自立圏に取り組む市町村',
  metro_no_basis: '三大都市圏内で条件不利地域・定住自立圏・人口減少率の高い市町村のいずれにも該当しない',
};

export function basisText(m: Pick<Municipality, 'eligibilityBasis'>): string {
  return m.eligibilityBasis.map((c) => BASIS_LABELS[c] ?? c).join('、');
}
