import type { MetaFunction } from '@remix-run/node';
import { useSearchParams } from '@remix-run/react';
import { Notice } from '../components/notice';

export const meta: MetaFunction = () => [{ title: '確認メールを送信しました｜起業人マッチ' }];

export default function SignupSent() {
  const [params] = useSearchParams();
  const kind = params.get('kind');
  return (
    <section aria-labelledby="sent-title" className="mx-auto max-w-2xl space-y-6">
      <h1 id="sent-title" className="text-3xl font-bold">
        確認メールを送信しました
      </h1>
      <Notice tone="success">
        <p>入力されたメールアドレスに確認のメールを送りました。メールに記載されたリンクを開いて、登録を完了してください。</p>
      </Notice>
      {kind === 'municipality' || kind === 'company' ? <p>メールアドレスの確認後、運営者が登録内容を審査します。審査が終わるまで、募集の掲載や応募はできません。</p> : null}
      {params.get('track') === 'freelance' ? (
        <p className="rounded-lg border-2 border-yellow-700 bg-yellow-50 p-4">フリーランス・自営業の方は副業型の対象になりません。ソリューションの掲載はできます。</p>
      ) : null}
      <p>メールが届かない場合は、迷惑メールフォルダを確認するか、しばらくしてからもう一度登録してください。</p>
    </section>
  );
}
