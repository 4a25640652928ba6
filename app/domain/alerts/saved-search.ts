import { LISTING_KIND_LABELS, PROGRAM_TYPE_LABELS, type ListingKind, type ProgramType } from '../vocabulary';

/**
 * The filters of a saved search: the /search URL's state without the page. 「対象となる募集のみ」 is kept
 * as the class and prefecture it stood for when saved (eligibleClass/eligiblePref), so the alert run,
 * which has no signed-in reader, searches exactly what the page showed.
 */
export type SavedSearchParams = {
  q: string;
  kind?: ListingKind;
  category?: string;
  type: ProgramType[];
  pref?: string;
  remote?: '1';
  termMin?: number;
  termMax?: number;
  sort?: 'relevance' | 'newest';
  eligibleClass?: 'A' | 'B';
  eligiblePref?: string;
};

export const SAVED_SEARCH_NAME_MAX = 60;

/** A readable summary of the conditions, the default name: 「観光」・起業人募集・島根県・企業派遣型・リモート可. */
export function describeSearch(p: SavedSearchParams): string {
  const parts: string[] = [];
  if (p.q.trim()) parts.push(`「${p.q.trim()}」`);
  if (p.kind) parts.push(LISTING_KIND_LABELS[p.kind]);
  if (p.category) parts.push(p.category);
  if (p.type.length) parts.push(p.type.map((t) => PROGRAM_TYPE_LABELS[t]).join('・'));
  if (p.pref) parts.push(p.pref);
  if (p.remote) parts.push('リモート可');
  if (p.termMin && p.termMax) parts.push(`期間${p.termMin}〜${p.termMax}か月`);
  else if (p.termMin) parts.push(`期間${p.termMin}か月以上`);
  else if (p.termMax) parts.push(`期間${p.termMax}か月以下`);
  if (p.eligibleClass) parts.push('対象となる募集のみ');
  const text = parts.length ? parts.join('・') : 'すべての募集・ソリューション';
  return text.length > SAVED_SEARCH_NAME_MAX ? `${text.slice(0, SAVED_SEARCH_NAME_MAX - 1)}…` : text;
}

/** The /search URL that runs the saved search again. */
export function searchHref(p: SavedSearchParams): string {
  const q = new URLSearchParams();
  if (p.q) q.set('q', p.q);
  if (p.kind) q.set('kind', p.kind);
  if (p.category) q.set('category', p.category);
  for (const t of p.type) q.append('type', t);
  if (p.pref) q.set('pref', p.pref);
  if (p.remote) q.set('remote', '1');
  if (p.termMin) q.set('termMin', String(p.termMin));
  if (p.termMax) q.set('termMax', String(p.termMax));
  if (p.sort) q.set('sort', p.sort);
  if (p.eligibleClass && p.eligiblePref) {
    q.set('eligibleClass', p.eligibleClass);
    q.set('eligiblePref', p.eligiblePref);
  }
  const s = q.toString();
  return s ? `/search?${s}` : '/search';
}
