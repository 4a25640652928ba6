import type { PolicyDocument } from './types';

/** The first version (kept: inquiries and sign-ups recorded its id). */
export const PRIVACY_V1: PolicyDocument = {
  id: 'privacy-v1',
  effectiveOn: '2026-12-06',
  title: 'プライバシーポリシー',
  intro: [
    '起業人マッチ運営事務局（以下「運営者」といいます。）は、「起業人マッチ」（以下「本サービス」といいます。）で取り扱う個人情報を、個人情報の保護に関する法律その他の関係法令に従い、以下のとおり取り扱います。',
  ],
  sections: [
    {
      heading: '1. 本サービスが記録する情報',
      paragraphs: ['本サービスは、次の情報をデータベース及びサーバー上のファイルに記録します。'],
      items: [
        'アカウント：氏名、メールアドレス、所属団体での役割、メールアドレスの確認日時、最終ログイン日時、利用停止の有無。パスワードは元に戻せない形（argon2id によるハッシュ）でのみ保存し、二要素認証を設定した場合はその認証用の鍵を保存します。',
        'ログイン状態：ログインごとに発行するランダムな値のハッシュ（SHA-256）、ログイン時のIPアドレス及びブラウザの種類、有効期限（14日）。',
        'メールによる確認・招待：確認・パスワード再設定・招待のためのリンクの値のハッシュ、送信先メールアドレス及び有効期限。',
        '団体の情報：名称及びよみ、種別、全国地方公共団体コード、法人番号、本社所在地、制度上の区分、個人の類型と勤務先（退職前の勤務先）の名称、部署、電話番号、ウェブサイト、紹介文、審査のために提出された確認事項及び審査の結果。',
        '掲載：起業人募集及びソリューションの内容、担当者の氏名・メールアドレス・電話番号、変更ごとの全文の履歴、添付ファイル（PDF・画像）とその要約値（SHA-256）。',
        '応募・スカウトとやりとり：応募・スカウトの内容、制度の対象判定の結果、状態の変更とその理由、メッセージ、既読の記録、添付ファイル、面談日時の候補・場所及び確定の記録。',
        '協定書・契約書：保存したすべての版の内容（当事者の住所、代表者及び派遣される方等の氏名・役職、負担金・報償費等の金額を含みます。）、合意及び締結日の記録。',
        '通知：アプリ内のお知らせ、通知の設定、送信するメール（宛先、件名、本文）とその送信状況。',
        '監査ログ：誰が、いつ、どの操作を、何に対して、どのIPアドレスから行ったか及びその操作の要点。監査ログは追記のみが可能で、変更・削除はできない仕組みにしています。',
        '不正なログインの防止：メールアドレス及びIPアドレスごとの失敗回数と、その記録の期限。',
        'お問い合わせ：氏名、メールアドレス、所属、お問い合わせの種類と内容、送信元のIPアドレス及び同意いただいたプライバシーポリシーの版。',
      ],
    },
    {
      heading: '2. 利用目的',
      paragraphs: ['記録した情報は、次の目的に限って利用します。'],
      items: [
        '本人確認、ログイン及び不正利用の防止',
        '登録の審査（地方公共団体・企業の所属及び制度上の区分の確認）',
        '掲載、検索、応募・スカウト、やりとり及び協定書・契約書の作成の機能の提供',
        '通知メールの送信及びお問い合わせへの回答',
        '制度の運用状況の把握のための統計の作成（第4項）',
        '障害・不正への対応及び操作の検証（監査ログ）',
      ],
    },
    {
      heading: '3. 誰が情報を見られるか',
      paragraphs: [],
      items: [
        '公開した掲載情報と団体の紹介は、登録していない方を含むすべての利用者が閲覧できます。掲載に記載した担当者の連絡先も同様です。',
        'やりとり（メッセージ、添付ファイル、面談日時）と協定書・契約書は、その当事者となる団体の登録利用者だけが閲覧できます。運営者の担当者及び総務省の担当者も閲覧できません。',
        '運営者の担当者は、審査、利用停止及び障害対応のために、アカウント、団体の情報、掲載及び監査ログを閲覧します。',
      ],
    },
    {
      heading: '4. 総務省への提供',
      paragraphs: [
        '総務省の担当者には、地域活性化起業人制度の運用状況を把握するため、掲載・応募・締結等の件数、期間及び類型・分野・都道府県ごとの集計だけを提供します。少数の件数（3未満）は表示しません。個人名、メッセージ、協定書・契約書の本文は提供しません。',
      ],
    },
    {
      heading: '5. 第三者提供及び委託',
      paragraphs: [
        '法令に基づく場合を除き、本人の同意なく個人情報を第三者に提供しません。サーバーの運用及びメールの送信を外部の事業者に委託する場合は、委託先を適切に監督します。',
      ],
    },
    {
      heading: '6. Cookie',
      paragraphs: [
        '本サービスは、ログイン状態を保つための Cookie（km_session）だけを使います。この Cookie はブラウザのスクリプトから読めない設定にしており、有効期限は14日です。広告や行動分析のための Cookie 及び外部のアクセス解析は使いません。',
      ],
    },
    {
      heading: '7. 保存期間',
      paragraphs: [],
      items: [
        'ログイン状態の記録は有効期限（14日）まで、確認・招待のリンクは有効期限（30分から7日）まで有効です。',
        'アカウント、団体の情報、掲載、やりとり及び協定書・契約書は、登録利用者が利用を続ける間保存します。',
        '監査ログは、不正への対応及び操作の検証のため、アカウントの削除後も保存します。',
      ],
    },
    {
      heading: '8. 安全管理',
      paragraphs: [
        '通信の暗号化、パスワード及びログイン用の値のハッシュ化、権限に応じた閲覧の制限、ログイン試行の回数制限、監査ログの記録その他の措置により、情報の漏えい、滅失又は毀損を防ぎます。',
      ],
    },
    {
      heading: '9. 開示・訂正・利用停止等の請求',
      paragraphs: [
        '登録内容の多くは、設定画面からご本人が確認・訂正できます。保有個人情報の開示、訂正、利用停止、削除等を希望される場合は、お問い合わせ窓口（「個人情報の取扱い」を選んでください。）からご連絡ください。ご本人であることを確認したうえで、法令に従い対応します。',
      ],
    },
    {
      heading: '10. 改定',
      paragraphs: [
        '本ポリシーを改定するときは、改定後の内容と効力発生日を本サービス上に掲示します。版ごとの内容は記録しており、同意いただいた版を確認できます。',
      ],
    },
  ],
};

