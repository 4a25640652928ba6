import { Meilisearch, type Index, type SearchParams, type SearchResponse, type Settings } from 'meilisearch';
import type { SearchDocumentRow } from '../db/types/search';
import { escapeHtml, plainText } from './highlight';
import { DEFAULT_PER_PAGE, hitUrl, MAX_PER_PAGE, type FacetCount, type ListingKind, type SearchDocument, type SearchEngine, type SearchFilters, type SearchHit, type SearchQuery, type SearchResult } from './types';

export const MEILI_INDEX = 'listings';

/**
 * The search document as Meilisearch stores it: only published documents, keyed by `key`, the
 * municipality flags always present and timestamps as seconds so they sort.
 */
export type MeiliDocument = Omit<SearchDocument, 'status' | 'publishedAt' | 'updatedAt' | 'eligible1433' | 'eligible1375'> & {
  key: string;
  eligible1433: boolean | null;
  eligible1375: boolean | null;
  publishedAt: number | null;
  updatedAt: number;
};

export type DocumentSource = Pick<
  SearchDocumentRow,
  'kind' | 'id' | 'title' | 'body' | 'skills' | 'category' | 'types' | 'prefecture' | 'pref_code' | 'municipality' | 'lg_code' | 'remote_ok' | 'term_months' | 'published_at' | 'updated_at' | 'eligible_1433' | 'eligible_1375'
>;

/** Meilisearch ids allow only [A-Za-z0-9_-]; anything else in a listing id is hex-escaped. */
export const meiliKey = (kind: string, id: string) => `${kind}_${id.replace(/[^A-Za-z0-9_]/g, (c) => `-${c.codePointAt(0)!.toString(16)}-`)}`;

const time = (d: Date | string | null) => (d === null ? null : Math.floor(new Date(d).getTime() / 1000));

export function toMeiliDocument(row: DocumentSource): MeiliDocument {
  return {
    key: meiliKey(row.kind, row.id),
    id: row.id,
    kind: row.kind,
    title: row.title,
    // Markdown syntax would show in the cropped excerpt; the words are the same.
    body: plainText(row.body),
    skills: row.skills,
    category: row.category,
    types: row.types,
    prefecture: row.prefecture,
    prefCode: row.pref_code,
    municipality: row.municipality,
    lgCode: row.lg_code,
    remoteOk: row.remote_ok,
    termMonths: row.term_months,
    eligible1433: row.eligible_1433,
    eligible1375: row.eligible_1375,
    publishedAt: time(row.published_at),
    updatedAt: time(row.updated_at) ?? 0,
  };
}

/** Index settings, applied by code so every environment ranks the same way. */
export function meiliSettings(synonymGroups: string[][]): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const group of synonymGroups) {
    const terms = [...new Set(group.flatMap((t) => [t, t.normalize('NFKC')]))];
    for (const t of terms) synonyms[t] = [...new Set([...(synonyms[t] ?? []), ...terms.filter((o) => o !== t)])];
  }
  return {
    searchableAttributes: ['title', 'skills', 'category', 'municipality', 'prefecture', 'body'],
    filterableAttributes: ['kind', 'category', 'types', 'prefecture', 'prefCode', 'municipality', 'lgCode', 'remoteOk', 'termMonths', 'eligible1433', 'eligible1375'],
    sortableAttributes: ['publishedAt', 'updatedAt'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'publishedAt:desc'],
    synonyms,
    // Without this, kanji-only text may be detected as Chinese and segmented wrongly.
    localizedAttributes: [{ attributePatterns: ['title', 'body', 'skills', 'category', 'municipality', 'prefecture'], locales: ['jpn'] }],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ['category', 'prefecture', 'municipality'],
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 10_000 },
  };
}

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Our filters as Meilisearch filter expressions (each array entry is ANDed). */
export function meiliFilter(f: SearchFilters): string[] {
  const out: string[] = [];
  if (f.kind) out.push(`kind = ${quote(f.kind)}`);
  if (f.category) out.push(`category = ${quote(f.category)}`);
  if (f.types?.length) out.push(`types IN [${f.types.map(quote).join(', ')}]`);
  if (f.prefecture) out.push(`prefecture = ${quote(f.prefecture)}`);
  if (f.municipality) out.push(`municipality = ${quote(f.municipality)}`);
  if (f.remoteOk !== undefined) out.push(`remoteOk = ${f.remoteOk}`);
  if (f.termMonths?.min !== undefined) out.push(`termMonths >= ${Math.floor(f.termMonths.min)}`);
  if (f.termMonths?.max !== undefined) out.push(`termMonths <= ${Math.floor(f.termMonths.max)}`);
  if (f.eligibleFor) {
    out.push(`kind = ${quote('opening' satisfies ListingKind)}`);
    if (f.eligibleFor.companyClass === 'A') out.push('eligible1433 = true');
    else out.push('eligible1375 = true', `prefCode != ${quote(f.eligibleFor.prefCode)}`);
  }
  return out;
}

