import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusLineSchema, indexCorpus, parseJsonLines, queryFilters, QueryLineSchema } from '../../../search/corpus';
import { loadDictionary } from '../../../search/load-dictionary';
import { ndcgAt, recallAt } from '../../../search/metrics';
import { PostgresSearchEngine } from '../../../search/postgres';
import { createTestDb } from '../../helpers/test-db';

// The judged queries ship with the repository (tests/fixtures/search, see its README).
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/search');
const corpusFile = path.join(FIXTURES, 'search-corpus.jsonl');
const queriesFile = path.join(FIXTURES, 'search-queries.jsonl');

describe('relevance on the judged queries', () => {
  it('reaches mean NDCG@10 ≥ 0.948 and capped recall@10 ≥ 0.94', async () => {
    const handle = await createTestDb();
    try {
      await indexCorpus(handle.db, parseJsonLines(readFileSync(corpusFile, 'utf8'), CorpusLineSchema, corpusFile));
      const dictionary = await loadDictionary(handle.db);
      const engine = new PostgresSearchEngine(handle.db, () => dictionary);
      const queries = parseJsonLines(readFileSync(queriesFile, 'utf8'), QueryLineSchema, queriesFile);
      let ndcg = 0;
      let recall = 0;
      for (const q of queries) {
        const ids = (await engine.search({ q: q.q, filters: queryFilters(q.filters), perPage: 10 })).hits.map((h) => h.id);
        ndcg += ndcgAt(ids, q.relevant ?? {});
        recall += recallAt(ids, q.relevant ?? {}, 10, true);
      }
      expect(ndcg / queries.length).toBeGreaterThanOrEqual(0.948);
      expect(recall / queries.length).toBeGreaterThanOrEqual(0.94);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
