import { alertPeriod, isDue, type AlertPeriod } from './period';
import type { ActiveFrequency, AlertFrequency } from './frequency';
import { proposalPeriodKey, type ProposalDigestFrequency } from './proposal-digest';

/*
 * Which saved searches and proposal digests an alert run works on, grouped into one digest per user,
 * and the digest's text. One run makes at most one mail per user: the searches of every frequency
 * that is due now and, when its period is due, the new マッチング提案 in a section of the same mail.
 */

export type AlertSearch = { id: number; userId: string; frequency: AlertFrequency; alertedPeriod: string | null };

export type DueSearch = { id: number; period: AlertPeriod };

/** A user's proposal digest as the run sees it (no stored row: 毎週, never worked on). */
export type ProposalDigestState = { userId: string; frequency: ProposalDigestFrequency; alertedPeriod: string | null };

/** `proposals`: the period of the proposal digest when it is due in this run. */
export type DigestPlan = { userId: string; searches: DueSearch[]; proposals: AlertPeriod | null; periods: AlertPeriod[]; dedupeKey: string };

/**
 * The due searches (frequency not なし, period not yet worked on) and the due proposal digests, one
 * plan per user: users with searches first, in first-seen order, then those with proposals only.
 */
export function planDigests(searches: AlertSearch[], now: Date, proposalDigests: ProposalDigestState[] = []): DigestPlan[] {
  const byUser = new Map<string, DueSearch[]>();
  for (const s of searches) {
    if (s.frequency === 'none') continue;
    const frequency: ActiveFrequency = s.frequency;
    if (!isDue(frequency, s.alertedPeriod, now)) continue;
    const list = byUser.get(s.userId) ?? [];
    list.push({ id: s.id, period: alertPeriod(frequency, now) });
    byUser.set(s.userId, list);
  }
  const proposals = new Map<string, AlertPeriod>();
  for (const d of proposalDigests) {
    if (d.frequency === 'none' || !isDue(d.frequency, d.alertedPeriod, now)) continue;
    proposals.set(d.userId, alertPeriod(d.frequency, now));
    if (!byUser.has(d.userId)) byUser.set(d.userId, []);
  }
  return [...byUser].map(([userId, due]) => {
    const periods = [...new Map(due.map((d) => [d.period.key, d.period])).values()].sort((a, b) => a.key.localeCompare(b.key));
    const p = proposals.get(userId) ?? null;
    return { userId, searches: due, proposals: p, periods, dedupeKey: digestDedupeKey(userId, p ? [...periods, { key: proposalPeriodKey(p.key) }] : periods) };
  });
}

/** The outbox key of a user's digest for these periods: the same periods never give a second mail. */
export function digestDedupeKey(userId: string, periods: Pick<AlertPeriod, 'key'>[]): string {
  return `alerts:${userId}:${periods.map((p) => p.key).sort().join(',')}`;
}

export type DigestHit = { title: string; url: string; kindLabel: string; place: string };
export type DigestSection = { name: string; href: string; hits: DigestHit[]; more: number };
export type DigestProposal = { title: string; url: string; listingTitle: string; reasons: string[] };

export type DigestInput = {
  recipientName: string;
  publicUrl: string;
  sections: DigestSection[];
  proposals: DigestProposal[];
  /** new proposals beyond those listed (reached through 「あなたへの提案」) */
  proposalsMore?: number;
  unsubscribeUrl: string;
};

/** Listings shown per search in one mail; the rest are counted and reached through the search link. */
export const HITS_PER_SECTION = 10;

export const newCount = (input: Pick<DigestInput, 'sections'>) => input.sections.reduce((n, s) => n + s.hits.length + s.more, 0);

/** Nothing new: no mail and no お知らせ. */
export const isEmptyDigest = (input: Pick<DigestInput, 'sections' | 'proposals'>) => newCount(input) === 0 && input.proposals.length === 0;

const proposalCount = (input: Pick<DigestInput, 'proposals' | 'proposalsMore'>) => input.proposals.length + (input.proposalsMore ?? 0);

/** The mail's subject and text, and the お知らせ line. */
export function composeDigest(input: DigestInput): { subject: string; body: string; title: string; summary: string } {
  const listings = newCount(input);
  const proposals = proposalCount(input);
  const title = listings
    ? `保存した検索条件の新着の掲載${listings}件${proposals ? `・マッチング提案${proposals}件` : ''}`
    : `あなたの掲載へのマッチング提案${proposals}件`;
  const lines: string[] = [`${input.recipientName} 様`, '', `${title}をお知らせします。`, ''];
  for (const s of input.sections) {
    if (s.hits.length === 0) continue;
    lines.push(`■ ${s.name}（${s.hits.length + s.more}件）`);
    for (const h of s.hits) lines.push(`・[${h.kindLabel}] ${h.title}${h.place ? `（${h.place}）` : ''}`, `  ${input.publicUrl}${h.url}`);
    if (s.more) lines.push(`ほか${s.more}件`);
    lines.push(`この条件で検索する: ${input.publicUrl}${s.href}`, '');
  }
  if (input.proposals.length) {
    lines.push('■ マッチング提案');
    for (const p of input.proposals) {
      lines.push(`・${p.title}（${p.listingTitle}への提案）`, `  ${input.publicUrl}${p.url}`);
      if (p.reasons.length) lines.push(`  提案の理由: ${p.reasons.join('／')}`);
    }
    if (input.proposalsMore) lines.push(`ほか${input.proposalsMore}件`);
    lines.push(`あなたへの提案を見る: ${input.publicUrl}/proposals`, '');
  }
  if (listings) lines.push(`検索条件とお知らせの頻度の変更: ${input.publicUrl}/settings/searches`);
  if (input.proposals.length) lines.push(`マッチング提案のお知らせの頻度の変更: ${input.publicUrl}/settings/notifications`);
  lines.push(`このお知らせの配信停止（ログイン不要）: ${input.unsubscribeUrl}`, '');
  const summary = input.sections
    .filter((s) => s.hits.length)
    .map((s) => `${s.name}：${s.hits.length + s.more}件`)
    .concat(proposals ? [`マッチング提案：${proposals}件`] : [])
    .join('\n');
  return { subject: `【起業人マッチ】${title}`, body: lines.join('\n'), title, summary };
}
