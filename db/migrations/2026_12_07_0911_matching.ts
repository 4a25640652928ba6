import { sql, type Kysely } from 'kysely';

/*
 * マッチング提案. `proposals` holds the precomputed fit of opening × solution pairings that are
 * eligible under at least one programme type: for every published listing its best pairings
 * (a pairing is kept while it is among the best of either side). Reads are one indexed lookup;
 * `proposal_refresh_queue` names listings whose pairings must be computed again (written in the
 * listing's own transaction, drained after commit and by the hourly sweep).
 * `proposal_dismissals` are an organisation's 「表示しない」; `proposal_events` count proposals
 * shown, dismissed and acted on for the ministry's monitoring (counts only).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposals')
    .addColumn('opening_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('types', sql`text[]`, (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('proposals_pkey', ['opening_id', 'solution_id'])
    .addCheckConstraint('proposals_types_nonempty', sql`cardinality(types) > 0`)
    .execute();
  await db.schema.createIndex('proposals_opening_score_idx').on('proposals').columns(['opening_id', 'score desc']).execute();
  await db.schema.createIndex('proposals_solution_score_idx').on('proposals').columns(['solution_id', 'score desc']).execute();

  await db.schema
    .createTable('proposal_refresh_queue')
    .addColumn('listing_id', 'integer', (c) => c.primaryKey().references('listings.id').onDelete('cascade'))
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('proposal_dismissals')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('opening_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('proposal_dismissals_pkey', ['organisation_id', 'opening_id', 'solution_id'])
    .execute();

  await db.schema
    .createTable('proposal_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('shown', 'dismissed', 'acted')`))
    .addColumn('opening_id', 'integer', (c) => c.notNull())
    .addColumn('solution_id', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('proposal_events_fy_kind_idx').on('proposal_events').columns(['fiscal_year', 'kind']).execute();
}
