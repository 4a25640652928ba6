import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import { MONITORING_MEASURE_COLUMNS, type MonitoringMeasureColumn } from '../types/monitoring';
import type { ListingKind } from '../../app/domain/vocabulary';
import { TIME_ZONE } from '../../app/utils/dates';

type Db = Kysely<Database> | Transaction<Database>;

/*
 * Refreshing the summary. Three steps in SQL, so the rows never travel to Node:
 *   af   one row per application with the stage it reached (from its events) and its dates;
 *   base the counts per record, grouped by (month, kind, prefecture, categories[], types[]);
 *   cube base exploded over every prefecture/category/type plus the "any" member '*'.
 */
const STAGE = `case %s when 'in_dialogue' then 1 when 'interview' then 2 when 'agreed' then 3 when 'preparing' then 4 when 'concluded' then 5 else 0 end`;
const stageOf = (col: string) => STAGE.replace('%s', col);
const JST = `'${TIME_ZONE}'`;
const monthOf = (col: string) => `to_char(${col} at time zone ${JST}, 'YYYY-MM')`;
const flag = (cond: string) => `(case when ${cond} then 1 else 0 end)`;

type Branch = { from: string; month: string; kind: string; pref: string; cats: string; types: string; measures: Partial<Record<MonitoringMeasureColumn, string>> };

function branchSql(b: Branch): string {
  const cols = MONITORING_MEASURE_COLUMNS.map((m) => `${b.measures[m] ?? '0'} as ${m}`).join(', ');
  return `select ${b.month} as month, ${b.kind} as kind, ${b.pref} as pref, ${b.cats} as cats, ${b.types} as types, ${cols} ${b.from}`;
}

const SORTED = (col: string) => `array(select distinct x from unnest(${col}) x order by 1)`;

/** An agreement's state for the summary: concluded, agreed (both parties approved the current version) or drafting. */
const AGREEMENT_STATE = `
  left join (
    select d.application_id,
           case when d.concluded_on is not null then 'concluded'
                when (select count(distinct p.organisation_id) from agreement_approvals p where p.draft_id = d.id and p.version = d.current_version) >= 2 then 'agreed'
                else 'drafting' end as ag_state
    from agreement_drafts d
  ) ag on ag.application_id = a.id`;

