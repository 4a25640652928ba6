import type { DbHandle } from './client';
import { listenOn, type ChannelFeed } from './listen';

/*
 * The database announces every committed change to what anonymous visitors can see (the trigger
 * `km_page_change` of migration 2026_12_06_0701, NOTIFY on channel PAGE_CHANGE_CHANNEL with the table
 * name), so that every app process empties its page cache, whichever process, script or job wrote.
 */
export const PAGE_CHANGE_CHANNEL = 'km_page_change';

/**
 * The private tables announce their changes on a channel of their own (trigger `km_private_change`,
 * migration 2026_12_07_1203): the cache of signed-in pages is emptied by both channels, the cache of
 * anonymous pages only by PAGE_CHANGE_CHANNEL.
 */
export const PRIVATE_CHANGE_CHANNEL = 'km_private_change';

/** Private tables no page shows: they announce nothing (every other private table does). */
export const UNANNOUNCED_TABLES = ['rate_limits', 'schema_migrations', 'schema_migrations_lock', 'socket_io_attachments'] as const;

/**
 * Tables no page for anonymous visitors reads (sessions, conversations, private drafts, the ministry's
 * figures, logs): their changes do not empty the cache of anonymous pages (they announce on
 * PRIVATE_CHANGE_CHANNEL, unless UNANNOUNCED_TABLES). Every other table carries the trigger;
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
  'form_submissions',
  'individual_profiles',
  'inquiries',
  'interview_slots',
  'legal_consents',
  'listing_favourites',
  'listing_revisions',
  'message_attachments',
  'messages',
  'monitoring_cube',
  'monitoring_durations',
  'monitoring_records',
  'monitoring_refresh',
  'notification_digests',
  'notification_outbox',
  'notification_preferences',
  'notifications',
  'proposal_digests',
  'proposal_dismissals',
  'proposal_events',
  'proposal_refresh_queue',
  'proposals',
  'rate_limits',
  'saved_searches',
  'schema_migrations',
  'schema_migrations_lock',
  'sessions',
  'socket_io_attachments',
] as const;

export type PageChangeFeed = ChannelFeed;

export type PageChangeHandlers = {
  /** a table changed (after its transaction committed) */
  change(table: string): void;
  /** whether changes are being received; while false some may be missed */
  status(listening: boolean): void;
  error(err: unknown): void;
};

/** Listens for page changes (db/listen.ts: PGlite's own LISTEN, or a reconnecting connection of its own). */
export function listenForPageChanges(handle: DbHandle, on: PageChangeHandlers, channel: string = PAGE_CHANGE_CHANNEL): Promise<PageChangeFeed> {
  return listenOn(handle, channel, { notify: on.change, status: on.status, error: on.error });
}
