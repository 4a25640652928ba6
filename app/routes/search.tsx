import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { SelectField, submissionPageHeaders } from '../components/forms';
import { SaveSearchPanel } from '../components/search/save-search-form';
import { describeSearch } from '../domain/alerts';
import { countLabel } from '../domain/search/counts';
import { isProgramType, LISTING_KIND_LABELS, LISTING_KINDS, PROGRAM_TYPE_LABELS } from '../domain/vocabulary';
import { SaveSearchForm } from '../schemas/saved-searches';
import { getOptionalUser, requireUser } from '../services/auth.server';
import { saveSearch, savedParamsOf } from '../services/saved-searches.server';
import { eligibilityViewer, parseSearchParams, searchListings, type FacetCount, type Relaxation, type SearchParamsState } from '../services/search.server';
import { answerOnce, newSubmissionKey, NO_STORE, parseSubmission, readFormData, refused } from '../utils/forms.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.state.q ? `「${data.state.q}」の検索結果` : '検索'}｜起業人マッチ` },
  { name: 'robots', content: 'noindex' },
];

/**
 * Anyone may search; a signed-in company (class A/B) may also keep only the openings it may take.
 * A signed-in user may save the search (with a one-time key, so the page is then never cached).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context).catch(() => null);
  const state = parseSearchParams(new URL(request.url).searchParams);
  const viewer = eligibilityViewer(user);
  const found = await searchListings(context.search, { state, viewer });
  if (!user) return json({ ...found, save: null, signedIn: false });
  const params = savedParamsOf(state, viewer);
  return json({ ...found, save: { params, defaultName: describeSearch(params), submissionKey: newSubmissionKey() }, signedIn: true }, { headers: NO_STORE });
}

export const headers = submissionPageHeaders;

/** 「この検索条件を保存」: every filter is checked again (hidden fields can be edited); refused input is shown with the problems. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  const parsed = await parseSubmission(formData, SaveSearchForm);
  if (!parsed.ok) return refused(parsed.reply());
  const input = parsed.value;
  return answerOnce(context, formData, `saved-search.create:${user.id}`, async () => {
    const id = await saveSearch(context.db, user, input, context.clientIp);
    return redirect(`/settings/searches?saved=${id}`);
  });
}

const SORTS = [
  { value: 'relevance', label: '関連度順' },
  { value: 'newest', label: '新着順' },
];

const typeLabel = (t: string) => (isProgramType(t) ? PROGRAM_TYPE_LABELS[t] : t);

/** A /search URL for the current state with some parameters changed (undefined removes one). */
function hrefWith(state: SearchParamsState, changes: Partial<Record<keyof SearchParamsState, string | string[] | undefined>>) {
  const p = new URLSearchParams();
  const merged: Record<string, unknown> = { ...state, page: undefined, ...changes };
  for (const [key, value] of Object.entries(merged)) {
    if (Array.isArray(value)) for (const v of value) p.append(key, String(v));
    else if (value !== undefined && value !== '') p.set(key, String(value));
  }
  return `/search?${p}`;
}

