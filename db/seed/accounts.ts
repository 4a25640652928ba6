import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../database';
import type { NewOrganisation } from '../types/accounts';

/**
 * Demo organisations and accounts. Slugs are stable identifiers other seed steps use to find
 * owners for their listings. Companies' classes are written out here (db/ does not import the
 * eligibility rules); a test checks them against classifyCompany.
 */
type Org = Omit<NewOrganisation, 'status'> & { status?: NewOrganisation['status'] };
type DemoUser = { slug: string; email: string; name: string; password: string };

export const DEMO_PASSWORDS = {
  municipality: 'demo-municipality-2026',
  company: 'demo-company-2026',
  individual: 'demo-individual-2026',
  ministry: 'demo-ministry-2026',
  operator: 'demo-operator-2026',
  /** every other seeded account */
  other: 'demo-password-2026',
} as const;

const municipality = (slug: string, lgCode: string, name: string, description: string): Org => ({
  kind: 'municipality', slug, lg_code: lgCode, name, department: '企画課 地域振興係', phone: '0120-000-000', description,
});
const company = (slug: string, name: string, corporateNumber: string, hq: string, cls: 'A' | 'B', description: string): Org => ({
  kind: 'company', slug, name, corporate_number: corporateNumber, head_office_lg_code: hq, company_class: cls, department: '地域連携推進室', phone: '03-0000-0000', description,
});

export const DEMO_ORGANISATIONS: Org[] = [
  municipality('amacho', '325252', '島根県海士町', '隠岐諸島の中ノ島にある人口約2,300人の町。「ないものはない」を掲げ、教育・一次産業・観光の担い手を全国から迎えています。'),
  municipality('higashikawa', '014583', '北海道東川町', '大雪山のふもと、上水道のない「写真の町」。移住者と新しい仕事づくりに取り組んでいます。'),
  municipality('kamiyama', '363421', '徳島県神山町', '光ファイバー網とサテライトオフィスで知られる山あいの町。高専の開校とともに人材育成を進めています。'),
  municipality('nishiawakura', '336432', '岡山県西粟倉村', '「百年の森林構想」で林業の六次産業化とローカルベンチャー育成に取り組む村。'),
  municipality('shiojiri', '202151', '長野県塩尻市', 'ワインと漆器のまち。官民連携のDXとシビックイノベーション拠点を運営しています。'),
  municipality('gojome', '053619', '秋田県五城目町', '500年続く朝市と廃校を活用したシェアオフィスのある町。'),
  municipality('amami', '462225', '鹿児島県奄美市', '世界自然遺産の島。観光と大島紬、農産物の販路開拓に力を入れています。'),
  municipality('onomichi', '342050', '広島県尾道市', '坂と寺と海のまち。空き家再生とサイクルツーリズムを推進しています。'),
  company('mirai-chiiki', '株式会社みらい地域創生', '1010001234561', '131016', 'A', '地方自治体のDX・観光振興を支援するコンサルティング企業。社員の企業派遣型での受入実績があります。'),
  company('kitanomori', '株式会社北の森ソリューションズ', '8010401098765', '011002', 'B', '札幌を拠点に、林業・農業のデータ活用を支援するIT企業。'),
  company('naniwa-digital', 'なにわデジタル株式会社', '9120001056789', '271004', 'A', '自治体向け業務システムとEC支援を手がける大阪の企業。'),
  company('hakata-logistics', '博多ロジスティクス株式会社', '1290001011223', '401307', 'B', '九州・離島の物流網と地域産品の販路開拓を担う企業。'),
  company('nagoya-monozukuri', '株式会社名古屋ものづくり研究所', '3180001099887', '231002', 'A', '製造業の技術者を地域産業の生産性向上に派遣しています。'),
  company('yokohama-green', '横浜グリーンエネルギー株式会社', '3020001034455', '141003', 'A', '再生可能エネルギーと脱炭素の計画づくりを支援します。'),
  {
    ...company('pending-shoji', '株式会社さくら商事', '6011001077665', '131041', 'A', '食品の卸売と地域産品のブランディング。'),
    status: 'pending',
    evidence: '会社の公式サイト https://sakura-shoji.example.jp/company に担当者として掲載されています。代表電話 03-0000-1111。',
  },
  { kind: 'individual', slug: 'ind-sato-haruka', name: '佐藤 遥', individual_track: 'side_job', employer_name: '株式会社東京テックパートナーズ', head_office_lg_code: '131032', company_class: 'A', description: 'IT企業でプロダクトマネージャーとして勤務。週末と平日夜に、自治体のデジタル化を支援したいと考えています。' },
  { kind: 'individual', slug: 'ind-tanaka-makoto', name: '田中 誠', individual_track: 'senior', employer_name: '中部電機株式会社（2024年退職）', head_office_lg_code: '231002', company_class: 'A', description: '電機メーカーで生産管理と海外工場の立ち上げを35年担当。地域の製造業を支えたい。' },
  { kind: 'individual', slug: 'ind-suzuki-aoi', name: '鈴木 葵', individual_track: 'freelance', description: 'フリーランスのデザイナー。観光パンフレットやウェブサイトの制作が得意です。' },
  { kind: 'ministry', slug: 'soumu', name: '総務省 地域力創造グループ 地域自立応援課', description: '地域活性化起業人制度を所管しています。' },
  { kind: 'operator', slug: 'operator', name: '起業人マッチ 運営事務局', description: '' },
];

