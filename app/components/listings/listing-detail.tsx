import type { SubmissionResult } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { KIND_LABELS, KIND_PATHS, categoryLabel, typeLabel } from '../../domain/listings';
import type { ListingDetailData } from '../../routes/__listings.server';
import { formatDateTime, formatWareki, formatWarekiMonth, formatYen } from '../../utils/dates';
import { IndividualProfile } from '../accounts/individual-profile';
import { FAVOURITE_MESSAGES, FavouriteButton, FavouriteSummary } from '../favourites/favourite-panel';
import { ErrorSummary, SelectField, SubmitButton } from '../forms';
import { DISMISSED_MESSAGE, ListingProposals } from '../proposals/proposal-list';
import { regionText, StatusBadge, termText } from './listing-card';
import { VerdictPanel } from './verdict-panel';
import { DoneNotice } from '../notice';

const DONE: Record<string, string> = {
  published: '掲載を公開しました。',
  saved: '下書きを保存しました。公開するまで他の団体からは見えません。',
  updated: '変更を保存しました。',
  closed: '掲載を終了しました。',
  ...FAVOURITE_MESSAGES,
  dismissed: DISMISSED_MESSAGE,
};

const ACTION_LABELS: Record<string, string> = { create: '作成', update: '編集', publish: '公開', close: '終了', reopen: '再掲載', expire: '締切' };

