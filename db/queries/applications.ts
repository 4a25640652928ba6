import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { ApplicationStateCode, NewApplicationRow } from '../types/applications';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertApplication(trx: Db, row: NewApplicationRow): Promise<number> {
  const { id } = await trx.insertInto('applications').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The application with what every page about it shows: listing title, both organisations' names, its conversation. */
function selectApplications(db: Db) {
  return db
    .selectFrom('applications as a')
    .innerJoin('listings as l', 'l.id', 'a.listing_id')
    .innerJoin('organisations as ao', 'ao.id', 'a.applicant_organisation_id')
    .innerJoin('organisations as oo', 'oo.id', 'a.owner_organisation_id')
    .innerJoin('conversations as c', 'c.application_id', 'a.id')
    .selectAll('a')
    .select([
      'l.title as listing_title',
      'ao.name as applicant_name',
      'ao.kind as applicant_kind',
      'oo.name as owner_name',
      'oo.kind as owner_kind',
      'c.id as conversation_id',
      'c.last_seq',
      'c.last_message_at',
    ]);
}

export type ApplicationRecord = NonNullable<Awaited<ReturnType<typeof findApplicationById>>>;

export function findApplicationById(db: Db, id: number) {
  return selectApplications(db).where('a.id', '=', id).executeTakeFirst();
}

/** Locks the application for the rest of the transaction, so two state changes cannot interleave. */
export function lockApplication(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findOpenApplication(db: Db, listingId: number, applicantOrganisationId: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'state'])
    .where('listing_id', '=', listingId)
    .where('applicant_organisation_id', '=', applicantOrganisationId)
    .where('state', 'not in', ['withdrawn', 'declined'])
    .executeTakeFirst();
}

export async function updateApplicationState(trx: Db, id: number, state: ApplicationStateCode, reason: string | null) {
  await trx
    .updateTable('applications')
    .set({ state, state_reason: reason, state_changed_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function insertApplicationEvent(
  trx: Db,
  e: { application_id: number; from_state: ApplicationStateCode | null; to_state: ApplicationStateCode; actor_user_id: string | null; actor_organisation_id: string | null; reason: string | null },
) {
  await trx.insertInto('application_events').values(e).execute();
}

export function findApplicationEvents(db: Db, applicationId: number) {
  return db.selectFrom('application_events').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
}

/**
 * An organisation's applications on both sides, newest activity first, with the unread count
 * for one user (messages from the other side after the user's read mark).
 */
export function findApplicationsForOrganisation(db: Db, organisationId: string, userId: string) {
  return selectApplications(db)
    .leftJoin('conversation_reads as r', (j) => j.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', userId))
    .select((eb) =>
      eb
        .selectFrom('messages as m')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.conversation_id', '=', 'c.id')
        .where(sql<boolean>`m.seq > coalesce(r.last_read_seq, 0)`)
        .where(sql<boolean>`m.sender_organisation_id is distinct from ${organisationId}`)
        .where('m.kind', '!=', 'system')
        .as('unread'),
    )
    .where((eb) => eb.or([eb('a.applicant_organisation_id', '=', organisationId), eb('a.owner_organisation_id', '=', organisationId)]))
    .orderBy(sql`coalesce(c.last_message_at, a.updated_at)`, 'desc')
    .orderBy('a.id', 'desc')
    .limit(200)
    .execute();
}

export function findOrganisationMembers(db: Db, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .execute();
}

export function findOrganisationName(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}

// interview slots

export async function insertSlots(
  trx: Db,
  rows: { application_id: number; message_id: number | null; proposed_by_user_id: string; proposed_by_organisation_id: string; starts_at: Date; ends_at: Date; location: string }[],
) {
  if (rows.length === 0) return [];
  return trx.insertInto('interview_slots').values(rows).returningAll().execute();
}

export function findSlots(db: Db, applicationId: number) {
  return db.selectFrom('interview_slots').selectAll().where('application_id', '=', applicationId).orderBy('starts_at').orderBy('id').execute();
}

export function lockSlot(trx: Transaction<Database>, applicationId: number, slotId: number) {
  return trx.selectFrom('interview_slots').selectAll().where('application_id', '=', applicationId).where('id', '=', slotId).forUpdate().executeTakeFirst();
}

export function findSlot(db: Db, applicationId: number, slotId: number) {
  return db.selectFrom('interview_slots').selectAll().where('application_id', '=', applicationId).where('id', '=', slotId).executeTakeFirst();
}

/** Accepting one slot closes the other open ones of the application. */
export async function acceptSlot(trx: Db, applicationId: number, slotId: number, userId: string) {
  await trx
    .updateTable('interview_slots')
    .set({ status: 'declined' })
    .where('application_id', '=', applicationId)
    .where('status', '=', 'proposed')
    .where('id', '!=', slotId)
    .execute();
  await trx.updateTable('interview_slots').set({ status: 'accepted', accepted_by_user_id: userId, accepted_at: sql`now()` }).where('id', '=', slotId).execute();
}
