import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../../db/municipalities/import';
import { adminUrl, databaseUrlWith, TEMPLATE_DIR } from './test-db-config';

/**
 * Builds one migrated database with the municipality master, once per test run:
 * a template database on PostgreSQL (DATABASE_URL set), or a PGlite dump otherwise.
 * Every test file then gets its own copy of it (tests/helpers/test-db.ts).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const records = await readMunicipalityMaster();
  if (url) {
    const template = `km_tmpl_${process.pid}`;
    const admin = await createDb({ databaseUrl: adminUrl(url), poolSize: 1 });
    const { sql } = await import('kysely');
    await sql.raw(`drop database if exists ${template}`).execute(admin.db);
    await sql.raw(`create database ${template}`).execute(admin.db);
    const tmpl = await createDb({ databaseUrl: databaseUrlWith(url, template), poolSize: 1 });
    await migrateToLatest(tmpl.db);
    await importMunicipalities(tmpl.db, records);
    await tmpl.close();
    project.provide('pgTemplate', template);
    return async () => {
      const rows = await sql<{ datname: string }>`select datname from pg_database where datname like ${`km_t_${process.pid}_%`} or datname = ${template}`.execute(admin.db);
      for (const r of rows.rows) await sql.raw(`drop database if exists ${r.datname} with (force)`).execute(admin.db);
      await admin.close();
    };
  }
  const handle = await createDb({ memory: true });
  await migrateToLatest(handle.db);
  await importMunicipalities(handle.db, records);
  const dump = await handle.pglite!.dumpDataDir('none');
  await handle.close();
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const file = path.join(TEMPLATE_DIR, `pglite-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteDump: string;
  }
}
