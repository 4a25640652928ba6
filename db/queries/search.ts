import { sql, type Insertable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { ListingKind } from '../../app/domain/vocabulary';
import type { SearchDocumentRow, SearchDocumentTable } from '../types/search';

type Executor = Kysely<Database> | Transaction<Database>;

export async function upsertSearchDocument(db: Executor, row: Insertable<SearchDocumentTable>) {
  const { kind: _k, id: _i, ...rest } = row;
  await db
    .insertInto('search_documents')
    .values({ ...row, search_vector: sql`${row.search_vector}::tsvector`, head_vector: sql`${row.head_vector}::tsvector` } as never)
    .onConflict((oc) =>
      oc.columns(['kind', 'id']).doUpdateSet({
        ...rest,
        search_vector: sql`excluded.search_vector`,
        head_vector: sql`excluded.head_vector`,
        indexed_at: sql`now()`,
      } as never),
    )
    .execute();
}

export async function deleteSearchDocument(db: Executor, kind: string, id: string) {
  await db.deleteFrom('search_documents').where('kind', '=', kind as never).where('id', '=', id).execute();
}

/** One pending row per document: a newer change replaces the older one and resets its retries. */
export async function enqueueSearchOutbox(db: Executor, kind: ListingKind, id: string, op: 'upsert' | 'delete') {
  await db
    .insertInto('search_outbox')
    .values({ kind, id, op })
    .onConflict((oc) =>
      oc.columns(['kind', 'id']).doUpdateSet({
        op,
        generation: sql`search_outbox.generation + 1`,
        enqueued_at: sql`now()`,
        attempts: 0,
        next_attempt_at: sql`now()`,
        last_error: null,
      }),
    )
    .execute();
}

export function findEligibilityFlags(db: Executor, lgCode: string) {
  return db.selectFrom('municipalities').select(['eligible_1433', 'eligible_1375']).where('lg_code', '=', lgCode).executeTakeFirst();
}

/** Documents in key order, for rebuilding an external index page by page. */
export function listSearchDocuments(db: Executor, after: { kind: string; id: string } | undefined, limit: number) {
  let q = db
    .selectFrom('search_documents')
    .select(['kind', 'id', 'title', 'body', 'skills', 'category', 'types', 'prefecture', 'pref_code', 'municipality', 'lg_code', 'remote_ok', 'term_months', 'status', 'published_at', 'updated_at', 'eligible_1433', 'eligible_1375'])
    .orderBy('kind')
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where(sql<boolean>`(kind, id) > (${after.kind}, ${after.id})`);
  return q.execute();
}

export async function countPublishedDocuments(db: Executor): Promise<number> {
  const row = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow();
  return Number(row.n);
}

export function countSearchDocuments(db: Executor) {
  return db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- outbox

export function findDueOutbox(db: Executor, limit: number) {
  return db.selectFrom('search_outbox').selectAll().where('next_attempt_at', '<=', sql<Date>`now()`).orderBy('next_attempt_at').limit(limit).execute();
}

/** Clears a delivered change unless a newer one arrived meanwhile (its generation moved on). */
export async function deleteOutboxIfUnchanged(db: Executor, kind: string, id: string, generation: number) {
  await db.deleteFrom('search_outbox').where('kind', '=', kind as never).where('id', '=', id).where('generation', '=', generation).execute();
}

export async function postponeOutbox(db: Executor, kind: string, id: string, generation: number, delayMs: number, error: string) {
  await db
    .updateTable('search_outbox')
    .set({
      attempts: sql`attempts + 1`,
      next_attempt_at: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      last_error: error.slice(0, 500),
    })
    .where('kind', '=', kind as never)
    .where('id', '=', id)
    .where('generation', '=', generation)
    .execute();
}

export async function clearOutbox(db: Executor, before: Date) {
  await db.deleteFrom('search_outbox').where('enqueued_at', '<', before).execute();
}

// ---------------------------------------------------------------- dictionary

export function listSynonymGroups(db: Executor) {
  return db.selectFrom('search_synonyms').select(['id', 'terms', 'note']).orderBy('id').execute();
}

export async function insertSynonymGroup(db: Executor, terms: string[], note: string | null = null) {
  return db.insertInto('search_synonyms').values({ terms, note }).returning('id').executeTakeFirstOrThrow();
}

/** Audit-log target type of a synonym group; its newest entry says who changed the group last. */
export const SYNONYM_AUDIT_TARGET = 'search_synonym';

export type SynonymGroupListRow = { id: number; terms: string[]; note: string | null; updated_at: Date; updated_by: string | null };

/**
 * Synonym groups for the operators' page, most recently changed first, with the e-mail of whoever
 * changed each last (from the audit log; null for the groups the migration seeded). `q` matches
 * part of any term or of the note, ignoring Latin case.
 */
export function listSynonymGroupsForAdmin(db: Executor, q?: string): Promise<SynonymGroupListRow[]> {
  let query = db
    .selectFrom('search_synonyms as s')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('audit_log')
          .select('actor_email')
          .where('target_type', '=', SYNONYM_AUDIT_TARGET)
          .where(sql<boolean>`audit_log.target_id = s.id::text`)
          .orderBy('id', 'desc')
          .limit(1)
          .as('a'),
      (join) => join.onTrue(),
    )
    .select(['s.id', 's.terms', 's.note', 's.updated_at', 'a.actor_email as updated_by'])
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id', 'desc');
  if (q) {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb.exists(sql`(select 1 from unnest(s.terms) as t(term) where lower(t.term) like ${like})`),
        eb(sql`lower(coalesce(s.note, ''))`, 'like', like),
      ]),
    );
  }
  return query.execute();
}

