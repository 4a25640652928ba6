import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';
import type { CareerEntry, OnsiteFrequency } from '../types/profiles';

export type ProfileValues = {
  residenceLgCode: string | null;
  skills: string;
  careers: CareerEntry[];
  daysPerMonth: number | null;
  hoursPerMonth: number | null;
  onsiteFrequency: OnsiteFrequency | null;
  availableFrom: string | null;
};

/** The profile without the photo bytes (whether there is one, and since when). */
export function findProfile(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('individual_profiles as p')
    .leftJoin('municipalities as m', 'm.lg_code', 'p.residence_lg_code')
    .select([
      'p.residence_lg_code',
      'm.pref_name as residence_pref',
      'm.name as residence_name',
      'p.skills',
      'p.careers',
      'p.days_per_month',
      'p.hours_per_month',
      'p.onsite_frequency',
      sql<string | null>`to_char(p.available_from, 'YYYY-MM-DD')`.as('available_from'),
      sql<boolean>`p.photo is not null`.as('has_photo'),
      'p.photo_updated_at',
    ])
    .where('p.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export function upsertProfile(db: Kysely<Database>, organisationId: string, v: ProfileValues) {
  const values = {
    residence_lg_code: v.residenceLgCode,
    skills: v.skills,
    careers: JSON.stringify(v.careers),
    days_per_month: v.daysPerMonth,
    hours_per_month: v.hoursPerMonth,
    onsite_frequency: v.onsiteFrequency,
    available_from: v.availableFrom,
    updated_at: new Date(),
  };
  return db
    .insertInto('individual_profiles')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}

export function setProfilePhoto(db: Kysely<Database>, organisationId: string, photo: Buffer | null) {
  const values = { photo, photo_updated_at: photo ? new Date() : null, updated_at: new Date() };
  return db
    .insertInto('individual_profiles')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}

export function findProfilePhoto(db: Kysely<Database>, organisationId: string) {
  return db.selectFrom('individual_profiles').select(['photo', 'photo_updated_at']).where('organisation_id', '=', organisationId).where('photo', 'is not', null).executeTakeFirst();
}
