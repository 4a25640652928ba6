import { sql, type Kysely } from 'kysely';

/*
 * The マッチング提案 digest. `proposals.appeared_at` is when a pairing first scored at or above the
 * digest's threshold (0.5) while stored; a digest announces the pairings that appeared in the time it
 * covers. Existing pairings are dated by the later publication of their two listings.
 *
 * `proposal_digests` holds a user's choice (毎日・毎週・なし; no row = 毎週) and the digest's state: the
 * period last worked on (`alerted_period`, claimed by an UPDATE that a second process waits for and
 * then skips) and the time up to which appeared pairings have been covered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table proposals add column appeared_at timestamptz`.execute(db);
  await sql`
    update proposals p set appeared_at = coalesce(greatest(o.published_at, s.published_at), p.computed_at)
    from listings o, listings s
    where o.id = p.opening_id and s.id = p.solution_id and p.score >= 0.5`.execute(db);
  await db.schema
    .createTable('proposal_digests')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('weekly').check(sql`frequency in ('daily', 'weekly', 'none')`))
    .addColumn('alerted_period', 'text')
    .addColumn('covered_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Shown on /settings/notifications only: announced on the channel of signed-in pages (migration 1203).
  await sql`create trigger proposal_digests_private_change after insert or update or delete or truncate on proposal_digests
    for each statement execute function km_private_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('proposal_digests').execute();
  await sql`alter table proposals drop column appeared_at`.execute(db);
}
