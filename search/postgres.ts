import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { countMatches, countMatchingKeys, countPublishedDocuments, sampleFacets, searchPage, searchPageLarge, type FacetRow, type RankPlan, type SearchHitRow, type SqlFilters } from '../db/queries/search';
import { highlight, snippet } from './highlight';
import { suggestQuery } from './suggest';
import { monthsSinceQuery } from './text';
import { conceptQueries, parseQuery, type Concept, type QueryDictionary } from './query';
import { DEFAULT_PER_PAGE, hitUrl, MAX_PER_PAGE, type FacetCount, type SearchEngine, type SearchFilters, type SearchHit, type SearchQuery, type SearchResult } from './types';

// When fewer documents than this contain every word, documents with some of them are shown too.
const RELAX_BELOW = 10;
// Up to this many matches every one of them is scored. Above, the first pages come from a pool: the
// matches with the words in their title or skills, newest first, of which EXACT_POOL get the score.
export const RANK_ALL_LIMIT = 1000;
// How many of the cheaply ranked matches get the exact ranking when there are more.
const EXACT_POOL = 100;
// Documents carry a sample bucket 0–15; buckets below this one (1/8 of them) estimate the size of a
// result. The 0203 migration indexes exactly this sample (`sample < 2`).
const SAMPLE_BUCKETS = 2;
const BUCKETS = 16;
// Up to this many (estimated) matches every match is counted; above, counts are extrapolated from the sample.
export const EXACT_COUNT_LIMIT = 2000;
// How much wider than the sample suggests the date window of a large result is taken.
const WINDOW_MARGIN = 1.5;
// How long the count of published documents (small index: no sample) is trusted.
const SIZE_TTL_MS = 60_000;
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
    private readonly options: { exactCountLimit?: number; rankAllLimit?: number } = {},
  ) {}

  private size: { published: number; until: number } | undefined;

  /** Published documents in the index, counted at most once a minute. */
  private async publishedCount(): Promise<number> {
    const now = Date.now();
    if (!this.size || now >= this.size.until) this.size = { published: await countPublishedDocuments(this.db), until: now + SIZE_TTL_MS };
    return this.size.published;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const perPage = Math.min(Math.max(1, query.perPage ?? DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const filters = toSqlFilters(query.filters ?? {});
    const dict = await this.dictionary();
    const concepts = parseQuery(query.q ?? '', dict);
    const plans = buildPlans(concepts);
    const offset = (page - 1) * perPage;
    const rankAll = this.options.rankAllLimit ?? RANK_ALL_LIMIT;
    const opts = { sort: query.sort ?? 'relevance', limit: perPage, offset, pool: Math.max(EXACT_POOL, offset + perPage), rankAll } as const;
    // A common word matches a large share of the index: counting every match would cost more than the
    // rest of the search, so a fixed sample of the index tells first whether that is the case. The
    // sample also dates the first pages of a large result (the pool's newest title matches, with a margin).
    const scale = BUCKETS / SAMPLE_BUCKETS;
    const nth = Math.ceil(((opts.sort === 'relevance' ? opts.pool : offset + perPage) / scale) * WINDOW_MARGIN) + 2;
    const limit = this.options.exactCountLimit ?? EXACT_COUNT_LIMIT;
    // An index that small is always counted exactly: no sample to take.
    const small = (await this.publishedCount()) <= limit;
    let plan = plans.strict;
    let relaxed = false;
    let sample = small ? undefined : await sampleFacets(this.db, plan, filters, SAMPLE_BUCKETS, nth);
    // Enough sampled documents have every word: no need to count the others to know.
    const canRelax = plan.match !== undefined && plans.relaxed.match !== plan.match && (!sample || totalOf(sample.facets) < RELAX_BELOW);
    if (canRelax && (await countMatches(this.db, plan, filters, RELAX_BELOW)) < RELAX_BELOW) {
      plan = plans.relaxed;
      relaxed = true;
      if (sample) sample = await sampleFacets(this.db, plan, filters, SAMPLE_BUCKETS, nth);
    }
    const countsExact = !sample || totalOf(sample.facets) * scale <= limit;
    let rows: SearchHitRow[];
    let counted: { total: number; facets: SearchResult['facets'] };
    if (countsExact || !sample) {
      const exact = await searchPage(this.db, plan, filters, opts);
      rows = exact.hits;
      counted = countsOf(exact.facets, 1);
    } else if (opts.sort === 'relevance' && plan.match !== undefined && totalOf(sample.facets) * scale <= 2 * rankAll && (await countMatches(this.db, plan, filters, rankAll + 1)) <= rankAll) {
      // Few enough matches to score every one (the sample only said so roughly; the count decides).
      rows = (await searchPage(this.db, plan, filters, opts)).hits;
      counted = countsOf(sample.facets, scale);
    } else {
      const now = new Date();
      const months = (since: Date | null) => (since ? monthsSinceQuery(since, now) : undefined);
      rows = await searchPageLarge(this.db, plan, filters, opts, { head: months(sample.headSince), any: months(sample.anySince) });
      counted = countsOf(sample.facets, scale);
    }
    // The page says that some results lack a word only when one of those shown does.
    if (relaxed && (!rows.length || (await countMatchingKeys(this.db, rows, plans.strict.match!)) === rows.length)) relaxed = false;
    // 「もしかして」 when some word found nothing: a known term close to it that does find listings.
    let suggestion: string | undefined;
    if (counted.total === 0 || relaxed) {
      const alt = suggestQuery(query.q ?? '', dict);
      const altPlan = alt === undefined ? undefined : buildPlans(parseQuery(alt, dict)).strict;
      if (altPlan?.match !== undefined && (await countMatches(this.db, altPlan, filters, 1)) > 0) suggestion = alt;
    }
    const terms = highlightTerms(concepts);
    return {
      hits: rows.map((r) => toHit(r, terms)),
      total: counted.total,
      countsExact,
      facets: counted.facets,
      page,
      perPage,
      engine: 'postgres',
      degraded: false,
      relaxed,
      expansions: expansionsOf(concepts, dict),
      ...(suggestion === undefined ? {} : { suggestion }),
    };
  }
}

const totalOf = (rows: FacetRow[]) => rows.find((r) => r.facet === 'total')?.n ?? 0;

/** Facet rows as the result's counts, multiplied by `scale` when they come from a sample. */
export function countsOf(rows: FacetRow[], scale: number): { total: number; facets: SearchResult['facets'] } {
  const facets: SearchResult['facets'] = { category: [], type: [], prefecture: [] };
  let total = 0;
  for (const r of rows) {
    if (r.facet === 'total') total = r.n * scale;
    else if (r.value !== null) facets[r.facet].push({ value: r.value, count: r.n * scale });
  }
  for (const list of Object.values(facets) as FacetCount[][]) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ja'));
  return { total, facets };
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
    const none: RankPlan = { match: undefined, matchGroups: [], head: undefined, headAlternatives: [], headIsMatch: false, terms: [], coverage: [] };
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
  const anyGroup = [...new Set(qs.flatMap((q) => [...q.matchAny, ...q.anyPartAny]))];
  // Title and skills tokens are all in the full vector too: a title match of every word is a match.
  const headIsMatch = qs.length === 1 && qs[0].anyPartAny.length === 0;
  const head = { head: any, headAlternatives: anyGroup };
  return {
    strict: { match: all, matchGroups: qs.map((q) => q.matchAny), ...head, headIsMatch, terms, coverage },
    relaxed: { match: any, matchGroups: [anyGroup], ...head, headIsMatch: true, terms, coverage },
  };
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
    types: r.types,
    skills: r.skills,
    prefecture: r.prefecture,
    municipality: r.municipality,
    remoteOk: r.remote_ok,
    termMonths: r.term_months,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}
