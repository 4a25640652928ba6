import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Checkbox, ErrorSummary, submissionPageHeaders, Field, SelectField, SubmitButton, TextareaField } from '../components/forms';
import { INQUIRY_CATEGORIES, INQUIRY_LIMITS, inquiryReference } from '../domain/inquiries';
import { CONTACT_LABELS, ContactForm } from '../schemas/contact';
import { getOptionalUser } from '../services/auth.server';
import { submitInquiry } from '../services/inquiries.server';
import { refusalOf } from '../utils/errors';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';
import { Notice } from '../components/notice';

export const headers = submissionPageHeaders;

export const meta: MetaFunction = () => [{ title: 'お問い合わせ｜起業人マッチ' }];

/** Name of the field people never see (display: none); a form that fills it was not sent by a person. */
const HONEYPOT = 'website';
const SENT = /^KM-\d{6,}$/;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  const sent = new URL(request.url).searchParams.get('sent');
  return json(
    {
      sent: sent === null ? null : SENT.test(sent) ? sent : '',
      defaults: { name: user?.name ?? '', email: user?.email ?? '', organisation: user?.organisation.name ?? '', submissionKey: crypto.randomUUID() },
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  // Answer a filled honeypot as if the inquiry was received, so the sender learns nothing.
  if (String(formData.get(HONEYPOT) ?? '') !== '') return redirect('/contact?sent=');
  const parsed = await parseSubmission(formData, ContactForm);
  if (!parsed.ok) return refused(parsed.reply());
  const user = await getOptionalUser(request, context);
  try {
    const { id } = await submitInquiry(context.db, context.config, parsed.value, {
      ip: context.clientIp,
      user: user ? { id: user.id, organisationId: user.organisationId, email: user.email } : null,
    });
    return redirect(`/contact?sent=${inquiryReference(id)}`);
  } catch (error) {
    const refusal = refusalOf(error);
    return refused(parsed.reply({ formErrors: [refusal.message] }), refusal.status);
  }
}

export default function Contact() {
  const { sent, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<Record<keyof typeof CONTACT_LABELS, string>>({ id: 'field', lastResult: result, defaultValue: defaults, constraint: getZodConstraint(ContactForm.fields) });
  if (sent !== null) {
    return (
      <section aria-labelledby="contact-title" className="max-w-3xl space-y-6">
        <h1 id="contact-title" className="page-title">
          お問い合わせを受け付けました
        </h1>
        <Notice tone="success">
          <p>
            お問い合わせありがとうございます。{sent ? <>受付番号は <strong data-testid="inquiry-reference">{sent}</strong> です。</> : null}
          </p>
          <p>担当者が内容を確認し、ご入力のメールアドレスへ回答します。回答までに数日いただくことがあります。</p>
        </Notice>
        <p>
          <a href="/">トップページへ戻る</a>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="contact-title" className="max-w-3xl">
      <h1 id="contact-title" className="page-title">
        お問い合わせ
      </h1>
      <p className="mb-4">
        起業人マッチの使い方、アカウント、不具合、アクセシビリティ、個人情報の取扱いなどについてお問い合わせいただけます。担当者がメールで回答します。
      </p>
      <p className="mb-8 text-sm">
        地域活性化起業人制度そのもの（特別交付税措置の対象や額）については、制度を所管する総務省へお問い合わせください。掲載の内容については、各掲載の担当者へご連絡ください。
      </p>
      <Form method="post" id={form.id} noValidate>
        <ErrorSummary result={result} labels={CONTACT_LABELS} />
        <Field field={fields.name} label="お名前" required autoComplete="name" maxLength={INQUIRY_LIMITS.nameMax} />
        <Field field={fields.email} label="メールアドレス" type="email" required autoComplete="email" hint="回答をお送りします。" />
        <Field field={fields.organisation} label="ご所属" autoComplete="organization" maxLength={INQUIRY_LIMITS.organisationMax} hint="自治体名・会社名など（任意）" />
        <SelectField field={fields.category} label="お問い合わせの種類" required placeholder="選んでください" options={INQUIRY_CATEGORIES.map((c) => ({ value: c.id, label: c.label }))} />
        <TextareaField field={fields.body} label="お問い合わせ内容" required rows={8} maxLength={INQUIRY_LIMITS.bodyMax} hint={`${INQUIRY_LIMITS.bodyMax}文字以内。パスワードは書かないでください。`} />
        <Checkbox
          field={fields.agree}
          label="プライバシーポリシーに同意して送信します"
          hint={
            <>
              お名前・メールアドレス・内容と送信元のIPアドレスを記録し、回答のために使います（<a href="/privacy">プライバシーポリシー</a>）。
            </>
          }
        />
        <input type="hidden" name={fields.submissionKey.name} value={fields.submissionKey.initialValue as string} />
        <div className="hp-field" aria-hidden="true">
          <label htmlFor="field-website">ウェブサイト（入力しないでください）</label>
          <input id="field-website" name={HONEYPOT} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <SubmitButton>送信する</SubmitButton>
      </Form>
    </section>
  );
}
