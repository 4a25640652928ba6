import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { Checkbox, ChoiceGroup, ErrorSummary, Field, SubmissionKey, submissionPageHeaders, SubmitButton, TextareaField } from '../components/forms';
import { INDIVIDUAL_TRACK_LABELS, INDIVIDUAL_TRACKS } from '../domain/accounts/types';
import { LEGAL_VERSIONS } from '../domain/legal';
import type { FormCheck } from '../schemas/form';
import { CompanySignupForm, IndividualSignupForm, MunicipalitySignupForm, SIGNUP_LABELS, signupFormOf, type SignupKind } from '../schemas/signup';
import { signUp, signupProblems } from '../services/accounts.server';
import { getOptionalUser } from '../services/auth.server';
import { invariantResponse } from '../utils/errors';
import { answerOnce, NO_STORE, newSubmissionKey, parseSubmission, readFormData, refused } from '../utils/forms.server';
import { Notice } from '../components/notice';

const TITLES = { municipality: '自治体の登録', company: '企業の登録', individual: '個人の登録' } as const;
const isKind = (k: string | undefined): k is SignupKind => k === 'municipality' || k === 'company' || k === 'individual';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? TITLES[data.kind] : '新規登録'}｜起業人マッチ` }];

export const headers = submissionPageHeaders;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const kind = params.kind;
  invariantResponse(isKind(kind), '見つかりません。', { status: 404 });
  if (await getOptionalUser(request, context)) throw redirect('/settings');
  return json({ kind, submissionKey: newSubmissionKey(), legal: LEGAL_VERSIONS }, { headers: NO_STORE });
}

/** What the person agreed to by ticking the box: the versions in force. */
const CONSENTS = [
  { document: 'terms', version: LEGAL_VERSIONS.terms.id },
  { document: 'privacy', version: LEGAL_VERSIONS.privacy.id },
] as const;

export async function action({ params, request, context }: ActionFunctionArgs) {
  const kind = params.kind;
  invariantResponse(isKind(kind), '見つかりません。', { status: 404 });
  const formData = await readFormData(request);
  // Two quick clicks send the same form twice: one account, and both answered with the「確認メールを送信しました」page.
  return answerOnce(context, formData, `signup:${kind}`, async () => {
    // The municipality or head office typed, and whether it is already registered, are checked with the rest.
    const databaseChecks: FormCheck<Record<string, unknown>> = async (v, report) => {
      for (const [field, messages] of Object.entries(await signupProblems(context.db, kind, v as Record<string, string | undefined>))) for (const m of messages) report(field, m);
    };
    const consents = [...CONSENTS];
    let result;
    if (kind === 'municipality') {
      const parsed = await parseSubmission(formData, MunicipalitySignupForm, [databaseChecks]);
      if (!parsed.ok) return refused(parsed.reply());
      result = await signUp(context, { kind, data: parsed.value, consents }, context.clientIp);
      if (!result.ok) return refused(parsed.reply({ fieldErrors: result.errors }));
    } else if (kind === 'company') {
      const parsed = await parseSubmission(formData, CompanySignupForm, [databaseChecks]);
      if (!parsed.ok) return refused(parsed.reply());
      result = await signUp(context, { kind, data: parsed.value, consents }, context.clientIp);
      if (!result.ok) return refused(parsed.reply({ fieldErrors: result.errors }));
    } else {
      const parsed = await parseSubmission(formData, IndividualSignupForm, [databaseChecks]);
      if (!parsed.ok) return refused(parsed.reply());
      result = await signUp(context, { kind, data: parsed.value, consents }, context.clientIp);
      if (!result.ok) return refused(parsed.reply({ fieldErrors: result.errors }));
      return redirect(`/signup/sent?kind=${kind}&track=${encodeURIComponent(parsed.value.track)}`);
    }
    return redirect(`/signup/sent?kind=${kind}`);
  });
}

const TRACK_OPTIONS = INDIVIDUAL_TRACKS.map((t) => ({ value: t, label: INDIVIDUAL_TRACK_LABELS[t] }));

export default function Signup() {
  const { kind, submissionKey, legal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<Record<string, string>>({ id: 'field', lastResult: result, constraint: getZodConstraint(signupFormOf(kind).fields) });
  const f = fields as unknown as Record<string, Parameters<typeof Field>[0]['field']>;
  const labels = SIGNUP_LABELS[kind];
  const [track, setTrack] = useState(typeof f.track?.initialValue === 'string' ? f.track.initialValue : '');
  return (
    <section aria-labelledby="signup-title" className="mx-auto max-w-2xl space-y-6">
      <h1 id="signup-title" className="text-3xl font-bold">
        {TITLES[kind]}
      </h1>
      <Form method="post" id={form.id} className="space-y-5" noValidate>
        <ErrorSummary result={result} labels={labels} />
        <SubmissionKey value={submissionKey} />
        {kind === 'municipality' ? (
          <>
            <Field field={f.municipality} label={labels.municipality} required hint="都道府県名から入力してください（例：島根県 海士町）。全国地方公共団体コード（6桁）でも構いません。" />
            <Field field={f.department} label={labels.department} required hint="例：企画財政課 地域振興係" />
          </>
        ) : null}
        {kind === 'company' ? (
          <>
            <Field field={f.companyName} label={labels.companyName} required autoComplete="organization" />
            <Field field={f.corporateNumber} label={labels.corporateNumber} required inputMode="numeric" hint="国税庁が指定する13桁の番号です（全角数字でも入力できます）。" />
            <Field field={f.headOffice} label={labels.headOffice} required hint="登記上の本店所在地（例：東京都千代田区、大阪市北区）。制度上の区分（A・B）の判定に使います。" />
            <Field field={f.department} label={labels.department} required />
            <Field field={f.website} label={labels.website} type="url" />
          </>
        ) : null}
        {kind === 'individual' ? (
          <>
            <ChoiceGroup field={f.track} type="radio" legend={labels.track} required options={TRACK_OPTIONS} columns={1} onChoose={setTrack} />
            {track === 'freelance' ? (
              <Notice tone="warning" as="p" testId="freelance-notice">
                フリーランス・自営業の方は、企業に雇用されていないため<strong>副業型の対象になりません</strong>（副業型は企業に勤める方が対象です）。登録してソリューションを掲載することはできますが、特別交付税措置の対象となる起業人としての受入れはできません。
              </Notice>
            ) : null}
            {/* Required for 副業型 and シニア型, not for freelancers: the mark follows the choice (with JavaScript) and the hint says so. */}
            <Field field={f.employerName} label="勤務先（退職した方は元の勤務先）" required={track !== 'freelance'} hint="副業型・シニア型の方は必須です。" />
            <Field field={f.employerHeadOffice} label="勤務先の本社所在地の市区町村" required={track !== 'freelance'} hint="副業型・シニア型の方は必須です。例：東京都港区。制度上の区分（A・B）の判定に使います。" />
            <TextareaField field={f.description} label={labels.description} rows={4} />
          </>
        ) : null}
        {kind !== 'individual' ? (
          <>
            <Field field={f.phone} label={labels.phone} required type="tel" autoComplete="tel" hint="審査の際に、運営者からこの番号に確認の連絡をすることがあります。" />
            <TextareaField
              field={f.evidence}
              label={labels.evidence}
              required
              rows={5}
              hint="所属を確認できる情報を記入してください（例：担当部署の公式ウェブページのURL、職員名簿の掲載箇所、代表電話番号）。運営者だけが見ます。"
            />
          </>
        ) : null}
        <Field field={f.name} label={labels.name} required autoComplete="name" />
        <Field field={f.email} label={labels.email} required type="email" autoComplete="email" hint="確認のためのメールを送ります。" />
        <Field field={f.password} label={labels.password} required type="password" autoComplete="new-password" hint="10文字以上。推測されやすいものやメールアドレスを含むものは使えません。" />
        <Checkbox
          field={f.agree}
          label="利用規約とプライバシーポリシーに同意する"
          hint={
            <>
              <a href="/terms" target="_blank" rel="noopener">
                利用規約
              </a>
              （版：{legal.terms.id}）と
              <a href="/privacy" target="_blank" rel="noopener">
                プライバシーポリシー
              </a>
              （版：{legal.privacy.id}）は新しいタブで開きます。同意した版と日時を記録します。
            </>
          }
        />
        <SubmitButton>登録して確認メールを受け取る</SubmitButton>
      </Form>
    </section>
  );
}
