import { useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Field, SelectField, SubmitButton } from '../components/forms';
import { Notice } from '../components/notice';
import { ALERT_FREQUENCIES, ALERT_FREQUENCY_LABELS, type AlertFrequency } from '../domain/alerts';
import { UPDATE_SAVED_SEARCH_LABELS, UpdateSavedSearchForm } from '../schemas/saved-searches';
import { requireUser } from '../services/auth.server';
import { deleteSavedSearch, getOwnSavedSearch, listSavedSearches, updateSavedSearch } from '../services/saved-searches.server';
import { asErrorResponse, invariantResponse } from '../utils/errors';
import { NO_STORE, parseSubmission, readFormData, refused } from '../utils/forms.server';
import { idParam } from '../utils/params';

/* /settings/searches: the user's own saved searches: run, rename, alert frequency, delete. */

export const meta: MetaFunction = () => [{ title: '保存した検索条件｜起業人マッチ' }];

const DONE = { saved: '検索条件を保存しました。', updated: '変更を保存しました。', deleted: '検索条件を削除しました。' } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const done = (Object.keys(DONE) as (keyof typeof DONE)[]).find((k) => url.searchParams.has(k)) ?? null;
  return json({ searches: await listSavedSearches(context.db, user), done }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  const id = idParam(String(formData.get('id') ?? ''), '検索条件');
  const intent = formData.get('intent');
  // Someone else's search reads as missing before anything about the input is said.
  await getOwnSavedSearch(context.db, user, id).catch(asErrorResponse);
  if (intent === 'delete') {
    await deleteSavedSearch(context.db, user, id, context.clientIp).catch(asErrorResponse);
    return redirect('/settings/searches?deleted');
  }
  invariantResponse(intent === 'update', '操作が正しくありません。');
  const parsed = await parseSubmission(formData, UpdateSavedSearchForm);
  if (!parsed.ok) return refused(parsed.reply(), 400, { id });
  await updateSavedSearch(context.db, user, id, parsed.value, context.clientIp).catch(asErrorResponse);
  return redirect('/settings/searches?updated');
}

type Row = { id: number; name: string; frequency: AlertFrequency; summary: string; href: string };

function SavedSearchRow({ s, result }: { s: Row; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: `search-${s.id}`,
    lastResult: result,
    defaultValue: { name: s.name, frequency: s.frequency },
    constraint: getZodConstraint(UpdateSavedSearchForm.fields),
  });
  return (
    <li className="card space-y-3" data-testid="saved-search">
      <h2 className="text-lg font-bold">{s.name}</h2>
      <p className="text-sm text-solid-gray-700">
        条件：{s.summary}／お知らせ：{ALERT_FREQUENCY_LABELS[s.frequency]}
      </p>
      <p>
        <a href={s.href}>この条件で検索する</a>
      </p>
      <Form method="post" id={form.id} className="space-y-3" noValidate>
        <ErrorSummary result={result} labels={UPDATE_SAVED_SEARCH_LABELS} formId={form.id} />
        <input type="hidden" name="id" value={s.id} />
        <Field field={fields.name} label="名前" />
        <SelectField field={fields.frequency} label="新着のお知らせ" options={ALERT_FREQUENCIES.map((f) => ({ value: f, label: ALERT_FREQUENCY_LABELS[f] }))} />
        <SubmitButton name="intent" value="update">
          変更を保存
        </SubmitButton>
      </Form>
      <Form method="post">
        <input type="hidden" name="id" value={s.id} />
        <SubmitButton name="intent" value="delete" className="btn-secondary btn-small">
          「{s.name}」を削除
        </SubmitButton>
      </Form>
    </li>
  );
}

export default function SavedSearches() {
  const { searches, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <a href="/settings">設定</a> <span aria-hidden="true">›</span> 保存した検索条件
      </nav>
      <h1 className="page-title">保存した検索条件</h1>
      {done ? <Notice tone="success">{DONE[done]}</Notice> : null}
      <p>
        <a href="/search">検索</a>の画面で「この検索条件を保存する」から追加できます。新着の掲載は、選んだ頻度でメールと「お知らせ」にまとめてお届けします。
      </p>
      {searches.length === 0 ? <p>保存した検索条件はまだありません。</p> : null}
      <ul className="space-y-4">
        {searches.map((s) => (
          <SavedSearchRow key={s.id} s={s} result={data && 'id' in data && data.id === s.id ? data.result : undefined} />
        ))}
      </ul>
    </div>
  );
}
