import { sql } from 'kysely';
import type { DbHandle } from '../../../db/client';
import { indexDocument, removeDocument } from '../../../search/indexing';
import { dictionaryFrom } from '../../../search/load-dictionary';
import { MeiliSearchEngine } from '../../../search/meilisearch';
import { OutboxWorker } from '../../../search/outbox';
import { PostgresSearchEngine } from '../../../search/postgres';
import { createTestDb } from '../../helpers/test-db';
import { searchContract, type ContractSetup } from './contract';
import { DOCS } from './fixtures';

async function seeded(): Promise<DbHandle> {
  const handle = await createTestDb();
  await handle.db.transaction().execute(async (trx) => {
    for (const d of DOCS) await indexDocument(trx, d);
  });
  return handle;
}

function changes(handle: DbHandle): ContractSetup['change'] {
  const docs = new Map(DOCS.map((d) => [d.id, { ...d }]));
  return {
    update: async (id, patch) => {
      const next = { ...docs.get(id)!, ...patch, updatedAt: new Date() };
      docs.set(id, next);
      await indexDocument(handle.db, next);
    },
    remove: (id) => removeDocument(handle.db, docs.get(id)!.kind, id),
  };
}

searchContract('embedded PostgreSQL', async () => {
  const handle = await seeded();
  return {
    engine: new PostgresSearchEngine(handle.db, dictionaryFrom(handle.db)),
    sync: async () => {},
    change: changes(handle),
    close: () => handle.close(),
  };
}, { readings: true });

// Runs against a real server when MEILI_HOST is given (e.g. MEILI_HOST=http://127.0.0.1:7700); skipped otherwise.
const host = process.env.MEILI_HOST;
searchContract(
  'Meilisearch',
  async () => {
    const handle = await seeded();
    const engine = new MeiliSearchEngine({ host: host!, apiKey: process.env.MEILI_API_KEY, indexUid: `test_${Date.now()}_${process.pid}`, timeoutMs: 10_000 });
    const groups = await handle.db.selectFrom('search_synonyms').select('terms').execute();
    await engine.applySettings(groups.map((g) => g.terms));
    const worker = new OutboxWorker(handle.db, engine);
    await worker.drainAll();
    return {
      engine,
      sync: async () => {
        await worker.drainAll();
      },
      change: changes(handle),
      close: async () => {
        await engine.client.deleteIndex(engine.index.uid).waitTask().catch(() => undefined);
        await sql`select 1`.execute(handle.db);
        await handle.close();
      },
    };
  },
  { skip: !host },
);
