import pg from 'pg';
import type { DbHandle } from './client';

/*
 * The database announces every committed change to what anonymous visitors can see (the trigger
 * `km_page_change` of migration 2026_12_06_0701, NOTIFY on channel PAGE_CHANGE_CHANNEL with the table
 * name), so that every app process empties its page cache, whichever process, script or job wrote.
 */
export const PAGE_CHANGE_CHANNEL = 'km_page_change';

/**
 * Tables no page for anonymous visitors reads (sessions, conversations, private drafts, the ministry's
 * figures, logs): their changes do not empty the page cache. Every other table carries the trigger;
 * tests/integration/page-cache.test.ts fails for a table that is in neither group.
 */
export const PRIVATE_TABLES = [
  'agreement_approvals',
  'agreement_drafts',
  'agreement_versions',
  'application_events',
  'applications',
  'audit_log',
  'conversation_reads',
  'conversations',
  'inquiries',
  'interview_slots',
  'listing_revisions',
  'message_attachments',
  'messages',
  'monitoring_cube',
  'monitoring_durations',
  'monitoring_refresh',
  'notification_digests',
  'notification_outbox',
  'notification_preferences',
  'notifications',
  'rate_limits',
  'schema_migrations',
  'schema_migrations_lock',
  'sessions',
  'socket_io_attachments',
] as const;

export type PageChangeFeed = { close(): Promise<void> };

export type PageChangeHandlers = {
  /** a table changed (after its transaction committed) */
  change(table: string): void;
  /** whether changes are being received; while false some may be missed */
  status(listening: boolean): void;
  error(err: unknown): void;
};

/**
 * Listens for page changes: on PGlite through its own LISTEN; on PostgreSQL on a connection of its
 * own, reconnected after a failure (and reported down meanwhile).
 */
export async function listenForPageChanges(handle: DbHandle, on: PageChangeHandlers): Promise<PageChangeFeed> {
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(PAGE_CHANGE_CHANNEL, (table) => on.change(table));
    on.status(true);
    return { close: () => unlisten() };
  }
  const options = handle.pool!.options;
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;
  const connect = async () => {
    const c = new pg.Client({ connectionString: options.connectionString });
    client = c;
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = undefined;
      on.status(false);
      if (err) on.error(err);
      void c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 5_000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => on.change(n.payload ?? ''));
    try {
      await c.connect();
      await c.query(`listen ${PAGE_CHANGE_CHANNEL}`);
      if (client !== c || closed) return;
      delay = 250;
      on.status(true);
    } catch (err) {
      lost(err);
    }
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
