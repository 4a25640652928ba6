import { Migrator, type MigrationResultSet } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './database';
import { migrations } from './migrations';

function migrator(db: Kysely<Database>) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // Names are grouped by feature (02xx search, 05xx agreements …), so a feature's new migration can
    // sort before ones that already ran; it then runs once, after them.
    allowUnorderedMigrations: true,
  });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Runs every pending migration; throws MigrationError naming the failed step. */
export async function migrateToLatest(db: Kysely<Database>) {
  const { error, results = [] } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, results);
  }
  return results;
}

/** Names of the migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
