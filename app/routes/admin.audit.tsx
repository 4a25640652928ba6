import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { listAudit } from '../services/audit.server';
import { requireCan } from '../services/auth.server';
import { formatDateTime } from '../utils/dates';

export const meta: MetaFunction = () => [{ title: '監査ログ｜起業人マッチ 管理' }];

const PAGE = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.audit');
  const q = new URL(request.url).searchParams;
  const before = Number(q.get('before'));
  const filter = { action: q.get('action')?.trim() || undefined, actor: q.get('actor')?.trim() || undefined, targetId: q.get('target')?.trim() || undefined };
  const rows = await listAudit(context.db, { ...filter, beforeId: Number.isInteger(before) && before > 0 ? before : undefined, limit: PAGE });
  return json({ rows, filter, next: rows.length === PAGE ? rows[rows.length - 1].id : null });
}

export default function AuditLog() {
  const { rows, filter, next } = useLoaderData<typeof loader>();
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), ...extra } as Record<string, string>).toString();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">監査ログ</h1>
      <p>登録・承認・ログイン・掲載・応募などすべての変更の記録です（変更・削除はできません）。</p>
      <Form method="get" className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="action" className="field-label">
            操作（前方一致）
          </label>
          <input id="action" name="action" className="field-input" defaultValue={filter.action} placeholder="auth. / organisation." />
        </div>
        <div>
          <label htmlFor="actor" className="field-label">
            操作者のメールアドレス
          </label>
          <input id="actor" name="actor" type="email" className="field-input" defaultValue={filter.actor} />
        </div>
        <div>
          <label htmlFor="target" className="field-label">
            対象ID
          </label>
          <input id="target" name="target" className="field-input" defaultValue={filter.targetId} />
        </div>
        <button type="submit" className="btn-secondary">
          絞り込む
        </button>
      </Form>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">監査ログ（新しい順）</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600 text-left">
              <th scope="col" className="p-2">日時</th>
              <th scope="col" className="p-2">操作者</th>
              <th scope="col" className="p-2">操作</th>
              <th scope="col" className="p-2">対象</th>
              <th scope="col" className="p-2">IP</th>
              <th scope="col" className="p-2">詳細</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-solid-gray-200 align-top" data-testid="audit-row">
                <td className="whitespace-nowrap p-2">{formatDateTime(r.at)}</td>
                <td className="p-2">{r.actor_email ?? (r.actor_user_id ? r.actor_user_id : '（未ログイン）')}</td>
                <td className="p-2 font-mono">{r.action}</td>
                <td className="break-all p-2">
                  {r.target_type}
                  {r.target_id ? `: ${r.target_id}` : ''}
                </td>
                <td className="p-2">{r.ip}</td>
                <td className="break-all p-2 font-mono text-xs">{Object.keys(r.details ?? {}).length ? JSON.stringify(r.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? <a href={`/admin/audit?${qs({ before: String(next) })}`}>さらに古い記録</a> : null}
    </div>
  );
}
