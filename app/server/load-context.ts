import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { Config } from './config';

/** What the server entry hands every loader and action (created once, in app/server/index.ts). */
export interface AppServices {
  db: Kysely<Database>;
  driver: 'postgres' | 'pglite';
  config: Config;
  logger: Logger;
}

declare module '@remix-run/server-runtime' {
  interface AppLoadContext extends AppServices {
    requestId: string;
    cspNonce: string;
    clientIp: string;
  }
}
