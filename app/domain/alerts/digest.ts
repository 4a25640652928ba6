import { alertPeriod, isDue, type AlertPeriod } from './period';
import type { ActiveFrequency, AlertFrequency } from './frequency';

/*
 * Which saved searches an alert run works on, grouped into one digest per user, and the digest's
 * text. One run makes at most one mail per user: the searches of every frequency that is due now.
 */

export type AlertSearch = { id: number; userId: string; frequency: AlertFrequency; alertedPeriod: string | null };

export type DueSearch = { id: number; period: AlertPeriod };

export type DigestPlan = { userId: string; searches: DueSearch[]; periods: AlertPeriod[]; dedupeKey: string };

/** The due searches (frequency not なし, period not yet worked on), one plan per user, users in first-seen order. */
export function planDigests(searches: AlertSearch[], now: Date): DigestPlan[] {
  const byUser = new Map<string, DueSearch[]>();
  for (const s of searches) {
    if (s.frequency === 'none') continue;
    const frequency: ActiveFrequency = s.frequency;
    if (!isDue(frequency, s.alertedPeriod, now)) continue;
    const list = byUser.get(s.userId) ?? [];
    list.push({ id: s.id, period: alertPeriod(frequency, now) });
    byUser.set(s.userId, list);
  }
  return [...byUser].map(([userId, due]) => {
    const periods = [...new Map(due.map((d) => [d.period.key, d.period])).values()].sort((a, b) => a.key.localeCompare(b.key));
    return { userId, searches: due, periods, dedupeKey: digestDedupeKey(userId, periods) };
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
  unsubscribeUrl: string;
};

/** Listings shown per search in one mail; the rest are counted and reached through the search link. */
export const HITS_PER_SECTION = 10;

export const newCount = (input: Pick<DigestInput, 'sections'>) => input.sections.reduce((n, s) => n + s.hits.length + s.more, 0);

/** Nothing new: no mail and no お知らせ. */
export const isEmptyDigest = (input: Pick<DigestInput, 'sections' | 'proposals'>) => newCount(input) === 0 && input.proposals.length === 0;

/** The mail's subject and text, and the お知らせ line. */
export function composeDigest(input: DigestInput): { subject: string; body: string; title: string; summary: string } {
  const listings = newCount(input);
  const heads: string[] = [];
  if (listings) heads.push(`新着の掲載${listings}件`);
  if (input.proposals.length) heads.push(`マッチング提案${input.proposals.length}件`);
  const title = `保存した検索条件の${heads.join('・')}`;
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
      if (p.reasons.length) lines.push(`  ${p.reasons.join('／')}`);
    }
    lines.push('');
  }
  lines.push(`検索条件とお知らせの頻度の変更: ${input.publicUrl}/settings/searches`, `このお知らせの配信停止（ログイン不要）: ${input.unsubscribeUrl}`, '');
  const summary = input.sections
    .filter((s) => s.hits.length)
    .map((s) => `${s.name}：${s.hits.length + s.more}件`)
    .concat(input.proposals.length ? [`マッチング提案：${input.proposals.length}件`] : [])
    .join('\n');
  return { subject: `【起業人マッチ】${title}`, body: lines.join('\n'), title, summary };
}
