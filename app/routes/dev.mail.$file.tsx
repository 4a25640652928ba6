import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import { requireMailViewer } from '../services/auth.server';
import { mailDate, readMail } from '../services/mail.server';

export const meta: MetaFunction = () => [{ title: '送信メール（開発用）｜起業人マッチ' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMailViewer(request, context);
  const mail = await readMail(context.config, params.file ?? '');
  if (!mail) throw new Response('見つかりません。', { status: 404 });
  return json({ mail: { ...mail, date: mailDate(mail.date) } });
}

/** Links in the mail become clickable so the demo can follow confirmation and reset links. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{/^https?:\/\//.test(p) ? <a href={new URL(p).pathname}>{p}</a> : p}</Fragment>
      ))}
    </>
  );
}

export default function DevMailMessage() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <article className="space-y-4">
      <p>
        <a href="/dev/mail">一覧へ戻る</a>
      </p>
      <h1 className="text-2xl font-bold">{mail.subject}</h1>
      <dl className="grid grid-cols-[6rem_1fr] gap-1 text-sm">
        <dt className="font-bold">宛先</dt>
        <dd>{mail.to}</dd>
        <dt className="font-bold">日時</dt>
        <dd>{mail.date}</dd>
      </dl>
      <pre className="card whitespace-pre-wrap break-all font-sans" data-testid="mail-body">
        <Linked text={mail.text} />
      </pre>
    </article>
  );
}