function refreshSql(hasAgreements: boolean, mode: 'cube' | 'records' | 'store' = 'cube'): string {
  const listing: Branch = {
    from: `from lf`,
    month: 'lf.month',
    kind: 'lf.kind',
    pref: 'lf.pref',
    cats: 'lf.cats',
    types: 'lf.types',
    measures: {
      listings: '1',
      st_draft: flag(`lf.status = 'draft'`),
      st_open: flag(`lf.status = 'published' and (lf.deadline is null or lf.deadline >= lf.today)`),
      st_expired: flag(`(lf.status = 'published' and lf.deadline < lf.today) or (lf.status = 'closed' and lf.close_reason = 'expired')`),
      st_filled: flag(`lf.status = 'closed' and lf.close_reason = 'filled'`),
      st_withdrawn: flag(`lf.status = 'closed' and lf.close_reason = 'withdrawn'`),
      published: flag('lf.published_at is not null'),
      fn_applied: flag('lf.published_at is not null and lf.stage is not null'),
      fn_dialogue: flag('lf.published_at is not null and lf.stage >= 1'),
      fn_agreed: flag('lf.published_at is not null and lf.stage >= 3'),
      fn_concluded: flag('lf.published_at is not null and lf.stage >= 5'),
      unanswered_30d: flag(
        `lf.published_at <= lf.now - interval '30 days' and (lf.closed_at is null or lf.closed_at >= lf.published_at + interval '30 days')` +
          ` and (lf.first_app_at is null or lf.first_app_at >= lf.published_at + interval '30 days')`,
      ),
    },
  };
  const application: Branch = {
    from: `from af`,
    month: monthOf('af.created_at'),
    kind: 'af.kind',
    pref: 'af.pref',
    cats: 'af.cats',
    types: 'array[af.program_type]',
    measures: {
      applications: '1',
      ap_applied: flag(`af.state = 'applied'`),
      ap_dialogue: flag(`af.state = 'in_dialogue'`),
      ap_interview: flag(`af.state = 'interview'`),
      ap_agreed: flag(`af.state = 'agreed'`),
      ap_preparing: flag(`af.state = 'preparing'`),
      ap_concluded: flag(`af.state = 'concluded'`),
      ap_withdrawn: flag(`af.state = 'withdrawn'`),
      ap_declined: flag(`af.state = 'declined'`),
      ap_reached_dialogue: flag('af.stage >= 1'),
      ap_reached_agreed: flag('af.stage >= 3'),
      ap_reached_concluded: flag('af.stage >= 5'),
      inquiries: flag('af.is_inquiry'),
      cv_total: flag('af.has_conversation'),
      cv_replied: flag('af.first_reply_at is not null'),
      ag_total: flag('af.ag_state is not null'),
      ag_drafting: flag(`af.ag_state = 'drafting'`),
      ag_agreed: flag(`af.ag_state = 'agreed'`),
      ag_concluded: flag(`af.ag_state = 'concluded'`),
    },
  };
  const agreedEvent: Branch = { ...application, from: 'from af where af.agreed_at is not null', month: monthOf('af.agreed_at'), measures: { ev_agreed: '1' } };
  const concludedEvent: Branch = { ...application, from: 'from af where af.concluded_at is not null', month: monthOf('af.concluded_at'), measures: { ev_concluded: '1' } };

  const sums = MONITORING_MEASURE_COLUMNS.map((m) => `sum(${m})`).join(', ');
  return `
with
af as (
  select a.id, a.listing_id, a.listing_kind as kind, a.program_type, a.state, a.is_inquiry, a.created_at, a.first_reply_at,
         greatest(${stageOf('a.state')}, coalesce(ev.stage, 0)) as stage, ev.agreed_at, ev.concluded_at,
         (c.id is not null) as has_conversation, lp.pref, lp.cats, ${hasAgreements ? 'ag.ag_state' : 'null::text as ag_state'}
  from applications a
  join lp on lp.id = a.listing_id
  left join (
    select application_id, max(${stageOf('to_state')}) as stage,
           min(created_at) filter (where to_state = 'agreed') as agreed_at,
           min(created_at) filter (where to_state = 'concluded') as concluded_at
    from application_events group by application_id
  ) ev on ev.application_id = a.id
  left join conversations c on c.application_id = a.id${hasAgreements ? AGREEMENT_STATE : ''}
),
la as (select listing_id, max(stage) as stage, min(created_at) as first_app_at from af group by listing_id),
lf as (
  select lp.*, la.stage, la.first_app_at from lp left join la on la.listing_id = lp.id
),${mode !== 'cube' ? `
u as (${[listing, application, agreedEvent, concludedEvent].map(branchSql).join('\n union all ')})
${mode === 'records' ? 'select * from u' : STORE_RECORDS}` : `
base as (
  select month, kind, pref, cats, types, ${MONITORING_MEASURE_COLUMNS.map((m) => `sum(${m}) as ${m}`).join(', ')}
  from (${[listing, application, agreedEvent, concludedEvent].map(branchSql).join('\n union all ')}) u
  group by month, kind, pref, cats, types
)
insert into monitoring_cube (month, kind, pref_code, category, type, ${MONITORING_MEASURE_COLUMNS.join(', ')})
select b.month, b.kind, p.p, c.c, t.t, ${sums}
from base b
cross join lateral unnest(array[b.pref, '*']) p(p)
cross join lateral unnest(b.cats || '{*}'::text[]) c(c)
cross join lateral unnest(b.types || '{*}'::text[]) t(t)
group by 1, 2, 3, 4, 5`}`;
}

/** Counts of people a record can count in (the summary's personal columns, and 返信待ち). */
const PERSONAL_COLUMNS = MONITORING_MEASURE_COLUMNS.filter((m) => /^(fn_|ap_|cv_|ag_|ev_)/.test(m) || m === 'applications' || m === 'inquiries');

