import { isRouteErrorResponse, useRouteError, type ErrorResponse } from '@remix-run/react';
import type { ReactNode } from 'react';

/*
 * The one error page, used by the root and by routes (Epic Stack's GeneralErrorBoundary). A thrown
 * Response shows its status with the Japanese message the loader or action gave it, e.g.
 * 「404 お探しのページは見つかりませんでした」 over 「掲載が見つかりません。」; anything else is a
 * fault and shows a generic apology (the server logs the details).
 */

const TITLES: Record<number, string> = {
  400: 'リクエストの内容に誤りがあります',
  403: 'このページを表示する権限がありません',
  404: 'お探しのページは見つかりませんでした',
  405: 'この操作はできません',
  409: '操作を完了できませんでした',
  413: '送信された内容が大きすぎます',
  415: '送信された形式には対応していません',
  429: '操作の回数が多すぎます',
};

const DEFAULTS: Record<number, string> = {
  400: '入力内容を確認して、もう一度お試しください。',
  403: 'この操作を行う権限がありません。',
  404: 'URLが正しいか確認してください。',
  409: 'ページを開き直して、最新の状態を確認してください。',
  429: 'しばらく時間をおいてから、もう一度お試しください。',
};

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The message our own code put in the Response (always Japanese); framework texts such as "Not Found" are not shown. */
export function errorMessageOf(error: ErrorResponse): string | null {
  return typeof error.data === 'string' && JAPANESE.test(error.data) ? error.data.trim() : null;
}

export type StatusHandler = (props: { error: ErrorResponse; message: string | null }) => ReactNode;

function DefaultStatus({ error, message }: { error: ErrorResponse; message: string | null }) {
  return (
    <>
      <h1 id="error-title" className="text-2xl font-bold">
        {error.status} {TITLES[error.status] ?? 'エラー'}
      </h1>
      <p data-testid="error-message">{message ?? DEFAULTS[error.status] ?? '問題が発生しました。'}</p>
    </>
  );
}

function Unexpected() {
  return (
    <>
      <h1 id="error-title" className="text-2xl font-bold">
        エラーが発生しました
      </h1>
      <p>申し訳ありません。時間をおいて再度お試しください。入力済みの内容は保存されたままです。</p>
    </>
  );
}

export function GeneralErrorBoundary({ statusHandlers = {}, children }: { statusHandlers?: Record<number, StatusHandler>; children?: ReactNode }) {
  const error = useRouteError();
  const response = isRouteErrorResponse(error) && error.status < 500 ? error : null;
  const Handler = response ? (statusHandlers[response.status] ?? DefaultStatus) : null;
  return (
    <section aria-labelledby="error-title" className="space-y-4">
      {response && Handler ? <Handler error={response} message={errorMessageOf(response)} /> : <Unexpected />}
      {children}
      <p>
        <a href="/">トップページへ戻る</a>
      </p>
    </section>
  );
}
