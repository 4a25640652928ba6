import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A listing a user marked 気になる (see the 0921 migration). */
export interface ListingFavouriteTable {
  user_id: string;
  listing_id: number;
  organisation_id: string;
  show_name: Generated<boolean>;
  created_at: Timestamp;
}

export interface FavouriteTables {
  listing_favourites: ListingFavouriteTable;
}
