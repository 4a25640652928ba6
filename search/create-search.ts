import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { listSynonymGroups } from '../db/queries/search';
import { dictionaryFrom } from './load-dictionary';
import { MeiliSearchEngine } from './meilisearch';
import { OutboxWorker } from './outbox';
import { PostgresSearchEngine } from './postgres';
import type { SearchQuery, SearchResult } from './types';

export type SearchConfig = { meili?: { host: string; apiKey?: string | undefined } | undefined };

/** What routes use: one search entry point with the engine chosen from configuration. */
export interface SearchService {
  readonly engine: 'postgres' | 'meilisearch';
  search(query: SearchQuery): Promise<SearchResult>;
  /** re-read synonyms (after an operator edits them) */
  invalidateDictionary(): void;
  close(): Promise<void>;
}

// After Meilisearch fails, requests go straight to the embedded engine for this long.
const COOL_DOWN_MS = 30_000;

/**
 * The embedded PostgreSQL engine always; Meilisearch in front of it when MEILI_HOST is set, with
 * the outbox worker keeping it in sync and the embedded engine answering while it is unreachable.
 */
export function createSearch(opts: { db: Kysely<Database>; config: SearchConfig; logger?: Logger; worker?: boolean }): SearchService {
  const dictionary = dictionaryFrom(opts.db);
  const embedded = new PostgresSearchEngine(opts.db, dictionary);
  if (!opts.config.meili) {
    return { engine: 'postgres', search: (q) => embedded.search(q), invalidateDictionary: dictionary.invalidate, close: async () => {} };
  }
  const meili = new MeiliSearchEngine(opts.config.meili);
  const log = opts.logger;
  const worker = new OutboxWorker(opts.db, meili, { onError: (error) => log?.warn({ err: error }, 'search outbox: delivery failed, will retry') });
  let downUntil = 0;
  const ready = listSynonymGroups(opts.db)
    .then((groups) => meili.applySettings(groups.map((g) => g.terms)))
    .catch((error) => log?.warn({ err: error }, 'meilisearch settings not applied; will use the embedded engine when it fails'));
  if (opts.worker !== false) void ready.then(() => worker.start());
  return {
    engine: 'meilisearch',
    async search(query) {
      if (Date.now() >= downUntil) {
        try {
          return await meili.search(query);
        } catch (error) {
          downUntil = Date.now() + COOL_DOWN_MS;
          log?.warn({ err: error }, 'meilisearch unavailable; answering from the embedded engine');
        }
      }
      return { ...(await embedded.search(query)), degraded: true };
    },
    invalidateDictionary: dictionary.invalidate,
    close: async () => {
      await ready;
      await worker.stop();
    },
  };
}
