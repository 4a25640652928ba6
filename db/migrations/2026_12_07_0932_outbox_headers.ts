import type { Kysely } from 'kysely';

/*
 * Extra mail headers of a queued mail, as a JSON object of name → value (the alert digests'
 * List-Unsubscribe and List-Unsubscribe-Post, RFC 8058); null for none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_outbox').addColumn('headers', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_outbox').dropColumn('headers').execute();
}