export function findSynonymGroup(db: Executor, id: number) {
  return db.selectFrom('search_synonyms').select(['id', 'terms', 'note', 'updated_at']).where('id', '=', id).executeTakeFirst();
}

export async function updateSynonymGroup(db: Executor, id: number, terms: string[], note: string | null) {
  return db
    .updateTable('search_synonyms')
    .set({ terms, note, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning(['id', 'updated_at'])
    .executeTakeFirst();
}

export async function deleteSynonymGroup(db: Executor, id: number) {
  const r = await db.deleteFrom('search_synonyms').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Serialises writers of the synonym table for one transaction, so two groups never take the same term. */
export async function lockSynonymTable(trx: Transaction<Database>) {
  await sql`lock table search_synonyms in share row exclusive mode`.execute(trx);
}

export function listMunicipalityReadings(db: Executor) {
  return db.selectFrom('municipalities').select(['name', 'name_kana']).execute();
}

// ---------------------------------------------------------------- search

export type SqlFilters = {
  kind?: string;
  category?: string;
  types?: string[];
  prefecture?: string;
  municipality?: string;
  remoteOk?: boolean;
  termMin?: number;
  termMax?: number;
  eligibleFor?: { companyClass: 'A' | 'B'; prefCode: string };
};

function filterConditions(f: SqlFilters): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [sql`d.status = 'published'`];
  if (f.kind) c.push(sql`d.kind = ${f.kind}`);
  if (f.category) c.push(sql`d.category = ${f.category}`);
  if (f.types?.length) c.push(sql`d.types && ${f.types}::text[]`);
  if (f.prefecture) c.push(sql`d.prefecture = ${f.prefecture}`);
  if (f.municipality) c.push(sql`d.municipality = ${f.municipality}`);
  if (f.remoteOk !== undefined) c.push(sql`d.remote_ok = ${f.remoteOk}`);
  if (f.termMin !== undefined) c.push(sql`d.term_months >= ${f.termMin}`);
  if (f.termMax !== undefined) c.push(sql`d.term_months <= ${f.termMax}`);
  if (f.eligibleFor) {
    // The current municipality master decides, not the flags copied at indexing time.
    const rule =
      f.eligibleFor.companyClass === 'A'
        ? sql`m.eligible_1433`
        : sql`m.eligible_1375 and m.pref_code <> ${f.eligibleFor.prefCode}`;
    c.push(sql`d.kind = ${'opening' satisfies ListingKind} and exists (select 1 from municipalities m where m.lg_code = d.lg_code and ${rule})`);
  }
  return c;
}

export type RankPlan = {
  /** documents must match this tsquery text (undefined: every document) */
  match: string | undefined;
  /** the same condition as index lookups: every group needs one of its tsqueries to match */
  matchGroups: string[][];
  /** pre-ranking: documents whose title or skills match come first */
  head: string | undefined;
  /** the same as separate index lookups */
  headAlternatives: string[];
  /** a title/skills match is always a match (one word, or the relaxed plan) */
  headIsMatch: boolean;
  /** [tsquery, weight] pairs summed with ts_rank on the full vector */
  terms: Array<[string, number]>;
  /** [tsquery, bonus] pairs: a bonus for each concept the document covers */
  coverage: Array<[string, number]>;
};

// ts_rank's weights of D (body), C (category and place), B (skills) and A (title).
const BODY_WEIGHT = 0.1;
const WEIGHTS = sql.lit(`{${BODY_WEIGHT}, 0.3, 0.6, 1.0}`);
const HIT_COLUMNS = sql`d.kind, d.id, d.title, d.body, d.skills, d.category, d.types, d.prefecture, d.municipality, d.remote_ok, d.term_months, d.published_at`;

export type SearchHitRow = Pick<SearchDocumentRow, 'kind' | 'id' | 'title' | 'body' | 'skills' | 'category' | 'types' | 'prefecture' | 'municipality' | 'remote_ok' | 'term_months'> & {
  /** a string when it comes back through json_agg */
  published_at: Date | string | null;
};

const FACETS = sql`
    select 'total' as facet, null as value, count(*)::int as n from m
    union all select 'category', category, count(*)::int from m group by category
    union all select 'prefecture', prefecture, count(*)::int from m where prefecture is not null group by prefecture
    union all select 'type', v.t, v.n from (
      select count(*) filter (where 'dispatch' = any(types))::int as dispatch, count(*) filter (where 'side_job' = any(types))::int as side_job,
        count(*) filter (where 'senior' = any(types))::int as senior from m
    ) c cross join lateral (values ('dispatch', c.dispatch), ('side_job', c.side_job), ('senior', c.senior)) as v(t, n) where v.n > 0`;

export type FacetRow = { facet: 'category' | 'prefecture' | 'type' | 'total'; value: string | null; n: number };

export type PageOptions = {
  sort: 'relevance' | 'newest';
  limit: number;
  offset: number;
  /** how many pre-ranked candidates get the exact ranking when there are more than `rankAll` matches */
  pool: number;
  /** up to this many matches, every match is scored (no pre-ranking) */
  rankAll: number;
};

/** Every matching document: the filters plus one index lookup per alternative of each word. */
function whereOf(plan: RankPlan, filters: SqlFilters, extra: RawBuilder<unknown>[] = [], months?: string) {
  return sql.join([...filterConditions(filters), ...matchConditions(plan, months), ...extra], sql` and `);
}

/**
 * The same documents in a single tsquery: on a small index the planner reads one condition with the
 * text index where it would scan the table for several ORed ones (their cost looks alike to it).
 */
function whereOfCombined(plan: RankPlan, filters: SqlFilters) {
  return sql.join([...filterConditions(filters), ...(plan.match === undefined ? [] : [sql`d.search_vector @@ ${plan.match}::tsquery`])], sql` and `);
}

/**
 * One word: each alternative is its own index lookup (one tsquery ORing them all makes the GIN index
 * test every document holding any of their tokens). Several words: one tsquery, so the index
 * answers all of them at once and no row's vector is read to check the other words.
 */
function matchConditions(plan: RankPlan, months?: string): RawBuilder<unknown>[] {
  const within = (q: string) => sql`d.search_vector @@ ${months ? `(${q}) & ${months}` : q}::tsquery`;
  if (plan.match === undefined) return months ? [within(months)] : [];
  if (plan.matchGroups.length !== 1) return [within(plan.match)];
  return [sql`(${sql.join(plan.matchGroups[0].map(within), sql` or `)})`];
}

const isRanked = (plan: RankPlan, opts: PageOptions) => opts.sort === 'relevance' && plan.match !== undefined;
const headQuery = (plan: RankPlan) => sql`${plan.head ?? plan.match}::tsquery`;

/**
 * The exact ranking of a pool of candidates `(kind, id, published_at, search_vector)`: relevance on
 * the full vector, then freshness. The vector is detoasted once per candidate (every ts_rank and @@
 * on the column itself would fetch it from TOAST again), and only the page's own rows are joined
 * back for their display fields.
 */
function rankedPage(pool: RawBuilder<unknown>, plan: RankPlan, opts: PageOptions) {
  const score = sql.join(
    [
      ...plan.terms.map(([q, w]) => sql`${sql.lit(w)} * ts_rank(${WEIGHTS}, v.vector, ${q}::tsquery)`),
      ...plan.coverage.map(([q, w]) => sql`case when v.vector @@ ${q}::tsquery then ${sql.lit(w)} else 0 end`),
      sql`0`,
    ],
    sql` + `,
  );
  return sql`select ${HIT_COLUMNS}, s.score
    from (
      select p.kind, p.id, p.published_at, (${score})::float8 as score
      from (${pool}) p cross join lateral (select p.search_vector || ''::tsvector as vector offset 0) v
      order by score desc, p.published_at desc nulls last, p.kind, p.id limit ${opts.limit} offset ${opts.offset}
    ) s join search_documents d on d.kind = s.kind and d.id = s.id
    order by s.score desc, d.published_at desc nulls last, d.kind, d.id`;
}

/**
 * How much more than on the lead vector (the full vector without the body) `ts_rank` of `q` can give
 * on the full vector. A query with an OR at the top, or a single word, is ranked per word (PostgreSQL's
 * calc_rank_or): each word scores Σ wᵢ/i² over its positions in order, divided by 1.645 (≈ π²/6), and
 * averaged over the words. The body's positions come after all the others and weigh 0.1, so they add
 * at most 0.1 to any word and to the average. Any other query (AND, phrase) is ranked on pairs of
 * positions, 1 − Π(1 − wᵢ), which the body can push up to 1 whatever the rest gives.
 */
export function bodyRoom(q: string): { perWord: boolean; room: number } {
  let text = q.trim();
  // Parentheses around the whole query say nothing.
  while (text.startsWith('(') && closingParen(text, 0) === text.length - 1) text = text.slice(1, -1).trim();
  let depth = 0;
  let operator = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") i = closingQuote(text, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === '|') return { perWord: true, room: BODY_WEIGHT };
    else if (depth === 0 && (c === '&' || c === '<' || c === '!')) operator = true;
  }
  return operator ? { perWord: false, room: 1 } : { perWord: true, room: BODY_WEIGHT };
}

/** Index of the quote closing the quoted lexeme that opens at `at` ('' is a quote inside it), or the end. */
function closingQuote(text: string, at: number): number {
  let i = at + 1;
  for (; i < text.length; i++) {
    if (text[i] === "'" && text[i + 1] === "'") i++;
    else if (text[i] === "'") break;
  }
  return i;
}

/** Index of the parenthesis closing the one at `at` (quoted lexemes skipped), or -1. */
function closingParen(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === "'") i = closingQuote(text, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A lower and an upper bound of rankedPage's score, from the lead vector alone (`vector`: an
 * expression for it). The lower bound is the same score on the lead vector: words and positions only
 * add to a rank, and a query that matches the lead vector matches the full one. The upper bound adds
 * what the body can add to each rank (bodyRoom; no rank exceeds 1) and counts every coverage bonus.
 */
function scoreBounds(plan: RankPlan, vector: RawBuilder<unknown>) {
  const rank = (q: string) => sql`ts_rank(${WEIGHTS}, ${vector}, ${q}::tsquery)::float8`;
  const lower = sql.join(
    [
      ...plan.terms.map(([q, w]) => sql`${sql.lit(w)} * ${rank(q)}`),
      ...plan.coverage.map(([q, w]) => sql`case when ${vector} @@ ${q}::tsquery then ${sql.lit(w)} else 0 end`),
      sql`0`,
    ],
    sql` + `,
  );
  const upper = sql.join(
    [
      ...plan.terms.map(([q, w]) => {
        const { room } = bodyRoom(q);
        return room >= 1 ? sql`${sql.lit(w)}` : sql`${sql.lit(w)} * least(1, ${rank(q)} + ${sql.lit(room)})`;
      }),
      ...plan.coverage.map(([, w]) => sql`${sql.lit(w)}`),
      sql`0`,
    ],
    sql` + `,
  );
  return { lower: sql`(${lower})::float8`, upper: sql`(${upper})::float8` };
}

// Slack for the rounding of float4 ranks when a bound is compared with a score.
const BOUND_SLACK = 1e-5;

/**
 * One page of ranked hits plus the exact total and facet counts, in one round trip and one pass over
 * the matches. Up to `rankAll` matches, every one of them is scored; above, candidates are pre-ranked
 * (title or skills match first, then newest) and the first `pool` of them get the exact ranking.
 * For result sets of up to a few thousand documents.
 */
export async function searchPage(db: Executor, plan: RankPlan, filters: SqlFilters, opts: PageOptions): Promise<{ hits: SearchHitRow[]; facets: FacetRow[] }> {
  const row = (await searchPageQuery(plan, filters, opts).execute(db)).rows[0];
  return { hits: row?.hits ?? [], facets: row?.facets ?? [] };
}

/** The statement searchPage runs (tests read its plan). */
export function searchPageQuery(plan: RankPlan, filters: SqlFilters, opts: PageOptions) {
  const ranked = isRanked(plan, opts);
  // Every match is scored, but only a match whose upper bound reaches the page's cut-off (the lower
  // bound of the match that is last on the page when ordered by lower bounds) can be on the page: the
  // others never have their full vector read. Above `rankAll` matches: the pool, as before.
  const cutoff = sql`coalesce((select lower from m order by lower desc offset ${opts.offset + opts.limit - 1}::int limit 1), '-infinity'::float8)`;
  const hits = ranked
    ? rankedPage(
        sql`select kind, id, published_at, search_vector from m
          where (select count(*) from m) > ${opts.rankAll}::int or upper >= ${cutoff} - ${sql.lit(BOUND_SLACK)}
          order by hs desc, published_at desc, kind, id
          limit case when (select count(*) from m) <= ${opts.rankAll}::int then null else ${opts.pool}::int end`,
        plan,
        opts,
      )
    : sql`select ${HIT_COLUMNS}
        from (select kind, id from m order by published_at desc, updated_at desc, kind, id limit ${opts.limit} offset ${opts.offset}) p
        join search_documents d on d.kind = p.kind and d.id = p.id
        order by d.published_at desc, d.updated_at desc, d.kind, d.id`;
  const hs = ranked ? sql`(d.head_vector @@ ${headQuery(plan)})::int` : sql`0`;
  const bounds = ranked ? scoreBounds(plan, sql`l.vector`) : { lower: sql`0::float8`, upper: sql`0::float8` };
  return sql<{ hits: SearchHitRow[] | null; facets: FacetRow[] | null }>`
    with m as materialized (
      select d.kind, d.id, d.category, d.prefecture, d.types, d.published_at, d.updated_at, ${ranked ? sql`d.search_vector` : sql`null::tsvector`} as search_vector, ${hs} as hs,
        ${bounds.lower} as lower, ${bounds.upper} as upper
      from search_documents d cross join lateral (select ${ranked ? sql`d.lead_vector` : sql`null::tsvector`} as vector offset 0) l
      where ${whereOfCombined(plan, filters)}
    ),
    h as (${hits}),
    f as (${FACETS})
    select (select json_agg(h) from h) as hits, (select json_agg(f) from f) as facets`;
}

/**
 * Where a large result's first pages lie, as tsqueries over the month lexemes both vectors carry
 * (`('@2026-02' | '@2026-03' …)`); undefined: anywhere. See searchPageLarge.
 */
export type MonthWindows = {
  /** months that probably hold the pool's title/skills matches */
  head?: string;
  /** months that probably hold the newest matches of any kind */
  any?: string;
};

/**
 * The same page as searchPage, for result sets too large to count in full (counts: sampleFacets),
 * with the same pool: title/skills matches newest first, then the other matches. The month windows
 * (dated by the sample) are part of the text index lookups, so the older matches are never read and
 * the work follows the page, not the number of matches. A window that turns out too narrow (an
 * unlucky sample) is dropped and the page read again: the result is always exact.
 */
export async function searchPageLarge(db: Executor, plan: RankPlan, filters: SqlFilters, opts: PageOptions, windows: MonthWindows): Promise<SearchHitRow[]> {
  if (!isRanked(plan, opts)) {
    const page = (months: string | undefined) => sql<SearchHitRow>`select ${HIT_COLUMNS} from search_documents d where ${whereOf(plan, filters, [], months)}
      order by d.published_at desc, d.updated_at desc, d.kind, d.id limit ${opts.limit} offset ${opts.offset}`.execute(db);
    const rows = (await page(windows.any)).rows;
    return rows.length === opts.limit || !windows.any ? rows : (await page(undefined)).rows;
  }
  const head = plan.head ?? plan.match!;
  const page = (w: MonthWindows) => sql<SearchHitRow & { from_head: number; from_rest: number }>`
    with a as (
      select d.kind, d.id, d.published_at, d.search_vector from search_documents d
      where (${sql.join(plan.headAlternatives.map((q) => sql`d.head_vector @@ ${w.head ? `(${q}) & ${w.head}` : q}::tsquery`), sql` or `)})
        and ${plan.headIsMatch ? sql.join(filterConditions(filters), sql` and `) : whereOf(plan, filters)}
      order by d.published_at desc, d.kind, d.id limit ${opts.pool}
    ),
    b as (
      select d.kind, d.id, d.published_at, d.search_vector from search_documents d
      where not (d.head_vector @@ ${head}::tsquery) and ${whereOf(plan, filters, [], w.any)} and (select count(*) from a) < ${opts.pool}
      order by d.published_at desc, d.kind, d.id limit ${opts.pool}
    )
    select r.*, (select count(*) from a)::int as from_head, (select count(*) from b)::int as from_rest
    from (${rankedPage(sql`select * from a union all (select * from b) limit ${opts.pool}`, plan, opts)}) r`.execute(db);
  const strip = (rows: Array<SearchHitRow & { from_head: number; from_rest: number }>) => rows.map(({ from_head: _a, from_rest: _b, ...row }) => row);
  const first = (await page(windows)).rows;
  const got = first[0] ?? { from_head: 0, from_rest: 0 };
  // Exact when the pool filled up inside the head window, or when no window cut anything off.
  const headComplete = got.from_head >= opts.pool || !windows.head;
  const restComplete = got.from_head + got.from_rest >= opts.pool || !windows.any;
  if (headComplete && restComplete) return strip(first);
  return strip((await page({})).rows);
}

/**
 * Total and facet counts over the documents whose sample bucket (0–15, see the 0203 migration) is
 * below `buckets`, found through the sample's own text index without reading any other row. Also
 * how many sampled matches have the words in their title or skills, and the date windows of a
 * large result: the publication date of the `nth` newest sampled title/skills match and of the
 * `nth` newest sampled match (null when the sample holds fewer).
 */
export async function sampleFacets(db: Executor, plan: RankPlan, filters: SqlFilters, buckets: number, nth: number) {
  const head = plan.match === undefined ? sql`false` : sql`d.head_vector @@ ${headQuery(plan)}`;
  const result = await sql<{ facets: FacetRow[] | null; head: number; head_since: Date | string | null; any_since: Date | string | null }>`
    with m as materialized (
      select d.category, d.prefecture, d.types, d.published_at, ${head} as hm
      from search_documents d where ${whereOf(plan, filters, [sql`d.sample < ${sql.lit(buckets)}`])}
    ),
    f as (${FACETS})
    select (select json_agg(f) from f) as facets,
      (select count(*) from m where hm)::int as head,
      (select published_at from m where hm order by published_at desc offset ${nth - 1} limit 1) as head_since,
      (select published_at from m order by published_at desc offset ${nth - 1} limit 1) as any_since`.execute(db);
  const row = result.rows[0];
  const date = (v: Date | string | null | undefined) => (v ? new Date(v) : null);
  return { facets: row?.facets ?? [], headMatches: row?.head ?? 0, headSince: date(row?.head_since), anySince: date(row?.any_since) };
}

/** How many of the given documents match `match` (a tsquery text): e.g. the hits that have every word. */
export async function countMatchingKeys(db: Executor, keys: Array<{ kind: string; id: string }>, match: string) {
  if (!keys.length) return 0;
  const row = await sql<{ n: number }>`select count(*)::int as n from search_documents d
    where (d.kind, d.id) in (${sql.join(keys.map((k) => sql`(${k.kind}, ${k.id})`))}) and d.search_vector @@ ${match}::tsquery`.execute(db);
  return row.rows[0]?.n ?? 0;
}

export async function countMatches(db: Executor, plan: RankPlan, filters: SqlFilters, cap: number) {
  const row = await sql<{ n: number }>`select count(*)::int as n from (select 1 from search_documents d where ${whereOf(plan, filters)} limit ${cap}) x`.execute(db);
  return row.rows[0]?.n ?? 0;
}

/** Bulk load for benchmarks and rebuilds: rows with prebuilt vector literals, no outbox. */
export async function insertSearchDocuments(db: Executor, rows: Array<Insertable<SearchDocumentTable>>) {
  if (!rows.length) return;
  await db
    .insertInto('search_documents')
    .values(rows.map((r) => ({ ...r, search_vector: sql`${r.search_vector}::tsvector`, head_vector: sql`${r.head_vector}::tsvector` })) as never)
    .execute();
}

/** The naive baseline the benchmark compares with: ILIKE on every word, same filters, same facets. */
export async function naiveSearch(db: Executor, words: string[], filters: SqlFilters, limit: number) {
  const conds = [
    ...filterConditions(filters),
    ...words.map((w) => {
      const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return sql`(d.title ilike ${like} or d.body ilike ${like} or array_to_string(d.skills, ' ') ilike ${like})`;
    }),
  ];
  const where = sql.join(conds, sql` and `);
  const [hits, facets] = await Promise.all([
    sql`select ${HIT_COLUMNS} from search_documents d where ${where} order by d.published_at desc nulls last limit ${limit}`.execute(db),
    sql`with m as materialized (select d.category, d.prefecture, d.types from search_documents d where ${where}) ${FACETS}`.execute(db),
  ]);
  return { hits: hits.rows, facets: facets.rows };
}
