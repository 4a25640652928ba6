import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';
import type { NewOrganisation, NewUser, OrganisationUpdate } from '../types/accounts';

type Db = Kysely<Database> | Transaction<Database>;

export function findOrganisationById(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationBySlug(db: Db, slug: string) {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findActiveOrganisationByLgCode(db: Db, lgCode: string) {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('kind', '=', 'municipality')
    .where('lg_code', '=', lgCode)
    .where('status', '<>', 'rejected')
    .executeTakeFirst();
}

export function findActiveCompanyByCorporateNumber(db: Db, corporateNumber: string) {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('kind', '=', 'company')
    .where('corporate_number', '=', corporateNumber)
    .where('status', '<>', 'rejected')
    .executeTakeFirst();
}

export function insertOrganisation(db: Db, row: NewOrganisation) {
  return db.insertInto('organisations').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateOrganisation(db: Db, id: string, changes: OrganisationUpdate) {
  return db
    .updateTable('organisations')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertUser(db: Db, row: NewUser) {
  return db.insertInto('users').values({ ...row, email: row.email.toLowerCase() }).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(db: Db, id: string, changes: Partial<Omit<NewUser, 'id'>>) {
  return db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function listOrganisationMembers(db: Db, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'org_role', 'email_verified_at', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .execute();
}

/** The owner of an organisation (its first member), to whom review results are sent. */
export function findOrganisationOwner(db: Db, organisationId: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('org_role', 'desc')
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Organisations waiting for review, oldest first, with the applicant and the municipality names. */
export function listPendingOrganisations(db: Db) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('municipalities as m', 'm.lg_code', 'o.lg_code')
    .leftJoin('municipalities as h', 'h.lg_code', 'o.head_office_lg_code')
    .select([
      'o.id', 'o.kind', 'o.name', 'o.slug', 'o.lg_code', 'o.head_office_lg_code', 'o.corporate_number', 'o.company_class',
      'o.department', 'o.phone', 'o.website', 'o.evidence', 'o.created_at',
      'm.pref_name as municipality_pref', 'm.name as municipality_name', 'h.pref_name as head_office_pref', 'h.name as head_office_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('users as u')
        .select('u.email')
        .whereRef('u.organisation_id', '=', 'o.id')
        .orderBy('u.created_at')
        .limit(1)
        .as('applicant_email'),
      eb
        .selectFrom('users as u')
        .select('u.name')
        .whereRef('u.organisation_id', '=', 'o.id')
        .orderBy('u.created_at')
        .limit(1)
        .as('applicant_name'),
      eb
        .selectFrom('users as u')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('u.organisation_id', '=', 'o.id')
        .where('u.email_verified_at', 'is not', null)
        .as('verified_members'),
    ])
    .where('o.status', '=', 'pending')
    // An individual's one-person organisation is approved by confirming the e-mail address: never reviewed.
    .where('o.kind', '!=', 'individual')
    .orderBy('o.created_at')
    .execute();
}

/** The public profile of an organisation with its municipality / head-office names. */
export function findOrganisationProfile(db: Db, id: string) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('municipalities as m', 'm.lg_code', 'o.lg_code')
    .leftJoin('municipalities as h', 'h.lg_code', 'o.head_office_lg_code')
    .select([
      'o.id', 'o.kind', 'o.status', 'o.name', 'o.slug', 'o.lg_code', 'o.head_office_lg_code', 'o.corporate_number', 'o.company_class',
      'o.individual_track', 'o.website', 'o.description', 'o.created_at',
      'm.pref_name as municipality_pref', 'm.name as municipality_name', 'h.pref_name as head_office_pref', 'h.name as head_office_name',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}
