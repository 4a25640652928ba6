import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../../db/client';
import { adminUrl, databaseUrlWith } from './test-db-config';

/**
 * A fresh, migrated database holding the municipality master, for one test file:
 * a new database from the run's template on PostgreSQL when DATABASE_URL is set,
 * else an in-memory PGlite restored from the run's dump. Never a mock.
 */
export async function createTestDb(): Promise<DbHandle & { url: string | undefined }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = inject('pgTemplate');
    const name = `km_t_${template.replace('km_tmpl_', '')}_${randomBytes(4).toString('hex')}`;
    const admin = await createDb({ databaseUrl: adminUrl(url), poolSize: 1 });
    await sql.raw(`create database ${name} template ${template}`).execute(admin.db);
    const dbUrl = databaseUrlWith(url, name);
    const handle = await createDb({ databaseUrl: dbUrl });
    return {
      ...handle,
      url: dbUrl,
      close: async () => {
        await handle.close();
        await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
        await admin.close();
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteDump'))]);
  return { ...(await createDb({ loadDataDir: dump })), url: undefined };
}

export const testDriver = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
