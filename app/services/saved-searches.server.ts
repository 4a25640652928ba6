import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import {
  countActiveAlerts,
  deleteSavedSearch as deleteRow,
  findOwnSavedSearch,
  findSavedSearches,
  insertSavedSearch,
  turnOffAlerts,
  updateSavedSearch as updateRow,
} from '../../db/queries/saved-searches';
import { findProposalDigest, turnOffProposalDigest } from '../../db/queries/proposal-digests';
import { describeSearch, searchHref, type AlertFrequency, type SavedSearchParams } from '../domain/alerts';
import type { SessionUser } from '../domain/accounts/types';
import { ServiceError } from '../utils/errors';
import { audit } from './audit.server';
import type { SearchParamsState, Viewer } from './search.server';

type Db = Kysely<Database>;

const NOT_FOUND = '検索条件が見つかりません。';

/** The saved form of a /search page state; 「対象となる募集のみ」 becomes the reader's class and prefecture. */
export function savedParamsOf(state: SearchParamsState, viewer: Viewer): SavedSearchParams {
  const p: SavedSearchParams = { q: state.q, type: state.type };
  if (state.kind) p.kind = state.kind;
  if (state.category) p.category = state.category;
  if (state.pref) p.pref = state.pref;
  if (state.remote) p.remote = '1';
  if (state.termMin) p.termMin = state.termMin;
  if (state.termMax) p.termMax = state.termMax;
  if (state.sort) p.sort = state.sort;
  if (state.eligibleClass && state.eligiblePref) Object.assign(p, { eligibleClass: state.eligibleClass, eligiblePref: state.eligiblePref });
  else if (state.eligible && viewer) Object.assign(p, { eligibleClass: viewer.companyClass, eligiblePref: viewer.prefCode });
  return p;
}

/** A stored search's filters back as a page state (the alert run searches with it). */
export function stateOf(p: SavedSearchParams): SearchParamsState {
  return {
    q: p.q ?? '',
    kind: p.kind,
    category: p.category,
    type: p.type ?? [],
    pref: p.pref,
    remote: p.remote,
    termMin: p.termMin,
    termMax: p.termMax,
    sort: p.sort,
    page: undefined,
    eligible: undefined,
    eligibleClass: p.eligibleClass,
    eligiblePref: p.eligiblePref,
  };
}

export type SaveSearchInput = SavedSearchParams & { name: string; frequency: AlertFrequency };

export async function saveSearch(db: Db, user: SessionUser, input: SaveSearchInput, ip: string): Promise<number> {
  const { name, frequency, ...params } = input;
  const clean: SavedSearchParams = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as SavedSearchParams;
  clean.q ??= '';
  clean.type ??= [];
  return db.transaction().execute(async (trx) => {
    const { id } = await insertSavedSearch(trx, { user_id: user.id, name: name || describeSearch(clean), params: clean, frequency });
    await audit(trx, { actor: user, action: 'saved_search.create', targetType: 'saved_search', targetId: id, ip, details: { frequency } });
    return Number(id);
  });
}

export async function listSavedSearches(db: Db, user: SessionUser) {
  const rows = await findSavedSearches(db, user.id);
  return rows.map((r) => {
    const params = r.params as SavedSearchParams;
    return { id: Number(r.id), name: r.name, frequency: r.frequency, summary: describeSearch(params), href: searchHref(params), createdAt: new Date(r.created_at).toISOString() };
  });
}

export async function updateSavedSearch(db: Db, user: SessionUser, id: number, p: { name: string; frequency: AlertFrequency }, ip: string) {
  await db.transaction().execute(async (trx) => {
    const result = await updateRow(trx, user.id, id, p);
    if (Number(result.numUpdatedRows) === 0) throw new ServiceError(404, NOT_FOUND);
    await audit(trx, { actor: user, action: 'saved_search.update', targetType: 'saved_search', targetId: id, ip, details: { frequency: p.frequency } });
  });
}

export async function deleteSavedSearch(db: Db, user: SessionUser, id: number, ip: string) {
  await db.transaction().execute(async (trx) => {
    const result = await deleteRow(trx, user.id, id);
    if (Number(result.numDeletedRows) === 0) throw new ServiceError(404, NOT_FOUND);
    await audit(trx, { actor: user, action: 'saved_search.delete', targetType: 'saved_search', targetId: id, ip });
  });
}

export async function getOwnSavedSearch(db: Db, user: SessionUser, id: number) {
  const row = await findOwnSavedSearch(db, user.id, id);
  if (!row) throw new ServiceError(404, NOT_FOUND);
  return row;
}

export type ActiveAlerts = { searches: number; proposals: boolean };

/**
 * What the unsubscribe link would stop (the page says it): how many of the user's searches still send
 * alerts, and whether the マッチング提案 digest is on (毎週 unless the user chose otherwise).
 */
export async function activeAlertCount(db: Db, userId: string): Promise<ActiveAlerts> {
  const [searches, digest] = await Promise.all([countActiveAlerts(db, userId), findProposalDigest(db, userId)]);
  return { searches: searches.n, proposals: (digest?.frequency ?? 'weekly') !== 'none' };
}

/** The unsubscribe link: every alert of the user off (the searches kept) and the proposal digest off. Returns what was on. */
export async function unsubscribeAlerts(db: Db, userId: string, ip: string): Promise<ActiveAlerts> {
  return db.transaction().execute(async (trx) => {
    const result = await turnOffAlerts(trx, userId);
    const n = Number(result.numUpdatedRows);
    const proposals = await turnOffProposalDigest(trx, userId);
    if (n > 0 || proposals) await audit(trx, { actor: null, action: 'saved_search.unsubscribe', targetType: 'user', targetId: userId, ip, details: { searches: n, proposals } });
    return { searches: n, proposals };
  });
}
