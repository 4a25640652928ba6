import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { enqueueMail, insertNotifications } from '../../db/queries/notifications';
import { claimProposalDigest, findDueProposalDigests, setProposalsCoveredUntil } from '../../db/queries/proposal-digests';
import { claimSavedSearches, findAlertingSearches, setCheckedUntil } from '../../db/queries/saved-searches';
import type { SearchService } from '../../search/create-search';
import { hitUrl, MAX_PER_PAGE, type SearchHit } from '../../search/types';
import {
  alertPeriod,
  composeDigest,
  HITS_PER_SECTION,
  isEmptyDigest,
  planDigests,
  PROPOSAL_ALERT_MIN_SCORE,
  searchHref,
  type DigestPlan,
  type DigestProposal,
  type DigestSection,
  type SavedSearchParams,
} from '../domain/alerts';
import { LISTING_KIND_LABELS } from '../domain/vocabulary';
import type { Config } from '../server/config';
import { preferencesOf } from './notifications.server';
import { proposalsForOrganisationId } from './proposals.server';
import { toQuery } from './search.server';
import { stateOf } from './saved-searches.server';

/*
 * The alert digests: new published listings matching a saved search, found through the same search
 * interface and analysis as /search, mailed through the notification outbox (one mail per user per
 * period) and listed in お知らせ. Safe with several processes: a search is claimed for a period by an
 * UPDATE that only one process can make (claimSavedSearches), and the outbox refuses a second mail
 * with the same key. The new マッチング提案 for the organisation's listings come in the same digest at
 * their own frequency (毎週 by default, for every owner of published listings, saved search or not);
 * their period is claimed in the same way (claimProposalDigest), in the same transaction.
 */

type Db = Kysely<Database>;
export type AlertServices = { db: Db; search: Pick<SearchService, 'search'>; config: Pick<Config, 'publicUrl' | 'sessionSecret'> };

// A listing published in a transaction that commits a moment later is still seen by the next run.
const SETTLE_MS = 30_000;
// Newest-first pages read per search and run; beyond them the digest says 「ほか n件」 only for what it saw.
const MAX_PAGES = 3;

// ——— the unsubscribe link (works without log-in) ———

const tokenMac = (secret: string, userId: string) => createHmac('sha256', secret).update(`alerts-unsubscribe\u0000${userId}`).digest('base64url');