export default function SearchPage() {
  const { state, result, relaxations, canFilterEligible, save, signedIn } = useLoaderData<typeof loader>();
  const saveResult = useActionData<typeof action>()?.result;
  // An estimated total can overshoot: a short page is the last one.
  const pages = !result.countsExact && result.hits.length < result.perPage ? result.page : Math.max(1, Math.ceil(result.total / result.perPage));
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-solid-gray-900">募集・ソリューションを探す</h1>

      <form method="get" action="/search" role="search" aria-label="検索条件" className="card space-y-4">
        <div>
          <label htmlFor="search-q" className="field-label">
            キーワード
          </label>
          <div className="flex flex-wrap gap-2">
            <input id="search-q" name="q" type="search" defaultValue={state.q} maxLength={200} className="field-input max-w-xl flex-1" aria-describedby="search-q-hint" />
            <button type="submit" className="btn-primary">
              検索
            </button>
          </div>
          <p id="search-q-hint" className="mt-1 hidden text-sm text-solid-gray-700 sm:block">
            複数の語はスペースで区切ります。「DX」と「デジタル化」、「空き家」と「空家」、ひらがなの地名（しまね）もまとめて探します。
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <SelectField name="kind" formId="search" label="種類" className="" defaultValue={state.kind ?? ''} placeholder="すべて" options={LISTING_KINDS.map((k) => ({ value: k, label: LISTING_KIND_LABELS[k] }))} />
          <SelectField name="sort" formId="search" label="並び順" className="" defaultValue={state.sort ?? 'relevance'} options={SORTS} />
          <label className="checkbox-row">
            <input type="checkbox" name="remote" value="1" defaultChecked={state.remote === '1'} />
            リモート可のみ
          </label>
          {canFilterEligible && (
            <label className="checkbox-row">
              <input type="checkbox" name="eligible" value="1" defaultChecked={state.eligible === '1'} />
              対象となる募集のみ（貴社から受け入れ可能な市町村）
            </label>
          )}
        </div>
        {state.category && <input type="hidden" name="category" value={state.category} />}
        {state.pref && <input type="hidden" name="pref" value={state.pref} />}
        {state.type.map((t) => (
          <input key={t} type="hidden" name="type" value={t} />
        ))}
        {state.eligibleClass && <input type="hidden" name="eligibleClass" value={state.eligibleClass} />}
        {state.eligiblePref && <input type="hidden" name="eligiblePref" value={state.eligiblePref} />}
      </form>

      {save ? (
        <SaveSearchPanel params={save.params} defaultName={save.defaultName} submissionKey={save.submissionKey} result={saveResult} />
      ) : !signedIn ? (
        <p className="text-sm">
          <a href={`/login?redirectTo=${encodeURIComponent(hrefWith(state, {}))}`}>ログイン</a>すると、この検索条件を保存して新着をメールで受け取れます。
        </p>
      ) : null}

      {result.degraded && (
        <p role="status" className="rounded-lg border border-yellow-700 bg-yellow-50 p-3">
          検索サーバーに接続できないため、簡易検索で結果を表示しています。掲載内容は失われておらず、復旧後に自動で反映されます。
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        {/* Beside the results on a wide screen; on a phone folded away under the results' heading. */}
        <aside aria-label="絞り込み" className="hidden space-y-5 lg:block">
          <Facets result={result} state={state} />
        </aside>

        <section aria-labelledby="results-title" className="space-y-4">
          <h2 id="results-title" className="text-xl font-bold" aria-live="polite">
            {state.q ? `「${state.q}」の検索結果` : '掲載中の募集・ソリューション'}：{countLabel(result.total, result.countsExact)}件
          </h2>
          {result.suggestion && (
            <p>
              もしかして：
              <Link to={hrefWith(state, { q: result.suggestion })} className="font-bold">
                {result.suggestion}
              </Link>
            </p>
          )}
          {hasFacets(result, state) && (
            <details className="rounded-lg border border-solid-gray-600 bg-white p-3 lg:hidden">
              <summary className="cursor-pointer font-bold">
                絞り込み（活動分野・類型・都道府県）{selectedCount(state) > 0 && `：${selectedCount(state)}件選択中`}
              </summary>
              <div className="mt-3 space-y-5">
                <Facets result={result} state={state} />
              </div>
            </details>
          )}
          {!result.countsExact && <p className="text-sm">該当件数が多いため、件数と絞り込みの件数は一部から見積もった概数です。</p>}
          {result.relaxed && result.total > 0 && <p className="text-sm">すべての語を含む結果が少ないため、一部の語を含む結果も表示しています。</p>}

          {result.total === 0 ? (
            <NoResults relaxations={relaxations} expansions={result.expansions} state={state} />
          ) : (
            <ol className="space-y-4" start={(result.page - 1) * result.perPage + 1}>
              {result.hits.map((hit) => (
                <li key={`${hit.kind}-${hit.id}`} className="card space-y-2">
                  <p className="text-sm text-solid-gray-700">
                    <span className="mr-2 rounded bg-blue-50 px-2 py-0.5 font-bold text-blue-900">{LISTING_KIND_LABELS[hit.kind]}</span>
                    {[hit.prefecture, hit.municipality].filter(Boolean).join(' ')}
                    {hit.remoteOk && '・リモート可'}
                    {hit.termMonths ? `・${hit.termMonths}か月` : ''}
                  </p>
                  <h3 className="text-lg font-bold [&_mark]:bg-yellow-200">
                    <a href={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                  </h3>
                  <p className="[&_mark]:bg-yellow-200 [&_mark]:font-bold" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                  <p className="text-sm text-solid-gray-700">
                    {hit.category}
                    {hit.types.length > 0 && `／${hit.types.map((t) => PROGRAM_TYPE_LABELS[t]).join('・')}`}
                  </p>
                </li>
              ))}
            </ol>
          )}

          {pages > 1 && (
            <nav aria-label="ページ" className="flex flex-wrap items-center gap-2">
              {result.page > 1 && <Link to={hrefWith(state, { page: String(result.page - 1) })}>前へ</Link>}
              {pageWindow(result.page, pages).map((p) =>
                p === result.page ? (
                  <span key={p} aria-current="page" className="rounded bg-blue-900 px-3 py-1 font-bold text-white">
                    {p}
                  </span>
                ) : (
                  <Link key={p} to={hrefWith(state, { page: String(p) })} className="px-3 py-1">
                    {p}
                  </Link>
                ),
              )}
              {result.page < pages && <Link to={hrefWith(state, { page: String(result.page + 1) })}>次へ</Link>}
            </nav>
          )}
        </section>
      </div>
    </div>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

const selectedCount = (state: SearchParamsState) => (state.category ? 1 : 0) + state.type.length + (state.pref ? 1 : 0);
const hasFacets = (result: PageData['result'], state: SearchParamsState) =>
  selectedCount(state) > 0 || result.facets.category.length + result.facets.type.length + result.facets.prefecture.length > 0;

function Facets({ result, state }: Pick<PageData, 'result' | 'state'>) {
  return (
    <>
      <Facet title="活動分野" name="category" exact={result.countsExact} items={result.facets.category} selected={state.category ? [state.category] : []} state={state} />
      <Facet title="類型" name="type" exact={result.countsExact} items={result.facets.type} selected={state.type} state={state} label={typeLabel} multi />
      <Facet title="都道府県" name="pref" exact={result.countsExact} items={result.facets.prefecture} selected={state.pref ? [state.pref] : []} state={state} />
    </>
  );
}

function Facet(props: { title: string; name: 'category' | 'type' | 'pref'; items: FacetCount[]; exact: boolean; selected: string[]; state: SearchParamsState; label?: (v: string) => string; multi?: boolean }) {
  const { title, name, items, exact, selected, state, label = (v) => v, multi } = props;
  if (!items.length && !selected.length) return null;
  const toggle = (v: string) => {
    const on = selected.includes(v);
    if (multi) return hrefWith(state, { [name]: on ? selected.filter((s) => s !== v) : [...selected, v] });
    return hrefWith(state, { [name]: on ? undefined : v });
  };
  const shown = [...selected.filter((s) => !items.some((i) => i.value === s)).map((value) => ({ value, count: 0 })), ...items].slice(0, 20);
  return (
    <div>
      <h2 className="mb-2 font-bold">{title}</h2>
      <ul className="flex flex-wrap gap-2">
        {shown.map((item) => {
          const on = selected.includes(item.value);
          return (
            <li key={item.value}>
              <Link
                to={toggle(item.value)}
                aria-current={on ? 'true' : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm no-underline ${on ? 'border-blue-900 bg-blue-900 text-white hover:text-white' : 'border-solid-gray-600 text-solid-gray-800'}`}
              >
                {on && <span aria-hidden="true">✓ </span>}
                {label(item.value)}（{countLabel(item.count, exact)}）<span className="sr-only">{on ? '：選択中、押すと解除' : '：押すと絞り込み'}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The URL of the current state without one filter. */
function hrefWithout(state: SearchParamsState, key: Relaxation['key']) {
  return hrefWith(state, key === 'eligible' ? { eligible: undefined, eligibleClass: undefined, eligiblePref: undefined } : { [key]: undefined });
}

function NoResults({ relaxations, expansions, state }: { relaxations: Relaxation[]; expansions: string[]; state: SearchParamsState }) {
  return (
    <div className="card space-y-3">
      <p className="font-bold">条件に合う募集・ソリューションは見つかりませんでした。</p>
      {relaxations.length > 0 && (
        <div>
          <p>次の条件を外すと見つかります：</p>
          <ul className="list-disc pl-6">
            {relaxations.map((r) => (
              <li key={r.key}>
                <Link to={hrefWithout(state, r.key)}>「{r.label}」の条件を外す（{r.total}件）</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {expansions.length > 0 && (
        <p>
          言い換えも試しました：
          {expansions.slice(0, 8).map((e) => (
            <Link key={e} to={hrefWith(state, { q: e })} className="mr-2">
              {e}
            </Link>
          ))}
        </p>
      )}
      <ul className="list-disc pl-6 text-sm">
        <li>語を減らすか、より一般的な語（例：「観光」「DX」「移住」）で検索してください。</li>
        <li>漢字・カタカナの表記を変えてみてください（例：「空家」→「空き家」）。</li>
      </ul>
    </div>
  );
}

function pageWindow(page: number, pages: number): number[] {
  const from = Math.max(1, Math.min(page - 2, pages - 4));
  return Array.from({ length: Math.min(5, pages) }, (_, i) => from + i);
}
