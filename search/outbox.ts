import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { deleteOutboxIfUnchanged, findDueOutbox, postponeOutbox } from '../db/queries/search';
import type { DocumentSource } from './meilisearch';

/** Where outbox changes are delivered (Meilisearch in production, a fake sink in tests). */
export interface OutboxSink {
  upsert(rows: DocumentSource[]): Promise<void>;
  remove(keys: Array<{ kind: string; id: string }>): Promise<void>;
}

export type OutboxOptions = {
  batchSize?: number;
  /** first retry delay; doubles per attempt up to maxDelayMs */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onError?: (error: unknown) => void;
};

export const backoffMs = (attempts: number, base: number, max: number) => Math.min(max, base * 2 ** Math.min(attempts, 20));

/**
 * Drains search_outbox into a sink. The current row of search_documents is sent (not the change),
 * so deliveries are idempotent and a retry after a crash simply sends the latest state again.
 * A row is cleared only if no newer change arrived while it was being delivered.
 */
export class OutboxWorker {
  private readonly opts: Required<Omit<OutboxOptions, 'onError'>> & Pick<OutboxOptions, 'onError'>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sink: OutboxSink,
    opts: OutboxOptions = {},
  ) {
    this.opts = { batchSize: 100, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, ...opts };
  }

  /** Delivers every due change once; returns how many were delivered and how many were postponed. */
  async drainOnce(): Promise<{ delivered: number; failed: number }> {
    const due = await findDueOutbox(this.db, this.opts.batchSize);
    if (!due.length) return { delivered: 0, failed: 0 };
    const docs = await this.db
      .selectFrom('search_documents')
      .selectAll()
      .where((eb) => eb.or(due.map((r) => eb.and([eb('kind', '=', r.kind), eb('id', '=', r.id)]))))
      .execute();
    const byKey = new Map(docs.map((d) => [`${d.kind}/${d.id}`, d]));
    // Only published documents live in the external index; anything else is removed from it.
    const upserts = due.map((r) => byKey.get(`${r.kind}/${r.id}`)).filter((d): d is (typeof docs)[number] => d?.status === 'published');
    const upserted = new Set(upserts.map((d) => `${d.kind}/${d.id}`));
    const removals = due.filter((r) => !upserted.has(`${r.kind}/${r.id}`));
    try {
      await this.sink.upsert(upserts);
      await this.sink.remove(removals.map((r) => ({ kind: r.kind, id: r.id })));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const r of due) {
        await postponeOutbox(this.db, r.kind, r.id, r.generation, backoffMs(r.attempts, this.opts.baseDelayMs, this.opts.maxDelayMs), message);
      }
      this.opts.onError?.(error);
      return { delivered: 0, failed: due.length };
    }
    for (const r of due) await deleteOutboxIfUnchanged(this.db, r.kind, r.id, r.generation);
    return { delivered: due.length, failed: 0 };
  }

  /** Drains until nothing is due (or a delivery fails). */
  async drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { delivered, failed } = await this.drainOnce();
      total += delivered;
      if (!delivered || failed) return total;
    }
  }
}
