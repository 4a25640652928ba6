import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { ProposalDigestFrequencyCode } from '../types/saved-searches';

type Db = Kysely<Database> | Transaction<Database>;

/** The user's chosen frequency, or undefined when never chosen (then 毎週). */
export function findProposalDigest(db: Db, userId: string) {
  return db.selectFrom('proposal_digests').select(['frequency', 'alerted_period', 'covered_until']).where('user_id', '=', userId).executeTakeFirst();
}

/**
 * Saves the frequency. Switched on again after なし, the digest starts from now: what appeared while
 * it was off is not sent in one go.
 */
export function upsertProposalDigestFrequency(db: Db, userId: string, frequency: ProposalDigestFrequencyCode) {
  return db
    .insertInto('proposal_digests')
    .values({ user_id: userId, frequency })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        frequency,
        covered_until: sql`case when proposal_digests.frequency = 'none' and excluded.frequency <> 'none' then now() else proposal_digests.covered_until end`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The unsubscribe link: the digest off. Returns whether it was on (no row counts as on: 毎週 by default). */
export async function turnOffProposalDigest(db: Db, userId: string): Promise<boolean> {
  const before = await db.selectFrom('proposal_digests').select('frequency').where('user_id', '=', userId).forUpdate().executeTakeFirst();
  await upsertProposalDigestFrequency(db, userId, 'none');
  return (before?.frequency ?? 'weekly') !== 'none';
}

const OWN_KIND = sql`case o.kind when 'municipality' then 'opening' else 'solution' end`;

/**
 * The users a proposal digest is due for: active members of an organisation (not suspended) that has
 * published listings of its own kind, whose frequency (毎週 without a row) is not なし and whose last
 * worked-on period is not the current one (`periods`: the current key of each frequency).
 */
export function findDueProposalDigests(db: Db, periods: { daily: string; weekly: string }) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .leftJoin('proposal_digests as d', 'd.user_id', 'u.id')
    .select(['u.id as user_id', 'u.email', 'u.name', 'u.organisation_id', 'o.kind as organisation_kind', 'd.alerted_period', sql<ProposalDigestFrequencyCode>`coalesce(d.frequency, 'weekly')`.as('frequency')])
    .where('u.disabled_at', 'is', null)
    .where('o.status', '=', 'approved')
    .where('o.kind', 'in', ['municipality', 'company', 'individual'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('listings as l')
          .select('l.id')
          .whereRef('l.organisation_id', '=', 'u.organisation_id')
          .where('l.status', '=', 'published')
          .where(sql<boolean>`l.kind = ${OWN_KIND}`),
      ),
    )
    .where((eb) =>
      eb.or([
        eb.and([sql<boolean>`coalesce(d.frequency, 'weekly') = 'weekly'`, sql<boolean>`d.alerted_period is distinct from ${periods.weekly}`]),
        eb.and([eb('d.frequency', '=', 'daily'), sql<boolean>`d.alerted_period is distinct from ${periods.daily}`]),
      ]),
    )
    .orderBy('u.id')
    .execute();
}

/**
 * Claims a user's proposal digest for a period: returns the time it covers from, or null when
 * another process claimed this period first or the frequency changed meanwhile. The row (made here
 * for a user who never chose, with `initialFrom` as the start) stays locked until the caller's
 * transaction ends; a second process waits, then finds the period written and gets nothing.
 */
export async function claimProposalDigest(trx: Transaction<Database>, c: { userId: string; frequency: 'daily' | 'weekly'; period: string; initialFrom: Date }): Promise<Date | null> {
  const r = await sql<{ covered_until: Date }>`
    insert into proposal_digests as d (user_id, frequency, alerted_period, covered_until)
    values (${c.userId}, ${c.frequency}, ${c.period}, ${c.initialFrom})
    on conflict (user_id) do update set alerted_period = excluded.alerted_period, covered_until = coalesce(d.covered_until, excluded.covered_until)
    where d.frequency = excluded.frequency and d.alerted_period is distinct from excluded.alerted_period
    returning d.covered_until`.execute(trx);
  const row = r.rows[0];
  return row ? new Date(row.covered_until) : null;
}

export function setProposalsCoveredUntil(db: Db, userId: string, until: Date) {
  return db.updateTable('proposal_digests').set({ covered_until: until }).where('user_id', '=', userId).execute();
}
