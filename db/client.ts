import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from './database';
import { PGliteDialect } from './pglite-dialect';

type PGliteInstance = PGlite;

export type DbDriver = 'postgres' | 'pglite';

export type DbHandle = {
  db: Kysely<Database>;
  driver: DbDriver;
  /** The pg pool when running on PostgreSQL (used by the socket.io adapter and LISTEN/NOTIFY). */
  pool: pg.Pool | undefined;
  /** The embedded instance when running on PGlite (tests dump and restore it). */
  pglite: PGliteInstance | undefined;
  close(): Promise<void>;
};

export type DbOptions =
  | { databaseUrl: string; poolSize?: number }
  | { dataDir: string }
  | { memory: true }
  /** An embedded database restored from a dump (PGlite's dumpDataDir), used by tests. */
  | { loadDataDir: Blob };

// int8 (count(*), sums) as JS numbers on both drivers; our counts stay far below 2^53.
const INT8 = 20;
pg.types.setTypeParser(INT8, (v) => Number(v));

export async function createDb(options: DbOptions): Promise<DbHandle> {
  if ('databaseUrl' in options) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A pool error (e.g. the server restarting) must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    // A checked-out client (e.g. socket.io's LISTEN connection) has no pool listener: without its own,
    // a server restart's "terminating connection" error would be uncaught and end the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, driver: 'postgres', pool, pglite: undefined, close: () => db.destroy() };
  }
  const pglite = await openPglite(options);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, driver: 'pglite', pool: undefined, pglite, close: () => db.destroy() };
}

async function openPglite(options: Exclude<DbOptions, { databaseUrl: string }>) {
  const { PGlite } = await import('@electric-sql/pglite');
  const parsers = { [INT8]: (v: string) => Number(v) };
  if ('loadDataDir' in options) return PGlite.create({ parsers, loadDataDir: options.loadDataDir });
  if (!('dataDir' in options)) return PGlite.create({ parsers });
  const dir = path.join(options.dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  return PGlite.create(dir, { parsers });
}

/** Creates the database handle the configuration asks for: PostgreSQL when a URL is given, else embedded PGlite. */
export function dbOptionsFromConfig(config: { databaseUrl?: string; dataDir: string }): DbOptions {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir };
}
