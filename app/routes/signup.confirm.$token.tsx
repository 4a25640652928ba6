import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { Notice } from '../components/notice';
import { confirmEmail } from '../services/accounts.server';

export const meta: MetaFunction = () => [{ title: 'メールアドレスの確認｜起業人マッチ' }];

// Confirming is a POST: mail scanners that prefetch links must not use up the token.
export async function action({ params, context }: ActionFunctionArgs) {
  const result = await confirmEmail(context, params.token ?? '', context.clientIp);
  return json(result, { status: result.ok ? 200 : 400 });
}

export default function ConfirmEmail() {
  const result = useActionData<typeof action>();
  return (
    <section aria-labelledby="confirm-title" className="mx-auto max-w-2xl space-y-6">
      <h1 id="confirm-title" className="text-3xl font-bold">
        メールアドレスの確認
      </h1>
      {!result ? (
        <Form method="post">
          <p className="mb-4">下のボタンを押すと、メールアドレスの確認が完了します。</p>
          <button type="submit" className="btn-primary">
            メールアドレスを確認する
          </button>
        </Form>
      ) : result.ok ? (
        <Notice tone="success">
          <p className="font-bold">メールアドレスを確認しました。</p>
          {result.status === 'approved' ? (
            <p>
              <a href="/login">ログイン</a>してご利用ください。
            </p>
          ) : (
            <p>
              運営者が登録内容を審査しています。審査の結果はメールでお知らせします。審査中も<a href="/login">ログイン</a>してアカウント設定を確認できます。
            </p>
          )}
          {result.track === 'freelance' ? <p>フリーランス・自営業の方は副業型の対象になりません。</p> : null}
        </Notice>
      ) : (
        <Notice tone="warning">
          <p>このリンクは無効か、有効期限が切れています。もう一度登録するか、既に確認済みの場合は<a href="/login">ログイン</a>してください。</p>
        </Notice>
      )}
    </section>
  );
}
