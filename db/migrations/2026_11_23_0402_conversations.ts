import { sql, type Kysely } from 'kysely';

/*
 * One conversation per application. Messages carry a per-conversation sequence number handed out
 * under the conversation's row lock, so it is gapless and in commit order: a client that has seen
 * seq n asks for "seq > n" after a reconnect and cannot skip a message committed late. The
 * client's idempotency key is unique per conversation, so a resend stores nothing new.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('applications.id').onDelete('cascade'))
    .addColumn('applicant_organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('owner_organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('conversations_applicant_idx').on('conversations').column('applicant_organisation_id').execute();
  await db.schema.createIndex('conversations_owner_idx').on('conversations').column('owner_organisation_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('text', 'system', 'slots')`))
    .addColumn('sender_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sender_organisation_id', 'uuid')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('meta', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('messages_conversation_seq_key', ['conversation_id', 'seq'])
    .addUniqueConstraint('messages_conversation_client_key', ['conversation_id', 'client_key'])
    .execute();

  await db.schema
    .createTable('message_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('message_id', 'bigint', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')`))
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('message_attachments_message_idx').on('message_attachments').column('message_id').execute();

  await db.schema
    .createTable('conversation_reads')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('conversation_reads_pkey', ['conversation_id', 'user_id'])
    .execute();

  // @socket.io/postgres-adapter keeps payloads over NOTIFY's 8,000-byte limit here.
  await sql`create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('socket_io_attachments').ifExists().execute();
  await db.schema.dropTable('conversation_reads').execute();
  await db.schema.dropTable('message_attachments').execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('conversations').execute();
}
