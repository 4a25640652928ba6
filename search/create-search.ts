import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { listSynonymGroups } from '../db/queries/search';
import { dictionaryFrom } from './load-dictionary';
import { MeiliSearchEngine } from './meilisearch';
import { OutboxWorker } from './outbox';
import { PostgresSearchEngine } from './postgres';
import type { SearchQuery, SearchResult } from './types';

/** What happened to each engine after a synonym change ('failed': Meilisearch did not take the setting). */
export type SynonymSync = { embedded: 'reloaded' | 'failed'; meilisearch: 'applied' | 'failed' | 'off'; error?: string };

export type SearchConfig = { meili?: { host: string; apiKey?: string | undefined } | undefined };

/** What routes use: one search entry point with the engine chosen from configuration. */
export interface SearchService {
  readonly engine: 'postgres' | 'meilisearch';
  search(query: SearchQuery): Promise<SearchResult>;
  /** re-read synonyms (after an operator edits them) */
  invalidateDictionary(): void;
  /**
   * After the synonym table changed: reloads the embedded engine's dictionary in this process now
   * and, with Meilisearch, pushes the synonyms setting to it. Other processes pick the change up
   * within the dictionary's cache time (60 s).
   */
  synonymsChanged(): Promise<SynonymSync>;
  /**
   * Sends the pending changes of search_outbox to Meilisearch (after its settings were applied at
   * start-up); returns how many were delivered. Nothing to do without MEILI_HOST. Run by the
   * background jobs (app/server/jobs.ts).
   */
  deliverOutbox(): Promise<number>;
  close(): Promise<void>;
}

// After Meilisearch fails, requests go straight to the embedded engine for this long.
const COOL_DOWN_MS = 30_000;

/**
 * The embedded PostgreSQL engine always; Meilisearch in front of it when MEILI_HOST is set, with
 * the outbox (delivered by `deliverOutbox`) keeping it in sync and the embedded engine answering while
 * it is unreachable.
 */
export function createSearch(opts: { db: Kysely<Database>; config: SearchConfig; logger?: Logger }): SearchService {
  const dictionary = dictionaryFrom(opts.db);
  const embedded = new PostgresSearchEngine(opts.db, dictionary);
  const reloadEmbedded = () =>
    dictionary.reload().then(
      () => 'reloaded' as const,
      (error: unknown) => {
        // The cache is already cleared, so the next search loads it anyway.
        opts.logger?.warn({ err: error }, 'search dictionary not reloaded; the next search will load it');
        return 'failed' as const;
      },
    );
  if (!opts.config.meili) {
    return {
      engine: 'postgres',
      search: (q) => embedded.search(q),
      invalidateDictionary: dictionary.invalidate,
      synonymsChanged: async () => ({ embedded: await reloadEmbedded(), meilisearch: 'off' }),
      deliverOutbox: async () => 0,
      close: async () => {},
    };
  }
  const meili = new MeiliSearchEngine(opts.config.meili);
  const log = opts.logger;
  const worker = new OutboxWorker(opts.db, meili, { onError: (error) => log?.warn({ err: error }, 'search outbox: delivery failed, will retry') });
  let downUntil = 0;
  const ready = listSynonymGroups(opts.db)
    .then((groups) => meili.applySettings(groups.map((g) => g.terms)))
    .catch((error) => log?.warn({ err: error }, 'meilisearch settings not applied; will use the embedded engine when it fails'));
  // Settings are applied one after another (start-up first), each with the table as it is then.
  let settings: Promise<unknown> = ready;
  const pushSynonyms = (): Promise<void> => {
    const run = settings.then(async () => {
      const groups = await listSynonymGroups(opts.db);
      await meili.applySettings(groups.map((g) => g.terms));
    });
    settings = run.catch(() => undefined);
    return run;
  };
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
    async synonymsChanged() {
      const [embeddedState, meiliState] = await Promise.all([
        reloadEmbedded(),
        pushSynonyms().then(
          () => ({ meilisearch: 'applied' as const }),
          (error: unknown) => {
            log?.warn({ err: error }, 'meilisearch synonyms not applied; they will be at the next start-up or reindex');
            return { meilisearch: 'failed' as const, error: error instanceof Error ? error.message : String(error) };
          },
        ),
      ]);
      return { embedded: embeddedState, ...meiliState };
    },
    deliverOutbox: async () => {
      await ready;
      return worker.drainAll();
    },
    close: async () => {
      await ready;
      await settings;
    },
  };
}
