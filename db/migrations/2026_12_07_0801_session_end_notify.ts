import { sql, type Kysely } from 'kysely';

// Every ended session (log-out, log-out everywhere, password change or reset, suspension, expiry purge,
// any path that deletes the row) is announced on channel km_session_end with the session's id once
// its transaction commits, so that every app process closes the chat sockets opened with it
// (db/session-ends.ts, app/chat/socket.server.ts). One notification per row: a payload holds one id.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function km_session_end() returns trigger language plpgsql as $$
    begin
      perform pg_notify('km_session_end', old.id);
      return null;
    end $$`.execute(db);
  await sql`create trigger sessions_session_end after delete on sessions for each row execute function km_session_end()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists sessions_session_end on sessions`.execute(db);
  await sql`drop function if exists km_session_end()`.execute(db);
}
