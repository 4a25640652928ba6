import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { ChatHub } from '../chat/events';
import type { SearchService } from '../../search/create-search';
import type { ChatLimiters } from '../services/rate-limit.server';
import type { Config } from './config';
import type { SharedReads } from './page-cache';

/** What the server entry hands every loader and action (created once, in app/server/index.ts). */
export interface AppServices {
  db: Kysely<Database>;
  driver: 'postgres' | 'pglite';
  config: Config;
  logger: Logger;
  /** full-text search (embedded PostgreSQL, or Meilisearch when MEILI_HOST is set) */
  search: SearchService;
  /** the process's chat limits per user, shared by the sockets and the form post */
  chatLimits: ChatLimiters;
  /** tells connected chat clients about changes made over HTTP (set once socket.io is attached) */
  chat?: ChatHub;
  /** data every reader sees alike, kept in memory until it changes (the page cache's; absent when that is off) */
  shared?: SharedReads;
}

declare module '@remix-run/server-runtime' {
  interface AppLoadContext extends AppServices {
    requestId: string;
    cspNonce: string;
    clientIp: string;
    /** the request was made on this machine, not through a proxy (see isDirectLoopback in app.ts) */
    fromLoopback: boolean;
  }
}
