import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { DbHandle } from '../../../db/client';
import { createSearch } from '../../../search/create-search';
import { indexDocument, removeDocument } from '../../../search/indexing';
import type { DocumentSource } from '../../../search/meilisearch';
import { OutboxWorker, type OutboxSink } from '../../../search/outbox';
import { createTestDb } from '../../helpers/test-db';
import { DOCS } from './fixtures';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom('search_outbox').execute();
  await handle.db.deleteFrom('search_documents').execute();
});

const rows = async () => ({
  docs: await handle.db.selectFrom('search_documents').select(['kind', 'id', 'title']).orderBy('id').execute(),
  outbox: await handle.db.selectFrom('search_outbox').selectAll().orderBy('id').execute(),
});

/** Records deliveries; fails the next `failures` calls, like a server that is down. */
class RecordingSink implements OutboxSink {
  upserted = new Map<string, DocumentSource>();
  removed: string[] = [];
  failures = 0;
  onUpsert: (() => Promise<void>) | undefined;
  async upsert(docs: DocumentSource[]) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('connection refused');
    }
    await this.onUpsert?.();
    for (const d of docs) this.upserted.set(`${d.kind}/${d.id}`, d);
  }
  async remove(keys: Array<{ kind: string; id: string }>) {
    for (const k of keys) {
      this.upserted.delete(`${k.kind}/${k.id}`);
      this.removed.push(`${k.kind}/${k.id}`);
    }
  }
}

describe('indexing in the listing transaction', () => {
  it('leaves neither document nor outbox row when the transaction rolls back', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await indexDocument(trx, DOCS[0]);
        throw new Error('listing insert failed');
      }),
    ).rejects.toThrow('listing insert failed');
    expect(await rows()).toEqual({ docs: [], outbox: [] });
  });

  it('leaves both when it commits, and coalesces later changes into one outbox row', async () => {
    await handle.db.transaction().execute((trx) => indexDocument(trx, DOCS[0]));
    await handle.db.transaction().execute((trx) => indexDocument(trx, { ...DOCS[0], title: '改題' }));
    const { docs, outbox } = await rows();
    expect(docs).toEqual([{ kind: 'opening', id: '1', title: '改題' }]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: 'opening', id: '1', op: 'upsert', generation: 2, attempts: 0 });
  });

  it('copies the municipality eligibility flags from the master when omitted', async () => {
    await indexDocument(handle.db, DOCS[0]);
    const master = await handle.db.selectFrom('municipalities').select(['eligible_1433', 'eligible_1375']).where('lg_code', '=', '325252').executeTakeFirstOrThrow();
    const row = await handle.db.selectFrom('search_documents').select(['eligible_1433', 'eligible_1375']).where('id', '=', '1').executeTakeFirstOrThrow();
    expect(row).toEqual(master);
  });
});

describe('outbox worker', () => {
  it('retries with backoff after a failure and delivers everything once the sink is back', async () => {
    for (const d of DOCS.slice(0, 3)) await indexDocument(handle.db, d);
    const sink = new RecordingSink();
    sink.failures = 1;
    const worker = new OutboxWorker(handle.db, sink, { baseDelayMs: 60_000 });
    expect(await worker.drainOnce()).toEqual({ delivered: 0, failed: 3 });
    const { outbox } = await rows();
    expect(outbox.every((r) => r.attempts === 1 && r.last_error === 'connection refused' && r.next_attempt_at.getTime() > Date.now() + 30_000)).toBe(true);
    // Not due yet: nothing is sent.
    expect(await worker.drainOnce()).toEqual({ delivered: 0, failed: 0 });
    await handle.db.updateTable('search_outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).execute();
    expect(await worker.drainAll()).toBe(3);
    expect([...sink.upserted.keys()].sort()).toEqual(['opening/1', 'opening/2', 'solution/3']);
    expect((await rows()).outbox).toEqual([]);
  });

  it('keeps a change made while an older one is being delivered', async () => {
    await indexDocument(handle.db, DOCS[0]);
    const sink = new RecordingSink();
    sink.onUpsert = async () => {
      sink.onUpsert = undefined;
      await indexDocument(handle.db, { ...DOCS[0], title: '配信中の変更' });
    };
    const worker = new OutboxWorker(handle.db, sink);
    await worker.drainOnce();
    expect((await rows()).outbox).toHaveLength(1);
    await worker.drainAll();
    expect(sink.upserted.get('opening/1')?.title).toBe('配信中の変更');
    expect((await rows()).outbox).toEqual([]);
  });

  it('sends removals for deleted and unpublished documents', async () => {
    await indexDocument(handle.db, DOCS[0]);
    await indexDocument(handle.db, DOCS[1]);
    const sink = new RecordingSink();
    const worker = new OutboxWorker(handle.db, sink);
    await worker.drainAll();
    await removeDocument(handle.db, 'opening', '1');
    await indexDocument(handle.db, { ...DOCS[1], status: 'closed' });
    await worker.drainAll();
    expect(sink.removed.sort()).toEqual(['opening/1', 'opening/2']);
    expect(sink.upserted.size).toBe(0);
  });
});

describe('Meilisearch unreachable', () => {
  it('answers from the embedded engine and says so', async () => {
    for (const d of DOCS) await indexDocument(handle.db, d);
    const search = createSearch({ db: handle.db, config: { meili: { host: 'http://127.0.0.1:9' } }, logger: pino({ level: 'silent' }) });
    try {
      const res = await search.search({ q: 'インバウンド' });
      expect(res.degraded).toBe(true);
      expect(res.engine).toBe('postgres');
      expect(res.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['4', '5']));
    } finally {
      await search.close();
    }
    // Nothing was lost: every change is still queued for delivery.
    expect((await rows()).outbox).toHaveLength(DOCS.length);
  });
});