const ACCOUNT_ITEM_V1 = PRIVACY_V1.sections[0]!.items![0]!;

/**
 * privacy-v2: also names the versions of these texts each user agreed to (with the time), and the
 * answers to form submissions kept for a day so that a form sent twice is worked on once.
 */
export const PRIVACY_V2: PolicyDocument = {
  ...PRIVACY_V1,
  id: 'privacy-v2',
  effectiveOn: '2026-12-07',
  sections: PRIVACY_V1.sections.map((section, i) =>
    i === 0
      ? {
          ...section,
          items: [
            ACCOUNT_ITEM_V1.replace('利用停止の有無。', '利用停止の有無、同意いただいた利用規約及びプライバシーポリシーの版と同意の日時・IPアドレス。'),
            ...section.items!.slice(1),
            '二重送信の防止：フォームを送信したときの応答（移動先のページ等）と、送信内容の要約値（SHA-256。パスワードは含めません。）を1日間。',
          ],
        }
      : section,
  ),
};

/**
 * privacy-v3: also names the listings each user marked 気になる, and whether the user chose to let the
 * listing's organisation see the marker's organisation name.
 */
export const PRIVACY_V3: PolicyDocument = {
  ...PRIVACY_V2,
  id: 'privacy-v3',
  effectiveOn: '2026-12-07',
  sections: PRIVACY_V2.sections.map((section, i) =>
    i === 0
      ? {
          ...section,
          items: [
            ...section.items!,
            '気になる：「気になる」に登録した掲載、登録の日時、及び掲載した団体に団体名を知らせるかどうかの選択。掲載した団体には登録した団体の数だけを示し、団体名は知らせることを選んだ場合又はその掲載に応募・スカウトした場合に限り示します。',
          ],
        }
      : section,
  ),
};

/** privacy-v4: also names the searches each user saved, with the alert frequency chosen for each. */
export const PRIVACY_V4: PolicyDocument = {
  ...PRIVACY_V3,
  id: 'privacy-v4',
  effectiveOn: '2026-12-07',
  sections: PRIVACY_V3.sections.map((section, i) =>
    i === 0
      ? {
          ...section,
          items: [
            ...section.items!,
            '保存した検索条件：名前、検索の条件、新着のお知らせの頻度及び最後に新着を確かめた日時。ご本人だけが閲覧・変更でき、新着はご本人にだけお知らせします。',
          ],
        }
      : section,
  ),
};

/**
 * privacy-v5: also names the profile individuals may add for municipalities (residence, skills, career
 * history, availability, photo) and who reads it.
 */
export const PRIVACY: PolicyDocument = {
  ...PRIVACY_V4,
  id: 'privacy-v5',
  effectiveOn: '2026-12-07',
  sections: PRIVACY_V4.sections.map((section, i) =>
    i === 0
      ? {
          ...section,
          items: [
            ...section.items!,
            '個人のプロフィール（任意）：お住まいの市区町村、スキル・得意分野、職歴（勤務先・役職・期間）、月の稼働日数・時間、現地に行ける頻度、開始できる日及び写真（400×400に縮小し、撮影日時や位置情報等の付加情報を取り除いて保存したもの）。ログインした自治体の職員、運営者及びご本人だけに表示します。',
          ],
        }
      : section,
  ),
};
