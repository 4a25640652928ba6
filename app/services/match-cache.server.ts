import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findMatchListings, findMatchStamps, type MatchListingRow } from '../../db/queries/proposals';
import type { QueryDictionary } from '../../search/query';
import { analyseText, idfOf, vectorOf, type AnalysedText } from '../../search/match-text';
import type { Municipality } from '../domain/eligibility/types';
import { MatchIndex, type MatchListing, type SolutionParty } from '../domain/matching';
import type { ListingKind, ProgramType } from '../domain/vocabulary';

type Db = Kysely<Database>;

/**
 * Open listings as the matching engine sees them, analysed once per version and kept per
 * database handle and process: a refresh reads only the listings changed since (a listing's or its
 * organisation's updated_at), not every text again. The idf is computed over all kept listings
 * and recomputed, with every vector, when their number has changed by a tenth or after an hour;
 * in between, a changed listing is weighed with the idf in force. A new synonym dictionary
 * starts the cache afresh.
 */
export const IDF_DRIFT = 0.1;
export const IDF_MAX_AGE_MS = 60 * 60 * 1000;

type Entry = { stamp: string; row: MatchListingRow; analysed: AnalysedText; vector: Map<string, number> | null };
/** A candidate index over one kind's open listings, with the entry each listing was indexed from. */
type KeptIndex = { index: MatchIndex; indexed: Map<number, Entry>; byCode: ReadonlyMap<string, Municipality>; epoch: number };
type Cache = {
  dict: QueryDictionary;
  entries: Map<number, Entry>;
  idf: Map<string, number> | null;
  idfN: number;
  idfAt: number;
  /** moves on whenever every vector is recomputed (a new idf): a kept index is then built again */
  epoch: number;
  indexes: Map<ListingKind, KeptIndex>;
};

const caches = new WeakMap<Db, Cache>();

const stampOf = (r: { updated_at: Date | string; organisation_updated_at: Date | string }) => `${new Date(r.updated_at).getTime()}/${new Date(r.organisation_updated_at).getTime()}`;

const fieldsOf = (r: MatchListingRow) => ({
  title: r.title,
  skills: r.skills,
  summary: r.summary,
  duties: r.duties,
  body: r.kind === 'solution' ? `${r.body}\n${r.track_record}` : r.body,
});

function cacheFor(db: Db, dict: QueryDictionary): Cache {
  let c = caches.get(db);
  if (!c || c.dict !== dict) caches.set(db, (c = { dict, entries: new Map(), idf: null, idfN: 0, idfAt: 0, epoch: 0, indexes: new Map() }));
  return c;
}

/** Forgets everything kept for this database (tests that rewrite listings behind the services' back). */
export function forgetMatchCache(db: Db) {
  caches.delete(db);
}

function ensureVectors(c: Cache, now: number) {
  const n = c.entries.size;
  if (!c.idf || Math.abs(n - c.idfN) > IDF_DRIFT * Math.max(c.idfN, 1) || now - c.idfAt > IDF_MAX_AGE_MS) {
    c.idf = idfOf([...c.entries.values()].map((e) => e.analysed.tf));
    c.idfN = n;
    c.idfAt = now;
    c.epoch++;
    for (const e of c.entries.values()) e.vector = null;
  }
  const unknown = Math.log(1 + Math.max(1, c.idfN));
  for (const e of c.entries.values()) if (!e.vector) e.vector = vectorOf(e.analysed.tf, c.idf, unknown);
}

/**
 * The open listings of `kind` (all, or those of `ids`) as MatchListings. Listings of the kind
 * that are no longer open are dropped from the cache when the whole kind is read.
 */
type OpenArgs = { kind: ListingKind; today: string; ids?: number[]; dict: QueryDictionary; byCode: ReadonlyMap<string, Municipality> };

