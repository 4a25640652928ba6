import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { ErrorSummary, FieldErrors, TextAreaField, TextField, type Errors } from '../components/accounts/fields';
import { CompanySignupSchema, fieldErrors, IndividualSignupSchema, MunicipalitySignupSchema } from '../domain/accounts/schemas';
import { INDIVIDUAL_TRACK_LABELS, INDIVIDUAL_TRACKS } from '../domain/accounts/types';
import { signUp } from '../services/accounts.server';
import { getOptionalUser } from '../services/auth.server';
import { formValues, keepInput } from '../services/forms.server';

const TITLES = { municipality: '自治体の登録', company: '企業の登録', individual: '個人の登録' } as const;
type Kind = keyof typeof TITLES;
const isKind = (k: string | undefined): k is Kind => k === 'municipality' || k === 'company' || k === 'individual';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? TITLES[data.kind] : '新規登録'}｜起業人マッチ` }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  if (!isKind(params.kind)) throw new Response('見つかりません。', { status: 404 });
  if (await getOptionalUser(request, context)) throw redirect('/settings');
  return json({ kind: params.kind });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const kind = params.kind;
  if (!isKind(kind)) throw new Response('見つかりません。', { status: 404 });
  const values = await formValues(request);
  const fail = (errors: Errors, status = 400) => json({ errors, values: keepInput(values) }, { status });
  let result;
  if (kind === 'municipality') {
    const p = MunicipalitySignupSchema.safeParse(values);
    if (!p.success) return fail(fieldErrors(p.error));
    result = await signUp(context, { kind, data: p.data }, context.clientIp);
  } else if (kind === 'company') {
    const p = CompanySignupSchema.safeParse(values);
    if (!p.success) return fail(fieldErrors(p.error));
    result = await signUp(context, { kind, data: p.data }, context.clientIp);
  } else {
    const p = IndividualSignupSchema.safeParse(values);
    if (!p.success) return fail(fieldErrors(p.error));
    result = await signUp(context, { kind, data: p.data }, context.clientIp);
  }
  if (!result.ok) return fail(result.errors);
  const track = kind === 'individual' ? `&track=${encodeURIComponent(values.track ?? '')}` : '';
  return redirect(`/signup/sent?kind=${kind}${track}`);
}

const LABELS: Record<string, string> = {
  name: '氏名', email: 'メールアドレス', password: 'パスワード', municipality: '自治体名', department: '担当部署', phone: '電話番号',
  evidence: '確認資料', companyName: '法人名', corporateNumber: '法人番号', headOffice: '本社所在地', website: 'ウェブサイト',
  track: '働き方', employerName: '勤務先', employerHeadOffice: '勤務先の本社所在地', description: '自己紹介',
};

export default function Signup() {
  const { kind } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors;
  const v = (data?.values ?? {}) as Record<string, string>;
  return (
    <section aria-labelledby="signup-title" className="mx-auto max-w-2xl space-y-6">
      <h1 id="signup-title" className="text-3xl font-bold">
        {TITLES[kind]}
      </h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      <Form method="post" className="space-y-5" noValidate>
        {kind === 'municipality' ? (
          <>
            <TextField name="municipality" label="自治体名" errors={errors} defaultValue={v.municipality} hint="都道府県名から入力してください（例：島根県 海士町）。全国地方公共団体コード（6桁）でも構いません。" />
            <TextField name="department" label="担当部署" errors={errors} defaultValue={v.department} hint="例：企画財政課 地域振興係" />
          </>
        ) : null}
        {kind === 'company' ? (
          <>
            <TextField name="companyName" label="法人名" errors={errors} defaultValue={v.companyName} autoComplete="organization" />
            <TextField name="corporateNumber" label="法人番号" inputMode="numeric" errors={errors} defaultValue={v.corporateNumber} hint="国税庁が指定する13桁の番号です（全角数字でも入力できます）。" />
            <TextField name="headOffice" label="本社所在地の市区町村" errors={errors} defaultValue={v.headOffice} hint="登記上の本店所在地（例：東京都千代田区）。制度上の区分（A・B）の判定に使います。" />
            <TextField name="department" label="担当部署" errors={errors} defaultValue={v.department} />
            <TextField name="website" label="ウェブサイト" type="url" required={false} errors={errors} defaultValue={v.website} />
          </>
        ) : null}
        {kind === 'individual' ? <IndividualFields errors={errors} values={v} /> : null}
        {kind !== 'individual' ? (
          <>
            <TextField name="phone" label="電話番号" type="tel" autoComplete="tel" errors={errors} defaultValue={v.phone} hint="審査の際に、運営者からこの番号に確認の連絡をすることがあります。" />
            <TextAreaField
              name="evidence"
              label="確認資料"
              errors={errors}
              defaultValue={v.evidence}
              hint="所属を確認できる情報を記入してください（例：担当部署の公式ウェブページのURL、職員名簿の掲載箇所、代表電話番号）。運営者だけが見ます。"
            />
          </>
        ) : null}
        <TextField name="name" label={kind === 'individual' ? '氏名' : '担当者の氏名'} autoComplete="name" errors={errors} defaultValue={v.name} />
        <TextField name="email" label="メールアドレス" type="email" autoComplete="email" errors={errors} defaultValue={v.email} hint="確認のためのメールを送ります。" />
        <TextField name="password" label="パスワード" type="password" autoComplete="new-password" errors={errors} hint="10文字以上。推測されやすいものやメールアドレスを含むものは使えません。" />
        <button type="submit" className="btn-primary">
          登録して確認メールを受け取る
        </button>
      </Form>
    </section>
  );
}

function IndividualFields({ errors, values }: { errors?: Errors; values: Record<string, string> }) {
  const [track, setTrack] = useState(values.track ?? '');
  const trackErrors = errors?.track ?? [];
  return (
    <>
      <fieldset className="space-y-2" aria-describedby={trackErrors.length ? 'f-track-error' : undefined}>
        <legend className="field-label">
          働き方<span className="ml-2 text-sm font-normal text-red-800">必須</span>
        </legend>
        {INDIVIDUAL_TRACKS.map((t, i) => (
          <label key={t} className="flex items-center gap-2">
            <input type="radio" name="track" value={t} id={i === 0 ? 'f-track' : undefined} defaultChecked={values.track === t} onChange={() => setTrack(t)} aria-invalid={trackErrors.length ? true : undefined} />
            {INDIVIDUAL_TRACK_LABELS[t]}
          </label>
        ))}
        <FieldErrors id="f-track-error" messages={trackErrors} />
      </fieldset>
      {track === 'freelance' ? (
        <p role="note" className="rounded-lg border-2 border-yellow-700 bg-yellow-50 p-4" data-testid="freelance-notice">
          フリーランス・自営業の方は、企業に雇用されていないため<strong>副業型の対象になりません</strong>（副業型は企業に勤める方が対象です）。登録してソリューションを掲載することはできますが、特別交付税措置の対象となる起業人としての受入れはできません。
        </p>
      ) : null}
      <TextField name="employerName" label="勤務先（退職した方は元の勤務先）" required={false} errors={errors} defaultValue={values.employerName} hint="副業型・シニア型の方は必須です。" />
      <TextField name="employerHeadOffice" label="勤務先の本社所在地の市区町村" required={false} errors={errors} defaultValue={values.employerHeadOffice} hint="例：東京都港区。制度上の区分（A・B）の判定に使います。" />
      <TextAreaField name="description" label="自己紹介" required={false} errors={errors} defaultValue={values.description} rows={4} />
    </>
  );
}
