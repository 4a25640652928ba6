import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { enqueueMail, insertNotifications } from '../../db/queries/notifications';
import { claimSavedSearches, findAlertingSearches, setCheckedUntil } from '../../db/queries/saved-searches';
import type { SearchService } from '../../search/create-search';
import { hitUrl, MAX_PER_PAGE, type SearchHit } from '../../search/types';
import { composeDigest, HITS_PER_SECTION, isEmptyDigest, planDigests, searchHref, type DigestPlan, type DigestProposal, type DigestSection, type SavedSearchParams } from '../domain/alerts';
import { LISTING_KIND_LABELS } from '../domain/vocabulary';
import type { Config } from '../server/config';
import { proposalsForOrganisationId } from './proposals.server';
import { toQuery } from './search.server';
import { stateOf } from './saved-searches.server';

/*
 * The alert digests: new published listings matching a saved search, found through the same search
 * interface and analysis as /search, mailed through the notification outbox (one mail per user per
 * period) and listed in お知らせ. Safe with several processes: a search is claimed for a period by an
 * UPDATE that only one process can make (claimSavedSearches), and the outbox refuses a second mail
 * with the same key. A user's digest also carries the new proposals for the organisation's listings.
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

/** A proposal is announced when it fits at least this well (the fit score runs from 0 to 1). */
export const PROPOSAL_ALERT_MIN_SCORE = 0.5;
const PROPOSALS_PER_DIGEST = 5;

/**
 * New proposals for the recipient's organisation's listings: the pairings of 「あなたへの提案」 at or
 * above the threshold whose other listing was published in the period the digest covers.
 */
async function newProposals(db: Db, r: Recipient, since: Date, until: Date): Promise<DigestProposal[]> {
  const kind = r.organisationKind === 'municipality' ? 'opening' : r.organisationKind === 'company' || r.organisationKind === 'individual' ? 'solution' : null;
  if (!kind) return [];
  const found = await proposalsForOrganisationId(db, { organisationId: r.organisationId, kind, limit: 50 });
  return found
    .filter((p) => p.score >= PROPOSAL_ALERT_MIN_SCORE && p.listing.publishedAt && new Date(p.listing.publishedAt) > since && new Date(p.listing.publishedAt) <= until)
    .slice(0, PROPOSALS_PER_DIGEST)
    .map((p) => ({ title: p.listing.title, url: hitUrl(p.listing.kind, String(p.listing.id)), listingTitle: p.forListing.title, reasons: p.reasons }));
}

async function runPlan(s: AlertServices, plan: DigestPlan, recipient: Recipient, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() - SETTLE_MS);
  // The claim commits on its own: the searches below must not hold a transaction (PGlite has one connection).
  const claimed = await s.db.transaction().execute((trx) => claimSavedSearches(trx, plan.searches.map((d) => ({ id: d.id, period: d.period.key, frequency: d.period.frequency }))));
  if (claimed.length === 0) return false;
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
  const since = new Date(Math.min(...claimed.map((c) => new Date(c.checked_until).getTime())));
  const input = { recipientName: recipient.name, publicUrl: s.config.publicUrl, sections, proposals: await newProposals(s.db, recipient, since, until), unsubscribeUrl: unsubscribeUrl(s.config, plan.userId) };
  const advance = claimed.filter((c) => new Date(c.checked_until) < until).map((c) => c.id);
  if (isEmptyDigest(input)) {
    await setCheckedUntil(s.db, advance, until);
    return false;
  }
  const digest = composeDigest(input);
  const withHits = sections.filter((x) => x.hits.length);
  await s.db.transaction().execute(async (trx) => {
    await enqueueMail(trx, {
      user_id: plan.userId,
      kind: 'saved_search',
      to_email: recipient.email,
      subject: digest.subject,
      body: digest.body,
      dedupe_key: plan.dedupeKey,
      // RFC 8058 one-click unsubscribe: the mail client POSTs List-Unsubscribe=One-Click to the URL.
      headers: { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    await insertNotifications(trx, [
      { user_id: plan.userId, kind: 'saved_search', application_id: null, title: digest.title, body: digest.summary, url: withHits.length === 1 ? withHits[0].href : '/settings/searches' },
    ]);
    await setCheckedUntil(trx, advance, until);
  });
  return true;
}

/**
 * Works on every saved search whose period is due: at most one digest per user. Returns how many
 * digests were queued. Two processes running it at once queue each digest once.
 */
export async function runAlerts(s: AlertServices, now = new Date()): Promise<number> {
  const rows = await findAlertingSearches(s.db);
  const recipients = new Map<string, Recipient>(rows.map((r) => [r.user_id, { email: r.email, name: r.name, organisationId: r.organisation_id, organisationKind: r.organisation_kind }]));
  const plans = planDigests(
    rows.map((r) => ({ id: Number(r.id), userId: r.user_id, frequency: r.frequency, alertedPeriod: r.alerted_period })),
    now,
  );
  let queued = 0;
  for (const plan of plans) if (await runPlan(s, plan, recipients.get(plan.userId)!, now)) queued += 1;
  return queued;
}
