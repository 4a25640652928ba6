import { sql } from 'kysely';
import { createDb, type DbHandle } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../../db/municipalities/import';
import { databaseUrlWith } from './pg-url';

export type BenchDb = { handle: DbHandle; close(opts?: { keep?: boolean }): Promise<void> };

/**
 * A migrated database holding the municipality master, for a benchmark: on PostgreSQL (`databaseUrl`)
 * the database `name`, made anew and dropped by `close` unless it is kept; otherwise an in-memory
 * embedded one.
 */
export async function openBenchDb(databaseUrl: string | undefined, name: string): Promise<BenchDb> {
  let admin: DbHandle | undefined;
  let handle: DbHandle;
  if (databaseUrl) {
    admin = await createDb({ databaseUrl, poolSize: 1 });
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
    await sql.raw(`create database ${name}`).execute(admin.db);
    handle = await createDb({ databaseUrl: databaseUrlWith(databaseUrl, name) });
  } else {
    handle = await createDb({ memory: true });
  }
  const close = async ({ keep = false } = {}) => {
    await handle.close();
    if (admin && !keep) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
    await admin?.close();
  };
  try {
    await migrateToLatest(handle.db);
    await importMunicipalities(handle.db, await readMunicipalityMaster());
  } catch (e) {
    await close();
    throw e;
  }
  return { handle, close };
}
