import { parseAgreementDraft, type AgreementDraft, type AgreementKind } from './draft';

/*
 * Sample drafts of each kind, used to check an edited template (every text must fill in for each of
 * them) and to preview it. Between them they leave every optional field out once and fill it in once,
 * and take each 成果の帰属 wording, so every `when` branch of a template is built at least once.
 */

export type SampleDraft = { label: string; draft: AgreementDraft };

type Variant = { label: string; full: boolean; ipOwner: 'municipality' | 'shared' | 'partner'; payment: 'monthly' | 'quarterly' | 'half_yearly' | 'yearly'; reporting: 'monthly' | 'quarterly' };

const VARIANTS: readonly Variant[] = [
  { label: '見本1：締結日・特記事項あり、成果は甲に帰属', full: true, ipOwner: 'municipality', payment: 'monthly', reporting: 'monthly' },
  { label: '見本2：締結日・特記事項なし、成果は甲乙の共有', full: false, ipOwner: 'shared', payment: 'quarterly', reporting: 'quarterly' },
  { label: '見本3：成果は乙に帰属、支払は年度ごと', full: true, ipOwner: 'partner', payment: 'yearly', reporting: 'monthly' },
];

function common(fy: number, v: Variant) {
  return {
    version: 1,
    fiscalYear: fy,
    ...(v.full ? { agreementDate: `${fy}-09-15` } : {}),
    municipality: {
      lgCode: '012025',
      prefecture: '北海道',
      name: '函館市',
      address: '北海道函館市東雲町1番1号',
      representative: { title: '函館市長', name: '北野 一郎' },
      department: '企画部地域振興課',
    },
    purpose: '観光分野におけるデジタル技術の活用を進め、来訪者の回遊と地域経済の活性化を図ること',
    duties: ['観光案内と予約の情報を一元化する仕組みの企画及び導入支援', '観光事業者を対象としたデジタル活用の研修の企画及び実施'],
    placeOfWork: '函館市企画部地域振興課及び甲が指定する市内の場所',
    term: { start: `${fy}-10-01`, end: `${fy + 2}-03-31` },
    handling: {
      travel: '甲の区域内での業務に係る移動の経費は甲が負担する。',
      housing: '乙の負担により確保する。',
      equipment: '業務に必要な物品は甲が貸与する。',
    },
    reporting: { frequency: v.reporting },
    results: { ipOwner: v.ipOwner },
    specialProvisions: v.full ? ['甲は、起業人の活動を広報することができる。'] : [],
  };
}

function sampleJson(kind: AgreementKind, fy: number, v: Variant): Record<string, unknown> {
  const base = common(fy, v);
  const individualAmounts = { rewardMonthly: 80000, travelAnnualLimit: 900000, payment: { method: v.payment } };
  const individual = { name: '西村 美咲', address: '福岡県福岡市中央区天神9丁目9番9号', role: '地域ブランド戦略マネージャー' };
  switch (kind) {
    case 'dispatch':
      return {
        kind,
        ...base,
        workPattern: { daysPerMonth: 20, hoursPerMonth: 150, daysOnSitePerMonth: 12 },
        company: { name: '株式会社みなとデジタル', address: '東京都千代田区丸の内9丁目9番9号', representative: { title: '代表取締役', name: '南 花子' }, hqLgCode: '131016' },
        person: { name: '東 健太', role: '観光DX推進アドバイザー', position: '事業開発部主任' },
        amounts: { contributionMonthly: 480000, payment: { method: v.payment } },
      };
    case 'side_job':
      return {
        kind,
        ...base,
        workPattern: { daysPerMonth: 5, hoursPerMonth: 24, daysOnSitePerMonth: 2 },
        person: individual,
        employer: {
          name: '株式会社博多ソフトウェア',
          address: '福岡県福岡市博多区博多駅前9丁目9番9号',
          hqLgCode: '401307',
          approval: v.full ? { obtained: true, date: `${fy}-05-20` } : { obtained: true },
        },
        amounts: individualAmounts,
      };
    case 'senior':
      return {
        kind,
        ...base,
        workPattern: { daysPerMonth: 8, hoursPerMonth: 48, daysOnSitePerMonth: 4 },
        person: individual,
        formerEmployer: { name: 'なにわ産業株式会社', hqLgCode: '271004', retiredOn: `${fy}-03-31` },
        amounts: individualAmounts,
      };
  }
}

/** The sample drafts of a kind for a fiscal year (their term starts in it), in a fixed order. */
export function sampleDrafts(kind: AgreementKind, fiscalYear: number): SampleDraft[] {
  return VARIANTS.map((v) => {
    const parsed = parseAgreementDraft(sampleJson(kind, fiscalYear, v));
    if (!parsed.ok) throw new Error(`sample draft ${kind} ${v.label}: ${parsed.issues.map((i) => `${i.field}: ${i.message_ja}`).join('; ')}`);
    return { label: kind === 'side_job' && !v.full ? `${v.label}、副業承認日なし` : v.label, draft: parsed.draft };
  });
}
