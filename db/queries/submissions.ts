import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';

/*
 * The answers recorded for form submissions (table form_submissions). A submission is claimed by
 * inserting its row with no status; the request that claimed it records its answer or releases it.
 */

export type RecordedAnswer = { status: number; location: string | null; contentType: string | null; body: string | null };

/** true when this request is the first with this submission (it must answer and record or release). */
export async function claimSubmission(db: Kysely<Database>, id: string): Promise<boolean> {
  const inserted = await db.insertInto('form_submissions').values({ id }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/** Takes over a claim whose request never answered (its process stopped) after `staleSeconds`. */
export async function takeOverStaleSubmission(db: Kysely<Database>, id: string, staleSeconds: number): Promise<boolean> {
  const row = await db
    .updateTable('form_submissions')
    .set({ created_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'is', null)
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${staleSeconds})`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The recorded answer, 'pending' while the first request is still working, or null when there is none. */
export async function findSubmission(db: Kysely<Database>, id: string): Promise<RecordedAnswer | 'pending' | null> {
  const row = await db.selectFrom('form_submissions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  if (row.status === null) return 'pending';
  return { status: row.status, location: row.location, contentType: row.content_type, body: row.body };
}

export async function recordSubmission(db: Kysely<Database>, id: string, answer: RecordedAnswer): Promise<void> {
  await db.updateTable('form_submissions').set({ status: answer.status, location: answer.location, content_type: answer.contentType, body: answer.body }).where('id', '=', id).execute();
}

export async function releaseSubmission(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('form_submissions').where('id', '=', id).where('status', 'is', null).execute();
}

/** Forgets answers older than `hours`; returns how many. */
export async function deleteOldSubmissions(db: Kysely<Database>, hours: number): Promise<number> {
  const r = await db.deleteFrom('form_submissions').where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
