import type { FieldErrors } from '../schemas/form';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findProfile, findProfilePhoto, setProfilePhoto, upsertProfile } from '../../db/queries/profiles';
import { CAREER_ROWS, PHOTO_RULES, type CareerEntry } from '../domain/accounts/profile';
import type { OrganisationStatus, Role, SessionUser } from '../domain/accounts/types';
import { can } from '../domain/policy';
import type { FormValuesOf } from '../schemas/form';
import type { IndividualProfileForm } from '../schemas/profile';
import { ServiceError } from '../utils/errors';
import { isUuid } from '../utils/params';
import { audit } from './audit.server';
import { findMunicipality } from './municipalities.server';

/*
 * An individual's profile: edited by the individual, read by municipalities (and operators) before a
 * scout. The photo is judged by its bytes (JPEG, PNG or WebP), then decoded and written again by
 * sharp as a 400×400 WebP: metadata (EXIF, GPS, ICC comments) is not copied, and nothing the person
 * uploaded is ever served as it was.
 */

export type ProfileInput = FormValuesOf<typeof IndividualProfileForm.shape>;
type Org = { id: string; kind: Role; status: OrganisationStatus };

const resource = (org: Org) => ({ type: 'organisation' as const, id: org.id, kind: org.kind, status: org.status });

/** The profile as the page shows it (no contact data: that stays with the organisation's members). */
export async function readProfile(db: Kysely<Database>, organisationId: string) {
  const row = await findProfile(db, organisationId);
  if (!row) return null;
  return {
    residence: row.residence_name ? `${row.residence_pref}${row.residence_name}` : null,
    skills: row.skills,
    careers: row.careers as CareerEntry[],
    daysPerMonth: row.days_per_month,
    hoursPerMonth: row.hours_per_month,
    onsiteFrequency: row.onsite_frequency,
    availableFrom: row.available_from,
    photo: row.has_photo ? `/orgs/${organisationId}/photo?v=${new Date(row.photo_updated_at!).getTime()}` : null,
  };
}

export type ProfileView = NonNullable<Awaited<ReturnType<typeof readProfile>>>;

/** The profile for a reader who may see it, else null (anonymous visitors, companies, the ministry). */
export async function profileFor(db: Kysely<Database>, viewer: SessionUser | null, org: Org): Promise<ProfileView | null> {
  if (org.kind !== 'individual' || !can(viewer, 'profile.view', resource(org))) return null;
  return readProfile(db, org.id);
}

export async function saveProfile(db: Kysely<Database>, user: SessionUser, input: ProfileInput, ip: string): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  if (!can(user, 'profile.edit', resource({ id: user.organisationId, kind: user.role, status: user.organisation.status }))) throw new ServiceError(403, 'プロフィールを編集できるのは個人の方ご本人だけです。');
  let residenceLgCode: string | null = null;
  if (input.residence) {
    const found = await findMunicipality(db, input.residence);
    if (!found.ok) return { ok: false, errors: { residence: [found.message] } };
    residenceLgCode = found.municipality.lgCode;
  }
  const row = input as Record<string, string | number | null>;
  const careers: CareerEntry[] = [];
  for (let n = 1; n <= CAREER_ROWS; n += 1) {
    const employer = String(row[`career${n}Employer`] ?? '');
    if (!employer) continue;
    careers.push({ employer, role: String(row[`career${n}Role`] ?? ''), fromYear: Number(row[`career${n}From`]), toYear: (row[`career${n}To`] as number | null) ?? null });
  }
  await db.transaction().execute(async (trx) => {
    await upsertProfile(trx, user.organisationId, {
      residenceLgCode,
      skills: input.skills,
      careers,
      daysPerMonth: input.daysPerMonth,
      hoursPerMonth: input.hoursPerMonth,
      onsiteFrequency: input.onsiteFrequency,
      availableFrom: input.availableFrom,
    });
    await audit(trx, { actor: user, action: 'account.profile_edit', targetType: 'organisation', targetId: user.organisationId, ip, details: { careers: careers.length } });
  });
  return { ok: true };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}MB`;

/** Checks an uploaded photo by its content and returns the re-encoded WebP, or a Japanese reason. */
export async function preparePhoto(bytes: Uint8Array): Promise<{ ok: true; webp: Buffer } | { ok: false; message: string }> {
  if (bytes.byteLength === 0) return { ok: false, message: 'ファイルが空です。' };
  if (bytes.byteLength > PHOTO_RULES.maxBytes) return { ok: false, message: `写真は${mb(PHOTO_RULES.maxBytes)}以下にしてください。` };
  // Both libraries serve this rare upload only: loaded when first used (tests/integration/startup-imports.test.ts).
  const [{ fileTypeFromBuffer }, { default: sharp }] = await Promise.all([import('file-type'), import('sharp')]);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(PHOTO_RULES.mimeTypes as readonly string[]).includes(detected.mime)) {
    return { ok: false, message: '写真はJPEG・PNG・WebPの画像にしてください（ファイルの中身で判定しています）。' };
  }
  try {
    const webp = await sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' })
      .rotate() // the EXIF orientation is applied to the pixels, then the metadata is dropped
      .resize(PHOTO_RULES.size, PHOTO_RULES.size, { fit: 'cover', position: 'attention' })
      .webp({ quality: 82 })
      .toBuffer();
    return { ok: true, webp };
  } catch {
    return { ok: false, message: '画像を読み込めませんでした。別の写真を選んでください。' };
  }
}

export async function saveProfilePhoto(db: Kysely<Database>, user: SessionUser, bytes: Uint8Array | null, ip: string): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!can(user, 'profile.edit', resource({ id: user.organisationId, kind: user.role, status: user.organisation.status }))) throw new ServiceError(403, 'プロフィールを編集できるのは個人の方ご本人だけです。');
  let webp: Buffer | null = null;
  if (bytes) {
    const prepared = await preparePhoto(bytes);
    if (!prepared.ok) return prepared;
    webp = prepared.webp;
  }
  await db.transaction().execute(async (trx) => {
    await setProfilePhoto(trx, user.organisationId, webp);
    await audit(trx, { actor: user, action: webp ? 'account.photo_upload' : 'account.photo_remove', targetType: 'organisation', targetId: user.organisationId, ip });
  });
  return { ok: true };
}

/** The stored photo for a reader who may see the profile; 404 for everyone else. */
export async function profilePhoto(db: Kysely<Database>, viewer: SessionUser | null, organisationId: string, org: Org | null) {
  if (!isUuid(organisationId) || !org || !can(viewer, 'profile.view', resource(org))) throw new ServiceError(404, '写真が見つかりません。');
  const row = await findProfilePhoto(db, organisationId);
  if (!row?.photo) throw new ServiceError(404, '写真が見つかりません。');
  return row.photo;
}