// Private-use sentinels: Meilisearch does not escape _formatted, so we mark, then escape, then replace.
const PRE = '\ue000';
const POST = '\ue001';

export function meiliSearchParams(query: SearchQuery): SearchParams {
  const perPage = Math.min(Math.max(1, query.perPage ?? DEFAULT_PER_PAGE), MAX_PER_PAGE);
  return {
    filter: meiliFilter(query.filters ?? {}),
    facets: ['category', 'types', 'prefecture'],
    page: Math.max(1, Math.floor(query.page ?? 1)),
    hitsPerPage: perPage,
    sort: query.sort === 'newest' || !query.q.trim() ? ['publishedAt:desc'] : undefined,
    attributesToHighlight: ['title'],
    attributesToCrop: ['body'],
    cropLength: 60,
    cropMarker: '…',
    highlightPreTag: PRE,
    highlightPostTag: POST,
    matchingStrategy: 'last',
    locales: ['jpn'],
  };
}

const marked = (s: string) => escapeHtml(s).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');

const facetList = (d: Record<string, number> | undefined): FacetCount[] =>
  Object.entries(d ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ja'));

export function fromMeiliResponse(res: SearchResponse<MeiliDocument>, query: SearchQuery): SearchResult {
  const hits: SearchHit[] = res.hits.map((h) => ({
    id: h.id,
    kind: h.kind,
    url: hitUrl(h.kind, h.id),
    title: h.title,
    titleHtml: marked(h._formatted?.title ?? h.title),
    snippetHtml: marked(h._formatted?.body ?? h.body.slice(0, 120)),
    category: h.category,
    types: h.types,
    skills: h.skills,
    prefecture: h.prefecture,
    municipality: h.municipality,
    remoteOk: h.remoteOk,
    termMonths: h.termMonths,
    publishedAt: h.publishedAt === null ? null : new Date(h.publishedAt * 1000).toISOString(),
  }));
  const fd = res.facetDistribution ?? {};
  return {
    hits,
    total: res.totalHits ?? hits.length,
    // page/hitsPerPage searches count exhaustively
    countsExact: true,
    facets: { category: facetList(fd.category), type: facetList(fd.types), prefecture: facetList(fd.prefecture) },
    page: res.page ?? query.page ?? 1,
    perPage: res.hitsPerPage ?? query.perPage ?? DEFAULT_PER_PAGE,
    engine: 'meilisearch',
    degraded: false,
    relaxed: false,
    expansions: [],
  };
}

/** The Meilisearch engine (MEILI_HOST). Writes go through the outbox worker, never from requests. */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly client: Meilisearch;
  readonly index: Index<MeiliDocument>;

  constructor(config: { host: string; apiKey?: string; indexUid?: string; timeoutMs?: number }) {
    this.client = new Meilisearch({ host: config.host, apiKey: config.apiKey, timeout: config.timeoutMs ?? 2000 });
    this.index = this.client.index<MeiliDocument>(config.indexUid ?? MEILI_INDEX);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    // Meilisearch tokenises Japanese itself; NFKC makes ＤＸ and DX one word for it as well.
    const q = query.q.normalize('NFKC').trim();
    const res = await this.index.search<MeiliDocument>(q, meiliSearchParams({ ...query, q }));
    return fromMeiliResponse(res as SearchResponse<MeiliDocument>, query);
  }

  async applySettings(synonymGroups: string[][]) {
    await this.client.createIndex(this.index.uid, { primaryKey: 'key' }).waitTask().catch(() => undefined);
    const task = await this.index.updateSettings(meiliSettings(synonymGroups)).waitTask();
    if (task.status !== 'succeeded') throw new Error(`meilisearch settings failed: ${task.error?.message ?? task.status}`);
  }

  /** Idempotent: documents replace their previous version by key; deletes of missing keys succeed. */
  async upsert(rows: DocumentSource[]) {
    if (!rows.length) return;
    const task = await this.index.addDocuments(rows.map(toMeiliDocument), { primaryKey: 'key' }).waitTask();
    if (task.status !== 'succeeded') throw new Error(`meilisearch indexing failed: ${task.error?.message ?? task.status}`);
  }

  async remove(keys: Array<{ kind: string; id: string }>) {
    if (!keys.length) return;
    const task = await this.index.deleteDocuments(keys.map((k) => meiliKey(k.kind, k.id))).waitTask();
    if (task.status !== 'succeeded') throw new Error(`meilisearch delete failed: ${task.error?.message ?? task.status}`);
  }

  async clear() {
    await this.index.deleteAllDocuments().waitTask();
  }
}