/** The records grouped by their dimensions and the set of personal measures they count in. */
const STORE_RECORDS = `
insert into monitoring_records (month, kind, family, pref_code, cats, types, measures, n)
select month, kind, family, pref, cats, types, measures, count(*)::int
from (
  select month, kind, pref, cats, types,
         case when listings = 1 then 'listing' when applications = 1 then 'application' else 'event' end as family,
         array_remove(array[${PERSONAL_COLUMNS.map((m) => `case when ${m} > 0 then '${m}' end`).join(', ')},
                            case when cv_total > 0 and cv_replied = 0 then 'cv_unreplied' end], null) as measures
  from u
) r
where cardinality(measures) > 0
group by month, kind, family, pref, cats, types, measures`;

/** Listings with their dimensions; `lp` is shared by the cube and the durations. */
const LISTING_PARTS = (now: string) => `
lp as (
  select l.id, l.kind, l.status, l.close_reason, l.published_at, l.closed_at, l.deadline,
         ${monthOf('coalesce(l.published_at, l.created_at)')} as month,
         coalesce(nullif(trim(l.pref_code), ''), left(coalesce(l.lg_code, o.lg_code, o.head_office_lg_code), 2), '00') as pref,
         ${SORTED('l.categories')} as cats, ${SORTED('l.types')} as types,
         ${now}::timestamptz as now, (${now}::timestamptz at time zone ${JST})::date as today
  from listings l join organisations o on o.id = l.organisation_id
)`;

function durationsSql(store: 'summary' | 'records' = 'summary'): string {
  return `
with
af as (
  select a.created_at, a.first_reply_at, a.program_type, lp.pref, lp.cats,
         (select min(e.created_at) from application_events e where e.application_id = a.id and e.to_state = 'agreed') as agreed_at
  from applications a join lp on lp.id = a.listing_id
),
d as (
  select 'reply_hours' as metric, ${monthOf('created_at')} as month, pref, cats, program_type,
         floor(extract(epoch from (first_reply_at - created_at)) / 3600)::int as value
  from af where first_reply_at is not null and first_reply_at >= created_at
  union all
  select 'agreement_days', ${monthOf('created_at')}, pref, cats, program_type,
         floor(extract(epoch from (agreed_at - created_at)) / 86400)::int
  from af where agreed_at is not null and agreed_at >= created_at
)${store === 'records' ? `
insert into monitoring_records (month, kind, family, pref_code, cats, types, measures, n)
select month, '*', 'duration', pref, cats, array[program_type],
       array[case metric when 'reply_hours' then 'du_reply' else 'du_agreement' end], count(*)::int
from d group by 1, 2, 3, 4, 5, 6, 7` : `,
base as (select metric, month, pref, cats, program_type, value, count(*) as n from d group by 1, 2, 3, 4, 5, 6)
insert into monitoring_durations (metric, month, pref_code, category, type, value, n)
select b.metric, b.month, p.p, c.c, t.t, b.value, sum(b.n)
from base b
cross join lateral unnest(array[b.pref, '*']) p(p)
cross join lateral unnest(b.cats || '{*}'::text[]) c(c)
cross join lateral unnest(array[b.program_type, '*']) t(t)
group by 1, 2, 3, 4, 5, 6`}`;
}

/*
 * マッチング提案: one record per organisation and pairing it was shown (proposal_events), placed by
 * the month of its first event and the opening's prefecture, categories and types. Acted on: an
 * 'acted' event; applied: after that, an application or scout between the two sides.
 */
