import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requireMailViewer } from '../services/auth.server';
import { listMail, mailDate } from '../services/mail.server';

export const meta: MetaFunction = () => [{ title: '送信メール（開発用）｜起業人マッチ' }];

/** Mails written to DATA_DIR/mail/ when no SMTP server is configured: operators, or this machine with DEV_MAIL=1; absent in production. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMailViewer(request, context);
  return json({ mails: (await listMail(context.config)).map(({ file, to, subject, date }) => ({ file, to, subject, date: mailDate(date) })), smtp: Boolean(context.config.smtpUrl) });
}

export default function DevMail() {
  const { mails, smtp } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">送信メール（開発用）</h1>
      <p>SMTP_URL を設定していないとき、メールは送信されずにここに保存されます（DATA_DIR/mail/）。運営者としてログインしているとき、または DEV_MAIL=1 でこのコンピューターから開いたときだけ表示されます（本番環境では表示されません）。</p>
      {smtp ? <p>SMTP_URL が設定されているため、新しいメールは SMTP で送信されています。</p> : null}
      {mails.length === 0 ? (
        <p>まだメールはありません。</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="送信メール（横にスクロールできます）">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">送信メール（新しい順）</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600 text-left">
              <th scope="col" className="p-2">日時</th>
              <th scope="col" className="p-2">宛先</th>
              <th scope="col" className="p-2">件名</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.file} className="border-b border-solid-gray-200">
                <td className="whitespace-nowrap p-2">{m.date}</td>
                <td className="p-2">{m.to}</td>
                <td className="p-2">
                  <a href={`/dev/mail/${m.file}`}>{m.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}
