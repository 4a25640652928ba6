import { z } from 'zod';
import { LISTING_KINDS, PROGRAM_TYPES } from '../domain/vocabulary';
import { type SearchEngine, type SearchFilters, type SearchQuery, type SearchResult } from '../../search/types';
import type { SessionUser } from './auth.server';

export type { SearchResult, SearchHit, FacetCount } from '../../search/types';

const PER_PAGE = 20;
const text = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));
const int = z.coerce.number().int().min(1).max(120).optional().catch(undefined);

/** The page state lives in the URL (shareable, back button works); unknown or bad values are ignored. */
const ParamsSchema = z.object({
  q: z.string().max(200).optional().default('').catch(''),
  // `need` was the openings' name in search URLs before; links shared with it keep working.
  kind: z.preprocess((v) => (v === 'need' ? 'opening' : v), z.enum(LISTING_KINDS).optional()).catch(undefined),
  category: text(100).catch(undefined),
  type: z.array(z.enum(PROGRAM_TYPES)).catch([]),
  pref: text(10).catch(undefined),
  remote: z.literal('1').optional().catch(undefined),
  termMin: int,
  termMax: int,
  sort: z.enum(['relevance', 'newest']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
  eligible: z.literal('1').optional().catch(undefined),
  eligibleClass: z.enum(['A', 'B']).optional().catch(undefined),
  eligiblePref: z.string().regex(/^\d{2}$/).optional().catch(undefined),
});
export type SearchParamsState = z.infer<typeof ParamsSchema>;

export function parseSearchParams(params: URLSearchParams): SearchParamsState {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ParamsSchema.shape)) {
    if (key === 'type') raw.type = params.getAll('type');
    else if (params.get(key) !== null && params.get(key) !== '') raw[key] = params.get(key);
  }
  return ParamsSchema.parse(raw);
}

export type Viewer = { companyClass: 'A' | 'B'; prefCode: string } | null;

/** The signed-in organisation's class and head-office prefecture, when it can send a 起業人. */
export function eligibilityViewer(user: SessionUser | null): Viewer {
  const org = user?.organisation;
  const cls = org?.companyClass;
  const hq = org?.headOfficeLgCode ?? user?.employment?.employerHeadOfficeLgCode ?? null;
  if ((cls === 'A' || cls === 'B') && hq) return { companyClass: cls, prefCode: hq.slice(0, 2) };
  return null;
}

/** The engine's query for a page state (also what a saved search's alert runs). */
export function toQuery(s: SearchParamsState, viewer: Viewer, perPage = PER_PAGE): SearchQuery {
  const filters: SearchFilters = {
    kind: s.kind,
    category: s.category,
    types: s.type.length ? s.type : undefined,
    prefecture: s.pref,
    remoteOk: s.remote ? true : undefined,
    termMonths: s.termMin || s.termMax ? { min: s.termMin, max: s.termMax } : undefined,
  };
  if (s.eligibleClass && s.eligiblePref) filters.eligibleFor = { companyClass: s.eligibleClass, prefCode: s.eligiblePref };
  else if (s.eligible && viewer) filters.eligibleFor = viewer;
  return { q: s.q, filters, sort: s.sort, page: s.page ?? 1, perPage };
}

/** A filter whose removal would find listings, for an empty result. */
export type Relaxation = { key: FilterKey; label: string; total: number };

/** Runs the search the page state asks for, plus help for an empty result (filters to drop). */
export async function searchListings(search: Pick<SearchEngine, 'search'>, input: { state: SearchParamsState; viewer: Viewer }) {
  const { state, viewer } = input;
  const result: SearchResult = await search.search(toQuery(state, viewer));
  const relaxations: Relaxation[] = [];
  if (result.total === 0 && (state.q || hasFilters(state))) {
    for (const [key, label] of FILTER_LABELS) {
      if (!hasValue(state[key])) continue;
      const without: SearchParamsState = { ...state, [key]: key === 'type' ? [] : undefined, page: undefined };
      if (key === 'eligible') Object.assign(without, { eligibleClass: undefined, eligiblePref: undefined });
      const relaxed = await search.search({ ...toQuery(without, viewer, 1), page: 1 });
      if (relaxed.total > 0) relaxations.push({ key, label, total: relaxed.total });
    }
  }
  return { state, result, relaxations, canFilterEligible: viewer !== null };
}

type FilterKey = 'kind' | 'category' | 'type' | 'pref' | 'remote' | 'termMin' | 'termMax' | 'eligible';
const FILTER_LABELS: Array<[FilterKey, string]> = [
  ['kind', '種類'],
  ['category', '活動分野'],
  ['type', '類型'],
  ['pref', '都道府県'],
  ['remote', 'リモート可'],
  ['termMin', '期間（下限）'],
  ['termMax', '期間（上限）'],
  ['eligible', '対象となる募集のみ'],
];
const hasValue = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '');
const hasFilters = (s: SearchParamsState) => FILTER_LABELS.some(([k]) => hasValue(s[k]));