export async function openMatchListings(db: Db, args: OpenArgs): Promise<MatchListing[]> {
  const c = cacheFor(db, args.dict);
  const stamps = await syncEntries(db, c, args);
  return stamps.map((s) => toMatchListing(c.entries.get(s.id)!, args.byCode));
}

/**
 * The candidate index over every open listing of `kind`, kept per process: only the listings changed
 * since the last call (or opened, or closed) are put in again or taken out, so a refresh after one
 * write does not index all of the other kind anew. A new idf (or municipality reference) builds it again.
 */
export async function openMatchIndex(db: Db, args: Omit<OpenArgs, 'ids'>): Promise<MatchIndex> {
  const c = cacheFor(db, args.dict);
  const stamps = await syncEntries(db, c, args);
  let kept = c.indexes.get(args.kind);
  if (!kept || kept.epoch !== c.epoch || kept.byCode !== args.byCode) {
    const indexed = new Map(stamps.map((s) => [s.id, c.entries.get(s.id)!]));
    kept = { index: new MatchIndex([...indexed.values()].map((e) => toMatchListing(e, args.byCode))), indexed, byCode: args.byCode, epoch: c.epoch };
    c.indexes.set(args.kind, kept);
    return kept.index;
  }
  const open = new Set<number>();
  for (const s of stamps) {
    open.add(s.id);
    const e = c.entries.get(s.id)!;
    if (kept.indexed.get(s.id) === e) continue;
    kept.index.upsert(toMatchListing(e, args.byCode));
    kept.indexed.set(s.id, e);
  }
  for (const id of kept.indexed.keys()) {
    if (open.has(id)) continue;
    kept.index.remove(id);
    kept.indexed.delete(id);
  }
  return kept.index;
}

/** Reads what changed since the cache last saw these listings, analyses it, and returns the open ones' stamps. */
async function syncEntries(db: Db, c: Cache, args: OpenArgs) {
  const stamps = args.ids ? await findMatchListings(db, { kind: args.kind, today: args.today, ids: args.ids }) : await findMatchStamps(db, args);
  const changed = stamps.filter((s) => c.entries.get(s.id)?.stamp !== stampOf(s)).map((s) => s.id);
  const rows = args.ids ? (stamps as MatchListingRow[]).filter((r) => changed.includes(r.id)) : await findMatchListings(db, { kind: args.kind, today: args.today, ids: changed });
  for (const r of rows) c.entries.set(r.id, { stamp: stampOf(r), row: r, analysed: analyseText(fieldsOf(r), c.dict), vector: null });
  if (!args.ids) {
    const open = new Set(stamps.map((s) => s.id));
    for (const [id, e] of c.entries) if (e.row.kind === args.kind && !open.has(id)) c.entries.delete(id);
  }
  ensureVectors(c, Date.now());
  return stamps;
}

function toMatchListing(e: Entry, byCode: ReadonlyMap<string, Municipality>): MatchListing {
  const r = e.row;
  const hq = (r.head_office_lg_code && byCode.get(r.head_office_lg_code)) || null;
  const base: MatchListing = {
    id: r.id,
    kind: r.kind,
    title: r.title,
    categories: r.categories,
    types: r.types as ProgramType[],
    termMinMonths: r.term_min_months,
    termMaxMonths: r.term_max_months,
    startFrom: r.start_from,
    remoteOk: r.remote_ok,
    prefCode: r.pref_code,
    regionPrefCodes: r.region_pref_codes,
    regionAnywhere: r.region_anywhere,
    publishedAt: r.published_at ? new Date(r.published_at) : null,
    text: { ...e.analysed.text, vector: e.vector! },
  };
  if (r.kind === 'opening') return { ...base, municipality: (r.lg_code && byCode.get(r.lg_code)) || null };
  const party: SolutionParty = r.organisation_kind === 'company' ? { kind: 'company', hq } : { kind: 'individual', track: r.individual_track, employerHq: hq };
  return { ...base, party };
}