const other = (slug: string, name: string): DemoUser => ({ slug, email: `${slug}@example.jp`, name, password: DEMO_PASSWORDS.other });

export const DEMO_USERS: DemoUser[] = [
  { slug: 'amacho', email: 'municipality@example.jp', name: '大野 健太', password: DEMO_PASSWORDS.municipality },
  { slug: 'mirai-chiiki', email: 'company@example.jp', name: '高橋 美咲', password: DEMO_PASSWORDS.company },
  { slug: 'ind-sato-haruka', email: 'individual@example.jp', name: '佐藤 遥', password: DEMO_PASSWORDS.individual },
  { slug: 'soumu', email: 'ministry@example.jp', name: '中村 由紀', password: DEMO_PASSWORDS.ministry },
  { slug: 'operator', email: 'operator@example.jp', name: '小林 翔', password: DEMO_PASSWORDS.operator },
  other('higashikawa', '北村 聡'),
  other('kamiyama', '森 直子'),
  other('nishiawakura', '井上 大輔'),
  other('shiojiri', '松本 彩'),
  other('gojome', '佐々木 亮'),
  other('amami', '前田 さくら'),
  other('onomichi', '藤井 拓也'),
  other('kitanomori', '石川 翼'),
  other('naniwa-digital', '岡田 真由'),
  other('hakata-logistics', '村上 健'),
  other('nagoya-monozukuri', '加藤 修'),
  other('yokohama-green', '山田 愛'),
  other('pending-shoji', '清水 花子'),
  other('ind-tanaka-makoto', '田中 誠'),
  other('ind-suzuki-aoi', '鈴木 葵'),
];

/** Inserts what is missing (organisations by slug, accounts by e-mail); existing rows are left as they are. */
export async function seedAccounts(db: Kysely<Database>): Promise<string> {
  let orgs = 0;
  let users = 0;
  for (const o of DEMO_ORGANISATIONS) {
    const r = await db
      .insertInto('organisations')
      .values({ status: 'approved', ...o })
      .onConflict((oc) => oc.column('slug').doNothing())
      .executeTakeFirst();
    orgs += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  const ids = new Map((await db.selectFrom('organisations').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
  const existing = new Set((await db.selectFrom('users').select('email').execute()).map((r) => r.email));
  for (const u of DEMO_USERS) {
    if (existing.has(u.email)) continue;
    await db
      .insertInto('users')
      .values({
        organisation_id: ids.get(u.slug)!,
        email: u.email,
        name: u.name,
        password_hash: await hash(u.password),
        org_role: 'owner',
        email_verified_at: new Date('2026-04-01T00:00:00Z'),
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    users++;
  }
  return `${orgs} organisations and ${users} accounts added (${DEMO_ORGANISATIONS.length} / ${DEMO_USERS.length} in the demo)`;
}
