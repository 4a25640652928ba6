import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [{ title: '新規登録｜起業人マッチ' }];

const KINDS = [
  { kind: 'municipality', title: '自治体の方', text: '起業人の受入れを検討している市区町村の担当者。運営者の審査後に利用できます。' },
  { kind: 'company', title: '企業の方', text: '社員の派遣（企業派遣型）や副業を検討している企業の担当者。法人番号が必要です。運営者の審査後に利用できます。' },
  { kind: 'individual', title: '個人の方', text: '企業に勤めながら副業で（副業型）、または退職後に（シニア型）活動したい方。メールの確認後すぐに利用できます。' },
];

export default function SignupIndex() {
  return (
    <section aria-labelledby="signup-title" className="space-y-6">
      <h1 id="signup-title" className="text-3xl font-bold">
        新規登録
      </h1>
      <p>登録する立場を選んでください。総務省・運営者のアカウントは招待でのみ作成されます。</p>
      <ul className="grid gap-4 sm:grid-cols-3">
        {KINDS.map((k) => (
          <li key={k.kind} className="card space-y-3">
            <h2 className="text-xl font-bold">{k.title}</h2>
            <p>{k.text}</p>
            <a href={`/signup/${k.kind}`} className="btn-primary">
              {k.title}の登録へ
            </a>
          </li>
        ))}
      </ul>
      <p>
        既にアカウントをお持ちの方は <a href="/login">ログイン</a>
      </p>
    </section>
  );
}
