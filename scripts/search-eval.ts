import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createDb } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../db/municipalities/import';
import { CorpusLineSchema, indexCorpus, parseJsonLines, queryFilters, QueryLineSchema } from '../search/corpus';
import { loadDictionary } from '../search/load-dictionary';
import { PostgresSearchEngine } from '../search/postgres';
import { runCli, UsageError } from './lib/cli';

// Loads a corpus into a fresh in-memory embedded database through the app's indexing code, runs
// every query with its filters and prints one JSON line per query: {"q", "filters", "ids"}.
await runCli(async () => {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, queries: { type: 'string' }, top: { type: 'string', default: '10' } } });
  if (!values.corpus || !values.queries) throw new UsageError('usage: search:eval -- --corpus <file.jsonl> --queries <file.jsonl> [--top 10]');
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new UsageError('--top must be a whole number between 1 and 100');
  const corpus = parseJsonLines(await readText(values.corpus), CorpusLineSchema, values.corpus);
  const queries = parseJsonLines(await readText(values.queries), QueryLineSchema, values.queries);

  const handle = await createDb({ memory: true });
  try {
    await migrateToLatest(handle.db);
    await importMunicipalities(handle.db, await readMunicipalityMaster());
    await indexCorpus(handle.db, corpus);
    const dictionary = await loadDictionary(handle.db);
    const engine = new PostgresSearchEngine(handle.db, () => dictionary);
    for (const query of queries) {
      const result = await engine.search({ q: query.q, filters: queryFilters(query.filters), perPage: top });
      console.log(JSON.stringify({ q: query.q, filters: query.filters, ids: result.hits.map((h) => h.id) }));
    }
  } finally {
    await handle.close();
  }
});

async function readText(file: string) {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
