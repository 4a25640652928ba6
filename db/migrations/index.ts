import type { Migration } from 'kysely/migration';
import * as m0001 from './2026_11_23_0001_municipalities';

/**
 * Every migration, in order. Listed statically (not read from the folder at run time) so that the
 * bundled server carries them. A migration is frozen once it has run anywhere: add a new file instead.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_municipalities': m0001,
};