function proposalsSql(mode: 'records' | 'store'): string {
  return `
pe as (
  select e.opening_id, e.solution_id, e.organisation_id, min(e.created_at) as first_at,
         min(e.created_at) filter (where e.kind = 'shown') as shown_at,
         min(e.created_at) filter (where e.kind = 'acted') as acted_at
  from proposal_events e group by e.opening_id, e.solution_id, e.organisation_id
),
pr as (
  select ${monthOf('pe.first_at')} as month, lp.pref, lp.cats, lp.types,
         ${flag('pe.shown_at is not null')} as pr_shown,
         ${flag('pe.acted_at is not null')} as pr_acted,
         ${flag(`pe.acted_at is not null and exists (
           select 1 from applications a
           where a.created_at >= pe.acted_at
             and ((a.listing_id = pe.opening_id and a.applicant_organisation_id = s.organisation_id)
               or (a.listing_id = pe.solution_id and a.applicant_organisation_id = o.organisation_id)))`)} as pr_applied
  from pe
  join lp on lp.id = pe.opening_id
  join listings o on o.id = pe.opening_id
  join listings s on s.id = pe.solution_id
)
${
  mode === 'records'
    ? 'select * from pr'
    : `insert into monitoring_records (month, kind, family, pref_code, cats, types, measures, n)
select month, '*', 'proposal', pref, cats, types, measures, count(*)::int
from (
  select month, pref, cats, types,
         array_remove(array[case when pr_shown = 1 then 'pr_shown' end, case when pr_acted = 1 then 'pr_acted' end, case when pr_applied = 1 then 'pr_applied' end], null) as measures
  from pr
) r
where cardinality(measures) > 0
group by month, pref, cats, types, measures`
}`;
}

const hasTable = async (db: Db, name: string) => (await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db)).rows[0]?.t != null;

export interface RefreshResult {
  refreshedAt: Date;
  durationMs: number;
  listings: number;
  applications: number;
  cubeRows: number;
}

/**
 * Rebuilds the whole summary in one transaction. `now` fixes "today" for deadlines and the
 * 30-day rule, so a refresh is reproducible in tests.
 */
export async function refreshMonitoringSummary(db: Kysely<Database>, now: Date = new Date()): Promise<RefreshResult> {
  const started = performance.now();
  const nowParam = `'${now.toISOString()}'`;
  return db.transaction().execute(async (trx) => {
    // the agreements tables come from a later feature; without them the agreement counts stay 0
    const hasAgreements = (await sql<{ t: string | null }>`select to_regclass('agreement_drafts')::text as t`.execute(trx)).rows[0]?.t != null;
    await sql`delete from monitoring_cube`.execute(trx);
    await sql`delete from monitoring_durations`.execute(trx);
    const cube = await sql.raw(`with ${LISTING_PARTS(nowParam)}, ${refreshSql(hasAgreements).trim().slice('with'.length)}`).execute(trx);
    await sql.raw(`with ${LISTING_PARTS(nowParam)}, ${durationsSql().trim().slice('with'.length)}`).execute(trx);
    await sql`delete from monitoring_records`.execute(trx);
    await sql.raw(`with ${LISTING_PARTS(nowParam)}, ${refreshSql(hasAgreements, 'store').trim().slice('with'.length)}`).execute(trx);
    await sql.raw(`with ${LISTING_PARTS(nowParam)}, ${durationsSql('records').trim().slice('with'.length)}`).execute(trx);
    // the proposal events come from a later feature; without them the proposal counts stay 0
    const hasProposals = await hasTable(trx, 'proposal_events');
    if (hasProposals) await sql.raw(`with ${LISTING_PARTS(nowParam)}, ${proposalsSql('store')}`).execute(trx);
    const counts = await sql<{ listings: number; applications: number }>`
      select (select count(*) from listings)::int as listings, (select count(*) from applications)::int as applications`.execute(trx);
    const { listings, applications } = counts.rows[0]!;
    const durationMs = Math.round(performance.now() - started);
    await sql`
      insert into monitoring_refresh (id, refreshed_at, duration_ms, listings, applications, sources)
      values (1, ${now}, ${durationMs}, ${listings}, ${applications}, ${['listings', 'applications', 'application_events', 'conversations', ...(hasAgreements ? ['agreement_drafts', 'agreement_approvals'] : []), ...(hasProposals ? ['proposal_events'] : [])]})
      on conflict (id) do update set refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms,
        listings = excluded.listings, applications = excluded.applications, sources = excluded.sources`.execute(trx);
    return { refreshedAt: now, durationMs, listings, applications, cubeRows: Number(cube.numAffectedRows ?? 0) };
  });
}

