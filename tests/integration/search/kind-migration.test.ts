import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../db/client';
import * as renameKind from '../../../db/migrations/2026_11_23_0204_search_kind_opening';
import { dictionaryFrom } from '../../../search/load-dictionary';
import { PostgresSearchEngine } from '../../../search/postgres';
import { indexDocument } from '../../../search/indexing';
import { createTestDb } from '../../helpers/test-db';
import { DOCS } from './fixtures';

// Databases indexed before the rename hold openings as `need`, in the index and in the outbox.
let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  for (const d of DOCS) await indexDocument(handle.db, d);
  await renameKind.down(handle.db);
});
afterAll(() => handle?.close());

const kinds = async (table: 'search_documents' | 'search_outbox') =>
  (await sql<{ kind: string; n: number }>`select kind, count(*)::int as n from ${sql.table(table)} group by kind order by kind`.execute(handle.db)).rows;

describe('migration 0204: openings are `opening` in the search index', () => {
  it('renames stored documents and pending outbox rows, and the check refuses the old name', async () => {
    expect(await kinds('search_documents')).toEqual([{ kind: 'need', n: 6 }, { kind: 'solution', n: 3 }]);
    await renameKind.up(handle.db);
    expect(await kinds('search_documents')).toEqual([{ kind: 'opening', n: 6 }, { kind: 'solution', n: 3 }]);
    expect(await kinds('search_outbox')).toEqual([{ kind: 'opening', n: 6 }, { kind: 'solution', n: 3 }]);
    await expect(sql`update search_documents set kind = 'need' where id = '1'`.execute(handle.db)).rejects.toThrow(/search_documents_kind_check/);
  });

  it('finds the migrated openings by their kind, with their links', async () => {
    const engine = new PostgresSearchEngine(handle.db, dictionaryFrom(handle.db));
    const res = await engine.search({ q: 'DX', filters: { kind: 'opening' } });
    expect(res.hits.map((h) => [h.id, h.kind, h.url])).toEqual([['1', 'opening', '/openings/1']]);
  });
});
