import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from '../components/forms';
import { Notice } from '../components/notice';
import { CAREER_ROWS, ONSITE_FREQUENCIES, ONSITE_FREQUENCY_LABELS, PHOTO_RULES } from '../domain/accounts/profile';
import { INDIVIDUAL_PROFILE_LABELS, IndividualProfileForm } from '../schemas/profile';
import { assertCan, requireUser, type SessionUser } from '../services/auth.server';
import { findMunicipality } from '../services/municipalities.server';
import { readProfile, saveProfile, saveProfilePhoto } from '../services/profiles.server';
import { parseSubmission, readFormData, readMultipartFormData, refused } from '../utils/forms.server';
import { asErrorResponse } from '../utils/errors';

/* /settings/profile: an individual's profile for municipalities (career, skills, residence, availability) and photo. */

export const meta: MetaFunction = () => [{ title: 'プロフィールの編集｜起業人マッチ' }];

const orgResource = (user: SessionUser) => ({ type: 'organisation' as const, id: user.organisationId, kind: user.role, status: user.organisation.status });
type Intent = 'profile' | 'photo';
const FREQUENCY_OPTIONS = ONSITE_FREQUENCIES.map((value) => ({ value, label: ONSITE_FREQUENCY_LABELS[value] }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  assertCan(request, user, 'profile.edit', orgResource(user));
  const profile = await readProfile(context.db, user.organisationId);
  const values: Record<string, string> = {
    residence: profile?.residence ?? '',
    skills: profile?.skills ?? '',
    daysPerMonth: profile?.daysPerMonth ? String(profile.daysPerMonth) : '',
    hoursPerMonth: profile?.hoursPerMonth ? String(profile.hoursPerMonth) : '',
    onsiteFrequency: profile?.onsiteFrequency ?? '',
    availableFrom: profile?.availableFrom ?? '',
  };
  (profile?.careers ?? []).slice(0, CAREER_ROWS).forEach((c, i) => {
    values[`career${i + 1}Employer`] = c.employer;
    values[`career${i + 1}Role`] = c.role;
    values[`career${i + 1}From`] = String(c.fromYear);
    values[`career${i + 1}To`] = c.toYear === null ? '' : String(c.toYear);
  });
  return json({ orgId: user.organisationId, values, photo: profile?.photo ?? null, saved: new URL(request.url).searchParams.get('saved') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  assertCan(request, user, 'profile.edit', orgResource(user));
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const { formData, tooLarge } = await readMultipartFormData(request, PHOTO_RULES.maxBytes);
    const photoError = (message: string, status = 400) => json({ intent: 'photo' as Intent, photoError: message }, { status });
    if (tooLarge) return photoError(`写真は${PHOTO_RULES.maxBytes / 1024 / 1024}MB以下にしてください。`, 413);
    if (formData.get('intent') === 'remove-photo') {
      await saveProfilePhoto(context.db, user, null, context.clientIp).catch(asErrorResponse);
      return redirect('/settings/profile?saved=photo-removed');
    }
    const file = formData.get('photo');
    if (!(file instanceof File) || file.size === 0) return photoError('写真のファイルを選んでください。');
    const result = await saveProfilePhoto(context.db, user, new Uint8Array(await file.arrayBuffer()), context.clientIp).catch(asErrorResponse);
    if (!result.ok) return photoError(result.message);
    return redirect('/settings/profile?saved=photo');
  }
  const formData = await readFormData(request);
  // The residence is looked up in the municipality master with the other checks, so one answer lists every problem.
  const parsed = await parseSubmission(formData, IndividualProfileForm, [
    async (v, report) => {
      if (!v.residence) return;
      const found = await findMunicipality(context.db, v.residence);
      if (!found.ok) report('residence', found.message);
    },
  ]);
  if (!parsed.ok) return refused(parsed.reply(), 400, { intent: 'profile' as Intent, photoError: null });
  const result = await saveProfile(context.db, user, parsed.value, context.clientIp).catch(asErrorResponse);
  if (!result.ok) return refused(parsed.reply({ fieldErrors: result.errors }), 400, { intent: 'profile' as Intent, photoError: null });
  return redirect('/settings/profile?saved=profile');
}

const SAVED: Record<string, string> = { profile: 'プロフィールを保存しました。', photo: '写真を登録しました。', 'photo-removed': '写真を削除しました。' };

export default function ProfileSettings() {
  const { orgId, values, photo, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const profileResult = data && 'result' in data && data.intent === 'profile' ? data.result : undefined;
  const [form, f] = useForm({
    id: 'profile',
    lastResult: profileResult,
    defaultValue: values,
    constraint: getZodConstraint(IndividualProfileForm.fields),
  });
  const field = (name: string) => (f as unknown as Record<string, Parameters<typeof Field>[0]['field']>)[name];
  const photoError = data?.intent === 'photo' ? data.photoError : null;
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <h1 className="text-3xl font-bold">プロフィールの編集</h1>
      <p>
        自治体の方がスカウトの前に読むプロフィールです。ログインした自治体の職員と運営者だけに表示され、ログインしていない方には表示されません（
        <a href={`/orgs/${orgId}`}>公開ページ</a>）。
      </p>
      {saved && SAVED[saved] ? <Notice tone="success">{SAVED[saved]}</Notice> : null}

      <section aria-labelledby="photo-title" className="card space-y-4">
        <h2 id="photo-title" className="text-xl font-bold">
          写真
        </h2>
        {photo ? <img src={photo} alt="登録している写真" width={160} height={160} className="rounded-lg" /> : <p>写真は登録されていません。</p>}
        <Form method="post" encType="multipart/form-data" className="space-y-3" noValidate>
          <div>
            <label htmlFor="photo-file" className="field-label">
              写真のファイル<span className="optional-mark">任意</span>
            </label>
            <p id="photo-file-description" className="text-sm text-solid-gray-700">
              JPEG・PNG・WebP、5MBまで。正方形（400×400）に縮小し、撮影日時や位置情報（EXIF・GPS）は取り除いて保存します。
            </p>
            <input
              id="photo-file"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              className="block w-full max-w-full text-base"
              aria-describedby={photoError ? 'photo-file-description photo-file-error' : 'photo-file-description'}
              aria-invalid={photoError ? true : undefined}
            />
            {photoError ? (
              <p id="photo-file-error" className="field-error" role="alert">
                {photoError}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-4">
            <SubmitButton className="btn-secondary" name="intent" value="upload-photo">
              写真を登録する
            </SubmitButton>
            {photo ? (
              <button type="submit" name="intent" value="remove-photo" className="btn-danger">
                写真を削除する
              </button>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="profile-title" className="card space-y-4">
        <h2 id="profile-title" className="text-xl font-bold">
          経歴・スキル・稼働できる時間
        </h2>
        <Form method="post" id={form.id} className="space-y-6" noValidate>
          <ErrorSummary result={profileResult} labels={INDIVIDUAL_PROFILE_LABELS} formId={form.id} />
          <Field field={f.residence} label="お住まいの市区町村" hint="例：長野県松本市。公開ページには市区町村まで表示します（番地は登録しません）。" />
          <TextareaField field={f.skills} label="スキル・得意分野" rows={4} hint="例：自治体DX、観光マーケティング、データ分析" />
          <fieldset className="space-y-4">
            <legend className="text-lg font-bold">職歴（新しい順に{CAREER_ROWS}件まで）</legend>
            {Array.from({ length: CAREER_ROWS }, (_, i) => i + 1).map((n) => (
              <div key={n} className="grid gap-3 rounded-lg border border-solid-gray-200 p-3 sm:grid-cols-2">
                <Field field={field(`career${n}Employer`)} label={`職歴${n}：勤務先`} hint={n === 1 ? '入力した行は開始年も必須です。' : undefined} />
                <Field field={field(`career${n}Role`)} label={`職歴${n}：役職・仕事`} />
                <Field field={field(`career${n}From`)} label={`職歴${n}：開始年`} inputMode="numeric" hint="西暦（例：2015）" />
                <Field field={field(`career${n}To`)} label={`職歴${n}：終了年`} inputMode="numeric" hint="在職中は空欄" />
              </div>
            ))}
          </fieldset>
          <fieldset className="space-y-4">
            <legend className="text-lg font-bold">稼働できる時間</legend>
            <Field field={f.daysPerMonth} label="月の稼働日数" inputMode="numeric" hint="例：8（日）" />
            <Field field={f.hoursPerMonth} label="月の稼働時間" inputMode="numeric" hint="例：40（時間）" />
            <SelectField field={f.onsiteFrequency} label="現地に行ける頻度" options={FREQUENCY_OPTIONS} placeholder="選んでください" />
            <Field field={f.availableFrom} label="開始できる日" type="date" />
          </fieldset>
          <SubmitButton>プロフィールを保存する</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
