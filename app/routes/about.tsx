import type { MetaFunction } from '@remix-run/node';
import { TextPage } from '../components/layout';

export const meta: MetaFunction = () => [{ title: '運営者情報｜起業人マッチ' }];

export default function About() {
  return (
    <TextPage title="運営者情報" lead={<p>起業人マッチは、総務省の地域活性化起業人制度を活用したい地方公共団体と、企業・個人との出会いを支えるために運営しています。</p>}>
      <dl className="dl-grid">
        <dt>サービス名</dt>
        <dd>起業人マッチ（地域活性化起業人のマッチングプラットフォーム）</dd>
        <dt>運営者</dt>
        <dd>起業人マッチ運営事務局</dd>
        <dt>目的</dt>
        <dd>地域活性化起業人（企業派遣型・副業型・シニア型）の募集・応募、当事者間の対話、協定書・契約書の作成と、制度の対象要件の確認を一つの場で行えるようにすること</dd>
        <dt>制度の所管</dt>
        <dd>総務省 地域力創造グループ（制度の内容、特別交付税措置の対象や額は総務省が定めます）</dd>
        <dt>お問い合わせ</dt>
        <dd>
          <a href="/contact">お問い合わせフォーム</a>（メールで回答します）
        </dd>
      </dl>

      <h2>提供する機能</h2>
      <ul className="list-disc space-y-2 pl-6">
        <li>自治体による起業人募集と、企業・個人によるソリューションの掲載・検索</li>
        <li>応募・スカウトと、当事者だけが読めるメッセージ・面談日時の調整</li>
        <li>協定書・契約書の作成（Word・PDF・印刷用HTML）と、制度の要件による確認</li>
        <li>組み合わせごとの制度の対象判定（対象判定のページ、API）</li>
        <li>総務省向けの、件数だけを集計したモニタリング</li>
      </ul>

      <h2>掲載している情報について</h2>
      <p>
        対象市町村の一覧と特別交付税措置の上限は、総務省の公表資料に基づきます（令和7・8年度：1,433市町村）。対象判定と試算は参考情報であり、実際の措置は総務省が決定します。掲載の内容は、掲載した団体・個人の責任で作成されたものです。
      </p>

      <h2>関連するページ</h2>
      <ul className="list-disc space-y-2 pl-6">
        <li>
          <a href="/terms">利用規約</a>
        </li>
        <li>
          <a href="/privacy">プライバシーポリシー</a>
        </li>
        <li>
          <a href="/accessibility">アクセシビリティ方針</a>
        </li>
      </ul>
    </TextPage>
  );
}
