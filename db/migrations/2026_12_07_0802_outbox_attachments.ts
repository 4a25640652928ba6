import type { Kysely } from 'kysely';

/*
 * Files sent with a queued mail (the accepted interview slot's .ics with 「面談日時が決まりました」):
 * a JSON array of { filename, contentType, content } (content as UTF-8 text), null for none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_outbox').addColumn('attachments', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_outbox').dropColumn('attachments').execute();
}
