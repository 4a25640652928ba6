import type { SubmissionResult } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { KIND_LABELS, KIND_PATHS } from '../../domain/listings';
import type { EditForm, EditListingData } from '../../routes/__listings.server';
import { ErrorList, ErrorSummary, SubmitButton } from '../forms';
import { StatusBadge } from './listing-card';
import { ListingForm } from './listing-form';
import { DoneNotice, Notice } from '../notice';

const DONE: Record<string, string> = { attached: 'ファイルを添付しました。', detached: '添付ファイルを削除しました。' };

/** The edit page of a listing: the form, then its attachments (a separate multipart form). */
export function ListingEdit({ data, failed }: { data: EditListingData; failed?: { form: EditForm; result: SubmissionResult<string[]> } }) {
  const listingResult = failed?.form === 'listing' ? failed.result : undefined;
  const fileErrors = failed?.form === 'attachment' ? failed.result.error : undefined;
  const base = `${KIND_PATHS[data.kind]}/${data.id}`;
  return (
    <div>
      <nav aria-label="パンくずリスト" className="mb-4 text-sm">
        <Link to={KIND_PATHS[data.kind]}>{KIND_LABELS[data.kind]}</Link> ＞ <Link to={base}>{data.title}</Link> ＞ 編集
      </nav>
      <h1 className="page-title">
        掲載を編集 <StatusBadge kind={data.kind} status={data.status} closeReason={data.closeReason} />
      </h1>
      <DoneNotice done={data.done} messages={DONE} />
      {data.status === 'closed' ? (
        <Notice tone="warning" role="none" as="p" className="mb-6">終了した掲載は編集できません。掲載ページから再掲載してください。</Notice>
      ) : (
        <ListingForm kind={data.kind} mode="edit" defaultValue={data.values} result={listingResult} allowedTypes={data.allowedTypes} />
      )}

      <section aria-labelledby="attachments-title" className="mt-12 max-w-3xl">
        <h2 id="attachments-title" className="section-title">
          添付ファイル
        </h2>
        <p className="mb-4 text-sm">
          PDF・PNG・JPEG・WebP、1ファイル{data.maxBytes / 1024 / 1024}MBまで、{data.maxFiles}件まで。ファイルの中身で形式を確認します。
        </p>
        {data.attachments.length ? (
          <ul className="mb-6 space-y-2">
            {data.attachments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-4">
                <a href={`${base}/attachments/${a.id}`}>{a.fileName}</a>
                <span className="text-sm text-solid-gray-700">{Math.ceil(a.sizeBytes / 1024)}KB</span>
                <Form method="post">
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <SubmitButton name="intent" value="delete-attachment" className="btn-danger btn-small">
                    削除<span className="sr-only">（{a.fileName}）</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-6">添付ファイルはありません。</p>
        )}
        <Form method="post" encType="multipart/form-data" className="card" id="attachment" noValidate>
          <ErrorSummary result={failed?.form === 'attachment' ? failed.result : undefined} labels={{ file: 'ファイル', attachmentId: '添付ファイル' }} formId="attachment" />
          <label htmlFor="attachment-file" className="field-label">
            ファイルを追加
          </label>
          <input
            id="attachment-file"
            name="file"
            type="file"
            accept="application/pdf,image/png,image/jpeg,image/webp"
            className="mb-4 block w-full text-base"
            aria-invalid={fileErrors?.file?.length ? true : undefined}
            aria-describedby={fileErrors?.file?.length ? 'attachment-file-error' : undefined}
          />
          <ErrorList id="attachment-file-error" errors={fileErrors?.file ?? undefined} />
          <SubmitButton name="intent" value="upload" className="btn-secondary mt-4">
            アップロード
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