export async function findRefreshInfo(db: Db) {
  return db.selectFrom('monitoring_refresh').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** One view of the summary: each dimension is fixed to a value or to '*'. */
export interface CubeSlice {
  from: string;
  to: string;
  category: string;
  type: string;
  pref: string;
}

export type CubeGroup = 'none' | 'month' | 'type' | 'category' | 'pref';
export type CubeSum = { key: string; kind: ListingKind } & Record<MonitoringMeasureColumn, number>;

const sumColumns = MONITORING_MEASURE_COLUMNS.map((m) => sql<number>`coalesce(sum(${sql.ref(m)}), 0)`.as(m));

/**
 * Sums of the summary for one slice, grouped by kind and at most one dimension. `members` lists
 * the values of the grouped dimension (never '*'), so each query reads one index range per value.
 */
export async function sumCube(db: Db, slice: CubeSlice, group: CubeGroup, members: readonly string[] = []): Promise<CubeSum[]> {
  const keyColumn = { none: null, month: 'month', type: 'type', category: 'category', pref: 'pref_code' } as const;
  const col = keyColumn[group];
  let q = db
    .selectFrom('monitoring_cube')
    .select('kind')
    .select(col ? sql<string>`${sql.ref(col)}`.as('key') : sql<string>`''`.as('key'))
    .select(sumColumns)
    .where('month', '>=', slice.from)
    .where('month', '<=', slice.to);
  q = group === 'category' ? q.where('category', 'in', members) : q.where('category', '=', slice.category);
  q = group === 'type' ? q.where('type', 'in', members) : q.where('type', '=', slice.type);
  q = group === 'pref' ? q.where('pref_code', 'in', members) : q.where('pref_code', '=', slice.pref);
  q = q.groupBy('kind');
  if (col) q = q.groupBy(col);
  return (await q.execute()) as CubeSum[];
}

export async function durationHistogram(db: Db, slice: CubeSlice) {
  return db
    .selectFrom('monitoring_durations')
    .select(['metric', 'value', sql<number>`sum(n)`.as('n')])
    .where('metric', 'in', ['reply_hours', 'agreement_days'])
    .where('category', '=', slice.category)
    .where('type', '=', slice.type)
    .where('pref_code', '=', slice.pref)
    .where('month', '>=', slice.from)
    .where('month', '<=', slice.to)
    .groupBy(['metric', 'value'])
    .orderBy('value')
    .execute();
}

/** The grouped records of a period behind every count of people (see monitoring_records). */
export async function recordsForPeriod(db: Db, from: string, to: string) {
  return db
    .selectFrom('monitoring_records')
    .select(['month', 'kind', 'family', 'pref_code', 'cats', 'types', 'measures', 'n'])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('month')
    .orderBy('family')
    .orderBy('kind')
    .orderBy('pref_code')
    .orderBy('cats')
    .orderBy('types')
    .orderBy('measures')
    .execute();
}

/**
 * The records the summary is built from, one row per listing, application and event with its
 * dimensions and a 0/1 per measure (the rows before they are summed), and the duration records.
 * For audits and tests of the summary and its suppression; never shown.
 */
export async function monitoringRecords(db: Kysely<Database>, now: Date) {
  const nowParam = `'${now.toISOString()}'`;
  const hasAgreements = (await sql<{ t: string | null }>`select to_regclass('agreement_drafts')::text as t`.execute(db)).rows[0]?.t != null;
  const rows = await sql.raw<{ month: string; kind: ListingKind; pref: string; cats: string[]; types: string[] } & Record<MonitoringMeasureColumn, number>>(
    `with ${LISTING_PARTS(nowParam)}, ${refreshSql(hasAgreements, 'records').trim().slice('with'.length)}`,
  ).execute(db);
  const durations = await sql.raw<{ metric: string; month: string; pref: string; cats: string[]; program_type: string }>(
    `with ${LISTING_PARTS(nowParam)}, ${durationsSql().trim().slice('with'.length).split('base as (')[0]!.trim().replace(/,$/, '')} select metric, month, pref, cats, program_type from d`,
  ).execute(db);
  const proposals = (await hasTable(db, 'proposal_events'))
    ? (await sql.raw<{ month: string; pref: string; cats: string[]; types: string[]; pr_shown: number; pr_acted: number; pr_applied: number }>(`with ${LISTING_PARTS(nowParam)}, ${proposalsSql('records')}`).execute(db)).rows
    : [];
  return { rows: rows.rows, durations: durations.rows, proposals };
}