/** `<user id>.<HMAC>`: unguessable without the server's secret, and valid until the secret changes. */
export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${tokenMac(secret, userId)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The user a token was made for, or null for a forged or damaged one. */
export function userOfUnsubscribeToken(secret: string, token: string): string | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const userId = token.slice(0, dot);
  if (!UUID.test(userId)) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(tokenMac(secret, userId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

export const unsubscribeUrl = (config: Pick<Config, 'publicUrl' | 'sessionSecret'>, userId: string) => `${config.publicUrl}/alerts/unsubscribe/${unsubscribeToken(config.sessionSecret, userId)}`;

// ——— one run ———

/** The listings of a saved search published after `since` and up to `until`, newest first. */
async function newListings(search: AlertServices['search'], params: SavedSearchParams, since: Date, until: Date): Promise<SearchHit[]> {
  const out: SearchHit[] = [];
  const query = toQuery({ ...stateOf(params), sort: 'newest' }, null, MAX_PER_PAGE);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await search.search({ ...query, page });
    let older = false;
    for (const hit of result.hits) {
      const at = hit.publishedAt ? new Date(hit.publishedAt) : null;
      if (!at || at <= since) older = true;
      else if (at <= until) out.push(hit);
    }
    if (older || result.hits.length < result.perPage) break;
  }
  return out;
}

const placeOf = (h: SearchHit) => [h.prefecture, h.municipality].filter(Boolean).join(' ');

type Recipient = { email: string; name: string; organisationId: string; organisationKind: string };

/** Listed proposals per digest; the rest are counted and reached through 「あなたへの提案」. */
const PROPOSALS_PER_DIGEST = 10;
/** New proposals read per digest (beyond them 「ほか n件」 counts only what was read). */
const PROPOSALS_READ = 100;

export { PROPOSAL_ALERT_MIN_SCORE };

/**
 * New proposals for the recipient's organisation's listings: the pairings of 「あなたへの提案」 at or
 * above the threshold that appeared in the period the digest covers (the other listing published,
 * or the pairing newly fitting well).
 */
async function newProposals(db: Db, r: Recipient, since: Date, until: Date): Promise<{ listed: DigestProposal[]; more: number }> {
  const kind = r.organisationKind === 'municipality' ? 'opening' : r.organisationKind === 'company' || r.organisationKind === 'individual' ? 'solution' : null;
  if (!kind) return { listed: [], more: 0 };
  const found = await proposalsForOrganisationId(db, { organisationId: r.organisationId, kind, limit: PROPOSALS_READ, appeared: { after: since, until, minScore: PROPOSAL_ALERT_MIN_SCORE } });
  return {
    listed: found.slice(0, PROPOSALS_PER_DIGEST).map((p) => ({ title: p.listing.title, url: hitUrl(p.listing.kind, String(p.listing.id)), listingTitle: p.forListing.title, reasons: p.reasons })),
    more: Math.max(0, found.length - PROPOSALS_PER_DIGEST),
  };
}

async function runPlan(s: AlertServices, plan: DigestPlan, recipient: Recipient, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() - SETTLE_MS);
  // The claims commit on their own: the searches below must not hold a transaction (PGlite has one
  // connection). Searches first, then the proposal digest: every process locks in the same order.
  const { claimed, proposalsFrom } = await s.db.transaction().execute(async (trx) => ({
    claimed: await claimSavedSearches(trx, plan.searches.map((d) => ({ id: d.id, period: d.period.key, frequency: d.period.frequency }))),
    proposalsFrom: plan.proposals
      ? await claimProposalDigest(trx, { userId: plan.userId, frequency: plan.proposals.frequency as 'daily' | 'weekly', period: plan.proposals.key, initialFrom: plan.proposals.start })
      : null,
  }));
  if (claimed.length === 0 && !proposalsFrom) return false;
  const sections: DigestSection[] = [];
  for (const c of claimed) {
    const since = new Date(c.checked_until);
    const hits = since < until ? await newListings(s.search, c.params as SavedSearchParams, since, until) : [];
    sections.push({
      name: c.name,
      href: searchHref(c.params as SavedSearchParams),
      hits: hits.slice(0, HITS_PER_SECTION).map((h) => ({ title: h.title, url: h.url, kindLabel: LISTING_KIND_LABELS[h.kind], place: placeOf(h) })),
      more: Math.max(0, hits.length - HITS_PER_SECTION),
    });
  }
  // The proposals come from the proposal digest alone (its own period and state), so a saved-search
  // digest of another frequency never repeats them; each channel follows the kind's switches.
  const pref = proposalsFrom ? (await preferencesOf(s.db, [plan.userId])).get(plan.userId)!.proposal : { inApp: false, email: false };
  const found = proposalsFrom && proposalsFrom < until && (pref.inApp || pref.email) ? await newProposals(s.db, recipient, proposalsFrom, until) : { listed: [], more: 0 };
  const base = { recipientName: recipient.name, publicUrl: s.config.publicUrl, sections, unsubscribeUrl: unsubscribeUrl(s.config, plan.userId) };
  const mailInput = { ...base, proposals: pref.email ? found.listed : [], proposalsMore: pref.email ? found.more : 0 };
  const noteInput = { ...base, proposals: pref.inApp ? found.listed : [], proposalsMore: pref.inApp ? found.more : 0 };
  const advance = claimed.filter((c) => new Date(c.checked_until) < until).map((c) => c.id);
  const advanceProposals = proposalsFrom !== null && proposalsFrom < until;
  const withHits = sections.filter((x) => x.hits.length);
  const kind = withHits.length ? 'saved_search' : 'proposal';
  const mail = isEmptyDigest(mailInput) ? null : composeDigest(mailInput);
  const note = isEmptyDigest(noteInput) ? null : composeDigest(noteInput);
  await s.db.transaction().execute(async (trx) => {
    if (mail) {
      await enqueueMail(trx, {
        user_id: plan.userId,
        kind,
        to_email: recipient.email,
        subject: mail.subject,
        body: mail.body,
        dedupe_key: plan.dedupeKey,
        // RFC 8058 one-click unsubscribe: the mail client POSTs List-Unsubscribe=One-Click to the URL.
        headers: { 'List-Unsubscribe': `<${base.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    }
    if (note) {
      const url = withHits.length === 1 ? withHits[0].href : withHits.length ? '/settings/searches' : '/proposals';
      await insertNotifications(trx, [{ user_id: plan.userId, kind, application_id: null, title: note.title, body: note.summary, url }]);
    }
    await setCheckedUntil(trx, advance, until);
    if (advanceProposals) await setProposalsCoveredUntil(trx, plan.userId, until);
  });
  return mail !== null;
}

const recipientOf = (r: { email: string; name: string; organisation_id: string; organisation_kind: string }): Recipient => ({
  email: r.email,
  name: r.name,
  organisationId: r.organisation_id,
  organisationKind: r.organisation_kind,
});

/**
 * Works on every saved search and proposal digest whose period is due: at most one digest per user.
 * Returns how many digest mails were queued. Two processes running it at once queue each digest once.
 */
export async function runAlerts(s: AlertServices, now = new Date()): Promise<number> {
  const rows = await findAlertingSearches(s.db);
  const owners = await findDueProposalDigests(s.db, { daily: alertPeriod('daily', now).key, weekly: alertPeriod('weekly', now).key });
  const recipients = new Map<string, Recipient>([...owners.map((r) => [r.user_id, recipientOf(r)] as const), ...rows.map((r) => [r.user_id, recipientOf(r)] as const)]);
  const plans = planDigests(
    rows.map((r) => ({ id: Number(r.id), userId: r.user_id, frequency: r.frequency, alertedPeriod: r.alerted_period })),
    now,
    owners.map((o) => ({ userId: o.user_id, frequency: o.frequency, alertedPeriod: o.alerted_period })),
  );
  let queued = 0;
  for (const plan of plans) if (await runPlan(s, plan, recipients.get(plan.userId)!, now)) queued += 1;
  return queued;
}
