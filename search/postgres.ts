import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { countMatches, searchPage, type RankPlan, type SearchHitRow, type SqlFilters } from '../db/queries/search';
import { highlight, snippet } from './highlight';
import { conceptQueries, parseQuery, type Concept, type QueryDictionary } from './query';
import { DEFAULT_PER_PAGE, hitUrl, MAX_PER_PAGE, type FacetCount, type ListingType, type SearchEngine, type SearchFilters, type SearchHit, type SearchQuery, type SearchResult } from './types';

// When fewer documents than this contain every word, documents with some of them are shown too.
const RELAX_BELOW = 10;
// How many of the cheaply ranked matches get the exact ranking.
const EXACT_POOL = 200;
const STRONG = 1.0;
const WEAK = 0.5;
const PART = 0.15;
const COVERAGE = 1.0;

/** The embedded engine: tokens from search/text.ts in weighted tsvectors with a GIN index. */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dictionary: () => Promise<QueryDictionary> | QueryDictionary,
  ) {}

  async search(query: SearchQuery): Promise<SearchResult> {
    const perPage = Math.min(Math.max(1, query.perPage ?? DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const filters = toSqlFilters(query.filters ?? {});
    const dict = await this.dictionary();
    const concepts = parseQuery(query.q ?? '', dict);
    const plans = buildPlans(concepts);
    let plan = plans.strict;
    let relaxed = false;
    if (plan.match && plans.relaxed.match !== plan.match && (await countMatches(this.db, plan.match, filters, RELAX_BELOW)) < RELAX_BELOW) {
      plan = plans.relaxed;
      relaxed = true;
    }
    const offset = (page - 1) * perPage;
    const { hits: rows, facets: facetRows } = await searchPage(this.db, plan, filters, {
      sort: query.sort ?? 'relevance',
      limit: perPage,
      offset,
      pool: Math.max(EXACT_POOL, offset + perPage),
    });
    const terms = highlightTerms(concepts);
    const facets: SearchResult['facets'] = { category: [], type: [], prefecture: [] };
    let total = 0;
    for (const r of facetRows) {
      if (r.facet === 'total') total = r.n;
      else if (r.value !== null) facets[r.facet].push({ value: r.value, count: r.n });
    }
    for (const list of Object.values(facets) as FacetCount[][]) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ja'));
    return {
      hits: rows.map((r) => toHit(r, terms)),
      total,
      facets,
      page,
      perPage,
      engine: 'postgres',
      degraded: false,
      relaxed,
      expansions: expansionsOf(concepts, dict),
    };
  }
}

export function toSqlFilters(f: SearchFilters): SqlFilters {
  return {
    kind: f.kind,
    category: f.category,
    types: f.types?.length ? f.types : undefined,
    prefecture: f.prefecture,
    municipality: f.municipality,
    remoteOk: f.remoteOk,
    termMin: f.termMonths?.min,
    termMax: f.termMonths?.max,
    eligibleFor: f.eligibleFor,
  };
}

/** The strict plan needs every concept; the relaxed one any concept or any word of a compound. */
export function buildPlans(concepts: Concept[]): { strict: RankPlan; relaxed: RankPlan } {
  const qs = concepts.map(conceptQueries).filter((q) => q.match);
  if (!qs.length) {
    const none: RankPlan = { match: undefined, head: undefined, terms: [], coverage: [] };
    return { strict: none, relaxed: none };
  }
  const terms: Array<[string, number]> = [];
  const coverage: Array<[string, number]> = [];
  for (const q of qs) {
    if (q.strong) terms.push([q.strong, STRONG]);
    if (q.weak) terms.push([q.weak, WEAK]);
    if (q.rankAny) terms.push([q.rankAny, PART]);
    if (qs.length > 1) coverage.push([q.match!, COVERAGE]);
  }
  const any = [...new Set(qs.flatMap((q) => [q.match!, ...(q.anyPart ? [q.anyPart] : [])]))].map((q) => `(${q})`).join(' | ');
  const all = qs.map((q) => `(${q.match})`).join(' & ');
  return { strict: { match: all, head: any, terms, coverage }, relaxed: { match: any, head: any, terms, coverage } };
}

function highlightTerms(concepts: Concept[]): string[] {
  const out = new Set<string>();
  for (const c of concepts) {
    for (const s of c.strong) out.add(s);
    for (const p of c.parts) if (p.length >= 2 || /[\u4e00-\u9fff]/.test(p)) out.add(p);
  }
  // Longer terms first, so a compound is marked whole rather than as its first word.
  return [...out].sort((a, b) => b.length - a.length);
}

function expansionsOf(concepts: Concept[], dict: QueryDictionary): string[] {
  // Whole-word synonyms and readings only; a compound rewritten inside is shown as the user typed it.
  return [...new Set(concepts.flatMap((c) => c.strong.filter((s) => s !== c.text && dict.display.has(s)).map((s) => dict.display.get(s)!)))];
}

export function toHit(r: SearchHitRow, terms: string[]): SearchHit {
  return {
    id: r.id,
    kind: r.kind,
    url: hitUrl(r.kind, r.id),
    title: r.title,
    titleHtml: highlight(r.title, terms),
    snippetHtml: snippet(r.body, terms),
    category: r.category,
    types: r.types as ListingType[],
    skills: r.skills,
    prefecture: r.prefecture,
    municipality: r.municipality,
    remoteOk: r.remote_ok,
    termMonths: r.term_months,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}
