import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, auditActionLabel, describeAuditDetails } from '../domain/audit';
import { listAudit } from '../services/audit.server';
import { requireCan } from '../services/auth.server';
import { formatDateTime } from '../utils/dates';
import { SelectField } from '../components/forms';

export const meta: MetaFunction = () => [{ title: '監査ログ｜起業人マッチ 管理' }];

const PAGE = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.audit');
  const q = new URL(request.url).searchParams;
  const before = Number(q.get('before'));
  const filter = { action: q.get('action')?.trim() || undefined, actor: q.get('actor')?.trim() || undefined, targetId: q.get('target')?.trim() || undefined };
  const found = await listAudit(context.db, { ...filter, beforeId: Number.isInteger(before) && before > 0 ? before : undefined, limit: PAGE });
  // What the page shows: labels, names and readable details; the ids stay on the server (the target id only as a filter link).
  const rows = found.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor_name ? `${r.actor_name}${r.actor_email ? `（${r.actor_email}）` : ''}` : (r.actor_email ?? (r.actor_user_id ? '（削除されたアカウント）' : '（未ログイン）')),
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    target: [AUDIT_TARGET_LABELS[r.target_type] ?? r.target_type, r.target_name].filter(Boolean).join('：'),
    targetId: r.target_id,
    ip: r.ip,
    details: describeAuditDetails(r.details as Record<string, unknown>, formatDateTime),
  }));
  return json({ rows, filter, next: found.length === PAGE ? found[found.length - 1].id : null });
}

/** The action filter: each area's actions under its heading, the area as a whole first. */
const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_GROUPS).map(([prefix, group]) => ({
  group,
  options: [{ value: prefix, label: `${group}のすべて` }, ...Object.entries(AUDIT_ACTION_LABELS).filter(([code]) => code.startsWith(prefix)).map(([code, label]) => ({ value: code, label }))],
}));

export default function AuditLog() {
  const { rows, filter, next } = useLoaderData<typeof loader>();
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), ...extra } as Record<string, string>).toString();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">監査ログ</h1>
      <p>登録・承認・ログイン・掲載・応募などすべての変更の記録です（変更・削除はできません）。</p>
      <Form method="get" className="flex flex-wrap items-end gap-4">
        <SelectField name="action" formId="audit" label="操作" unmarked className="" placeholder="すべて" defaultValue={filter.action ?? ''} options={ACTION_OPTIONS} />
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
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="監査ログ（横にスクロールできます）">
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
                <td className="break-all p-2">{r.actor}</td>
                <td className="p-2" data-action={r.action}>
                  {r.actionLabel}
                </td>
                <td className="break-all p-2">
                  {r.targetId ? <a href={`/admin/audit?${new URLSearchParams({ target: r.targetId })}`}>{r.target}</a> : r.target}
                </td>
                <td className="p-2">{r.ip}</td>
                <td className="p-2 text-xs">
                  {r.details.length ? (
                    <dl>
                      {r.details.map((d) => (
                        <div key={d.label}>
                          <dt className="inline font-bold">{d.label}：</dt>
                          <dd className="inline break-all">{d.value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? <a href={`/admin/audit?${qs({ before: String(next) })}`}>さらに古い記録</a> : null}
    </div>
  );
}