/** Long Markdown sections, rendered on the server and sanitised (see app/utils/markdown.ts). */
function Section({ id, title, html }: { id: string; title: string; html: string }) {
  if (!html) return null;
  return (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="section-title">
        {title}
      </h2>
      <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

/**
 * A listing's page: the texts, the facts, the reader's eligibility verdict and, for its organisation,
 * the lifecycle buttons. `preview`: the page as others will see it once published, for its
 * organisation, with the buttons that publish it or go back to the form instead of the management.
 */
export function ListingDetail({ data, result, preview = false }: { data: ListingDetailData; result?: SubmissionResult<string[]>; preview?: boolean }) {
  const { listing: l, kind, html } = data;
  const base = `${KIND_PATHS[kind]}/${l.id}`;
  const status = preview && data.status === 'draft' ? 'published' : data.status;
  return (
    <article aria-labelledby="listing-title">
      <nav aria-label="パンくずリスト" className="mb-4 text-sm">
        <Link to={KIND_PATHS[kind]}>{KIND_LABELS[kind]}</Link> ＞ {l.title}
      </nav>
      {preview ? <PreviewBar base={base} draft={data.status === 'draft'} /> : null}
      <DoneNotice done={data.done} messages={DONE} />
      <ErrorSummary result={result} labels={{ intent: '操作', reason: '終了の理由' }} formId="lifecycle" />
      <div className="mb-2 flex flex-wrap gap-2">
        <StatusBadge kind={kind} status={status} closeReason={l.closeReason} />
        {l.categories.map((c) => (
          <span key={c} className="badge badge-blue">
            {categoryLabel(c)}
          </span>
        ))}
      </div>
      <h1 id="listing-title" className="page-title">
        {l.title}
      </h1>
      <p className="mb-2 text-lg">
        <Link to={`/orgs/${data.owner.id}`}>{data.owner.name}</Link>
        {data.place && kind === 'opening' && data.place !== data.owner.name ? <span className="ml-2 text-solid-gray-700">（{data.place}）</span> : null}
      </p>
      <p className="mb-8 text-lg">{l.summary}</p>

      {preview ? null : <VerdictPanel verdicts={data.verdicts} />}

      {data.canEdit && !preview ? <OwnerActions kind={kind} id={l.id} status={status} closeReason={l.closeReason} /> : null}

      {data.proposals && !preview ? <ListingProposals kind={kind} proposals={data.proposals} /> : null}

      <div className="grid gap-10 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0">
          <Section id="sec-body" title={kind === 'opening' ? '地域の課題と背景' : '解決できる課題'} html={html.body} />
          <Section id="sec-duties" title="お願いしたい業務" html={html.duties} />
          <Section id="sec-skills" title={kind === 'opening' ? '求めるスキル・経験' : 'スキル・専門性'} html={html.skills} />
          <Section id="sec-track" title="実績" html={html.trackRecord} />
          <Section id="sec-conditions" title={kind === 'opening' ? '住まい・活動の支援' : '条件'} html={html.conditions} />
          {data.ownerProfile ? (
            <div className="mb-8">
              <IndividualProfile name={data.owner.name} profile={data.ownerProfile} />
            </div>
          ) : null}
          {data.attachments.length ? (
            <section aria-labelledby="sec-files" className="mb-8">
              <h2 id="sec-files" className="section-title">
                添付資料
              </h2>
              <ul className="list-disc space-y-1 pl-6">
                {data.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`${base}/attachments/${a.id}`} download>
                      {a.fileName}
                    </a>{' '}
                    <span className="text-sm text-solid-gray-700">（{a.mime === 'application/pdf' ? 'PDF' : '画像'}・{Math.ceil(a.sizeBytes / 1024)}KB）</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <aside aria-labelledby="facts-title" className="card h-fit">
          <h2 id="facts-title" className="mb-4 text-lg font-bold">
            概要
          </h2>
          <dl className="space-y-3">
            <Fact label={kind === 'opening' ? '受け入れる類型' : '対応できる類型'}>{l.types.map(typeLabel).join('・')}</Fact>
            <Fact label="期間">{termText(l.termMinMonths, l.termMaxMonths)}</Fact>
            {l.startFrom ? <Fact label={kind === 'opening' ? '開始希望' : '開始可能'}>{formatWarekiMonth(l.startFrom)}</Fact> : null}
            {kind === 'opening' && l.daysOnSite !== null ? <Fact label="現地活動">月{l.daysOnSite}日程度</Fact> : null}
            <Fact label="リモートワーク">{l.remoteOk ? '一部可能' : '原則現地'}</Fact>
            {kind === 'opening' && (l.budgetMinYen !== null || l.budgetMaxYen !== null) ? (
              <Fact label="負担金（年額）">
                {l.budgetMinYen !== null ? formatYen(l.budgetMinYen) : ''}〜{l.budgetMaxYen !== null ? formatYen(l.budgetMaxYen) : ''}
              </Fact>
            ) : null}
            {kind === 'solution' ? <Fact label="地域">{regionText(l.regionAnywhere, l.regionPrefCodes)}</Fact> : null}
            {kind === 'solution' && l.headcount ? <Fact label="人数">{l.headcount}人</Fact> : null}
            {l.deadline ? (
              <Fact label="応募締切">
                <time dateTime={l.deadline}>{formatWareki(l.deadline)}</time>
              </Fact>
            ) : null}
            <Fact label="担当">{l.contactName}</Fact>
            {data.signedIn ? (
              <Fact label="連絡先">
                <a href={`mailto:${l.contactEmail}`}>{l.contactEmail}</a>
                {l.contactPhone ? <span className="block">{l.contactPhone}</span> : null}
              </Fact>
            ) : (
              <Fact label="連絡先">
                <a href={`/login?redirectTo=${encodeURIComponent(base)}`}>ログイン</a>すると表示されます
              </Fact>
            )}
            {l.publishedAt ? <Fact label="公開日">{formatWareki(l.publishedAt)}</Fact> : null}
            <Fact label="更新日">{formatWareki(l.updatedAt)}</Fact>
          </dl>
          {data.canApply ? (
            <Link to={`${base}/${kind === 'opening' ? 'apply' : 'scout'}`} className="btn-primary mt-6 w-full">
              {kind === 'opening' ? 'この募集に応募する' : '提供者にスカウトを送る'}
            </Link>
          ) : null}
          {data.favourites.mine && !preview ? <FavouriteButton action={`${base}/favourite`} mine={data.favourites.mine} /> : null}
          {data.favourites.owner && !preview ? <FavouriteSummary owner={data.favourites.owner} /> : null}
        </aside>
      </div>

      {data.canEdit && !preview && data.revisions.length ? (
        <section aria-labelledby="sec-history" className="mt-10">
          <h2 id="sec-history" className="section-title">
            編集履歴
          </h2>
          <ol className="space-y-1 text-sm">
            {data.revisions.map((r) => (
              <li key={r.revision}>
                第{r.revision}版 {formatDateTime(r.createdAt)} {ACTION_LABELS[r.action] ?? r.action}
                {r.userName ? `（${r.userName}）` : ''}
                {r.changed.length && r.action === 'update' ? `: ${r.changed.length}項目を変更` : ''}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

/** Above a preview: what it is, and 「公開する」 (posted to the listing's page) or back to the form. */
function PreviewBar({ base, draft }: { base: string; draft: boolean }) {
  return (
    <section aria-labelledby="preview-title" className="card mb-8 border-blue-900" data-testid="preview-bar">
      <h2 id="preview-title" className="mb-2 text-lg font-bold">
        プレビュー
      </h2>
      <p className="mb-4">
        {draft ? '公開すると、この内容が他の団体に表示されます。まだ公開されていません（下書き）。' : 'この掲載は既に公開されています。他の団体にはこのように表示されます。'}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        {draft ? (
          <Form method="post" action={base}>
            <SubmitButton name="intent" value="publish">
              公開する
            </SubmitButton>
          </Form>
        ) : null}
        <Link to={`${base}/edit`} className="btn-secondary">
          編集に戻る
        </Link>
        <Link to={base}>掲載の管理へ</Link>
      </div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-bold text-solid-gray-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function OwnerActions({ kind, id, status, closeReason }: { kind: string; id: number; status: string; closeReason: string | null }) {
  const base = `${KIND_PATHS[kind as 'opening']}/${id}`;
  return (
    <section aria-labelledby="owner-title" className="card mb-8 border-blue-900">
      <h2 id="owner-title" className="mb-3 text-lg font-bold">
        掲載の管理
      </h2>
      <div className="flex flex-wrap items-end gap-4">
        {status !== 'closed' ? (
          <Link to={`${base}/edit`} className="btn-secondary btn-small">
            編集する
          </Link>
        ) : null}
        {status === 'draft' ? (
          <Link to={`${base}/preview`} className="btn-secondary btn-small">
            プレビュー
          </Link>
        ) : null}
        {status === 'draft' ? (
          <Form method="post">
            <SubmitButton name="intent" value="publish" className="btn-primary btn-small">
              公開する
            </SubmitButton>
          </Form>
        ) : null}
        {status === 'closed' && closeReason !== 'filled' ? (
          <Form method="post">
            <SubmitButton name="intent" value="reopen" className="btn-primary btn-small">
              再掲載する
            </SubmitButton>
          </Form>
        ) : null}
        {status === 'published' || status === 'expired' || status === 'draft' ? (
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <SelectField
              name="reason"
              formId="lifecycle"
              label="終了の理由"
              className=""
              defaultValue={status === 'draft' ? 'withdrawn' : 'filled'}
              options={[...(status !== 'draft' ? [{ value: 'filled', label: '決定済み（人材が決まった）' }] : []), { value: 'withdrawn', label: '取り下げ' }]}
            />
            <SubmitButton name="intent" value="close" className="btn-danger btn-small">
              {kind === 'opening' ? '募集を終了' : '掲載を終了'}
            </SubmitButton>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
