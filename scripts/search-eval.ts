import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb, type DbHandle } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../db/municipalities/import';
import { CorpusLineSchema, indexCorpus, parseJsonLines, queryFilters, QueryLineSchema } from '../search/corpus';
import { loadDictionary } from '../search/load-dictionary';
import { PostgresSearchEngine } from '../search/postgres';
import { runCli, UsageError } from './lib/cli';

// Loads a corpus into a fresh database through the app's indexing code, runs every query with its
// filters and prints one JSON line per query: {"q", "filters", "ids"}. The database is an in-memory
// embedded one, or with DATABASE_URL a database of its own on that server (`km_search_eval_<pid>`,
// dropped afterwards), so the ranking can be compared on both. stderr says which one answered.
const EVAL_DB = `km_search_eval_${process.pid}`;

await runCli(async ({ config }) => {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, queries: { type: 'string' }, top: { type: 'string', default: '10' } } });
  if (!values.corpus || !values.queries) throw new UsageError('usage: search:eval -- --corpus <file.jsonl> --queries <file.jsonl> [--top 10]');
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new UsageError('--top must be a whole number between 1 and 100');
  const corpus = parseJsonLines(await readText(values.corpus), CorpusLineSchema, values.corpus);
  const queries = parseJsonLines(await readText(values.queries), QueryLineSchema, values.queries);

  let admin: DbHandle | undefined;
  let handle: DbHandle;
  if (config.databaseUrl) {
    admin = await createDb({ databaseUrl: config.databaseUrl, poolSize: 1 });
    await sql.raw(`drop database if exists ${EVAL_DB} with (force)`).execute(admin.db);
    await sql.raw(`create database ${EVAL_DB}`).execute(admin.db);
    const u = new URL(config.databaseUrl);
    u.pathname = `/${EVAL_DB}`;
    handle = await createDb({ databaseUrl: u.toString(), poolSize: 2 });
  } else {
    handle = await createDb({ memory: true });
  }
  try {
    await migrateToLatest(handle.db);
    await importMunicipalities(handle.db, await readMunicipalityMaster());
    await indexCorpus(handle.db, corpus);
    console.error(`search:eval: ${corpus.length} documents, ${queries.length} queries on ${handle.driver}`);
    const dictionary = await loadDictionary(handle.db);
    const engine = new PostgresSearchEngine(handle.db, () => dictionary);
    for (const query of queries) {
      const result = await engine.search({ q: query.q, filters: queryFilters(query.filters), perPage: top });
      console.log(JSON.stringify({ q: query.q, filters: query.filters, ids: result.hits.map((h) => h.id) }));
    }
  } finally {
    await handle.close();
    if (admin) await sql.raw(`drop database if exists ${EVAL_DB} with (force)`).execute(admin.db);
    await admin?.close();
  }
});

async function readText(file: string) {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
