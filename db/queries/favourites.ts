import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';

type Db = Kysely<Database> | Transaction<Database>;

/** Marks (or re-marks, with the new name choice) a listing 気になる for one user. */
export async function upsertFavourite(db: Db, row: { user_id: string; listing_id: number; organisation_id: string; show_name: boolean }) {
  await db
    .insertInto('listing_favourites')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'listing_id']).doUpdateSet({ show_name: row.show_name, organisation_id: row.organisation_id }))
    .execute();
}

/** True when there was a mark to remove. */
export async function deleteFavourite(db: Db, userId: string, listingId: number): Promise<boolean> {
  const r = await db.deleteFrom('listing_favourites').where('user_id', '=', userId).where('listing_id', '=', listingId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function findFavourite(db: Db, userId: string, listingId: number) {
  return db.selectFrom('listing_favourites').select(['show_name', 'created_at']).where('user_id', '=', userId).where('listing_id', '=', listingId).executeTakeFirst();
}

/**
 * Each organisation that marked the listing, once: its name, whether any of its members allowed the
 * name to be shown, and whether it applied to or scouted this listing (any state).
 */
export function findFavouriteOrganisations(db: Db, listingId: number) {
  return db
    .selectFrom('listing_favourites as f')
    .innerJoin('organisations as o', 'o.id', 'f.organisation_id')
    .where('f.listing_id', '=', listingId)
    .groupBy(['o.id', 'o.name'])
    .select([
      'o.id as organisation_id',
      'o.name',
      sql<boolean>`bool_or(f.show_name)`.as('show_name'),
      sql<boolean>`exists (select 1 from applications a where a.listing_id = ${listingId} and a.applicant_organisation_id = o.id)`.as('engaged'),
    ])
    .orderBy('o.name')
    .execute();
}

/** The user's marked listings, newest mark first, with what a card shows. */
export function findUserFavourites(db: Db, userId: string) {
  return db
    .selectFrom('listing_favourites as f')
    .innerJoin('listings as l', 'l.id', 'f.listing_id')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .where('f.user_id', '=', userId)
    .select([
      'l.id',
      'l.kind',
      'l.title',
      'l.summary',
      'l.status',
      'l.close_reason',
      'l.organisation_id',
      sql<string | null>`to_char(l.deadline, 'YYYY-MM-DD')`.as('deadline'),
      'o.name as organisation_name',
      'f.show_name',
      'f.created_at',
    ])
    .orderBy('f.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
}
