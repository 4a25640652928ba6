import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../db/client';
import { pendingMigrations } from '../../../db/migrate';
import { seedDemo } from '../../../db/seed';
import { adminUrl, databaseUrlWith } from '../../helpers/test-db-config';
import { createTestDb } from '../../helpers/test-db';

const hasTools = spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;
const url = process.env.DATABASE_URL;

async function tableCounts(db: Kysely<any>) {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table_name)}`.execute(db);
    counts[table_name] = Number(r.rows[0].n);
  }
  return counts;
}

// The backup procedure documented in the README (pg_dump -Fc / pg_restore), run on the local PostgreSQL.
describe.skipIf(!url || !hasTools)('backup and restore with pg_dump / pg_restore', () => {
  let source: Awaited<ReturnType<typeof createTestDb>>;
  const restoredName = `km_restore_${process.pid}_${Date.now()}`;
  beforeAll(async () => {
    source = await createTestDb();
    await seedDemo(source.db);
  });
  afterAll(async () => {
    await source?.close();
    const admin = await createDb({ databaseUrl: adminUrl(url!), poolSize: 1 });
    await sql.raw(`drop database if exists ${restoredName} with (force)`).execute(admin.db);
    await admin.close();
  });

  it('restores every table, row and migration into an empty database', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'km-backup-')), 'kigyojin.dump');
    execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, source.url!]);
    const admin = await createDb({ databaseUrl: adminUrl(url!), poolSize: 1 });
    await sql.raw(`create database ${restoredName}`).execute(admin.db);
    await admin.close();
    const restoredUrl = databaseUrlWith(url!, restoredName);
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, file]);

    const restored = await createDb({ databaseUrl: restoredUrl, poolSize: 2 });
    try {
      const before = await tableCounts(source.db);
      expect(Object.keys(before).length).toBeGreaterThan(2);
      expect(before.municipalities).toBe(1741);
      expect(await tableCounts(restored.db)).toEqual(before);
      expect(await pendingMigrations(restored.db)).toEqual([]);
    } finally {
      await restored.close();
    }
  });
});
