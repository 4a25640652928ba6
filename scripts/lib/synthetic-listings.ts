import type { Insertable } from 'kysely';
import { PROGRAM_TYPES } from '../../app/domain/vocabulary';
import type { SearchDocumentTable } from '../../db/types/search';
import { documentVectors } from '../../search/indexing';

// Synthetic listings in realistic Japanese (eleven topics, stock phrases, real municipalities) for the
// search benchmark and for tests that need more documents than a hand-written corpus.

const TOPICS: Array<{ category: string; titles: string[]; words: string[]; skills: string[] }> = [
  { category: '観光振興・観光誘客対策・DMO設立等', titles: ['観光地域づくり法人（DMO）の体制強化', 'インバウンド誘客の推進', '体験型観光コンテンツの造成', '温泉街のにぎわい再生'], words: ['訪日外国人', '観光客', '周遊ルート', '宿泊施設', '体験プログラム', '観光案内所', 'ガイド育成'], skills: ['観光', 'インバウンド', 'DMO', 'マーケティング'] },
  { category: 'DX（自治体DX・地域社会DX）', titles: ['自治体DXの推進', '窓口業務のデジタル化', '行政手続きのオンライン化', 'デジタル人材の育成'], words: ['業務改善', 'オンライン申請', 'クラウド', 'データ活用', 'ペーパーレス', '生成AI', 'RPA'], skills: ['DX', 'ICT', 'BPR', 'AI'] },
  { category: '移住促進・都市農村交流・交流人口の拡大等', titles: ['移住・定住の促進', '関係人口の創出', 'お試し住宅の運営', 'ワーケーションの推進'], words: ['移住希望者', '移住相談', '空き家バンク', '二地域居住', 'サテライトオフィス', '地域おこし'], skills: ['移住', 'コミュニティ', '広報'] },
  { category: '地域産品の開発・販路開拓・拡大等', titles: ['特産品の販路開拓', 'ふるさと納税返礼品の開発', 'ECサイトの立ち上げ', '地域ブランドの構築'], words: ['農産物', '加工品', 'ネット通販', '商談会', 'パッケージ', '首都圏', 'バイヤー'], skills: ['EC', '商品開発', 'ブランディング'] },
  { category: '農林水産（農業・畜産業・林業・水産業振興等）', titles: ['スマート農業の導入', '林業の担い手確保', '獣害対策とジビエ活用', '漁業の六次産業化'], words: ['農家', '担い手', 'ドローン', '森林', '鳥獣被害', '水産物', '耕作放棄地'], skills: ['農業', '林業', 'ドローン'] },
  { category: '民生（子供子育て・福祉・災害対応等）', titles: ['子育て支援アプリの導入', '高齢者見守り体制の構築', '防災体制の強化', '地域福祉の推進'], words: ['保育園', '子育て世帯', '高齢者', '見守り', '避難所', '防災訓練', '介護'], skills: ['福祉', '防災', 'アプリ開発'] },
  { category: 'GX（脱炭素等）', titles: ['脱炭素先行地域の推進', '再生可能エネルギーの導入', 'ゼロカーボンシティの実現'], words: ['太陽光発電', '省エネ', 'カーボンニュートラル', '電気自動車', 'バイオマス'], skills: ['GX', 'エネルギー', '脱炭素'] },
  { category: '地域経済活性化・雇用対策・人材育成・企業誘致等', titles: ['企業誘致の推進', '事業承継の支援', '創業支援と起業家育成', '若者の地元就職支援'], words: ['中小企業', '後継者', '創業塾', 'インターンシップ', 'サテライトオフィス', '商店街'], skills: ['企業誘致', '事業承継', '人材育成'] },
  { category: '土木（土木管理・道路橋りょう・河川・住宅・空き家対策等）', titles: ['空き家対策の推進', '地域公共交通の再編', 'インフラ点検の効率化'], words: ['空家', '改修', 'リノベーション', 'デマンド交通', '路線バス', '橋りょう', '点検'], skills: ['空き家対策', '交通', '土木'] },
  { category: '教育', titles: ['公営塾の運営', '教育DXの推進', '部活動の地域移行'], words: ['中学生', '高校', '学習支援', 'タブレット', '探究学習', '部活動'], skills: ['教育', 'ICT', 'コーチング'] },
  { category: '広報業務', titles: ['シティプロモーションの強化', 'SNSによる情報発信', '広報誌のリニューアル'], words: ['SNS', '動画', '発信', 'ホームページ', 'デザイン', 'ターゲット'], skills: ['SNS', '広報', 'デザイン'] },
];
const FILLER = [
  '地域活性化起業人制度を活用し、民間の知見を生かして課題の解決に取り組んでいただける方を募集します。',
  '人口減少と高齢化が進むなか、地域の持続可能性を高めることが急務となっています。',
  '企業派遣型・副業型での活動を想定しています。',
  '一部リモートワーク可。月に数日は現地での活動をお願いします。',
  '住民や事業者との対話を重ね、成果を見える形にすることを重視しています。',
  'これまでの実績をもとに、計画づくりから実行まで伴走します。',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export type MunicipalityRow = { lg_code: string; pref_code: string; pref_name: string; name: string; eligible_1433: boolean; eligible_1375: boolean };

/**
 * `n` search rows with ids 1…n, published over the year before 2026-04-01 (5% closed), ready for
 * insertSearchDocuments. The same seed gives the same rows.
 */
export function* syntheticSearchRows(n: number, munis: MunicipalityRow[], seed = 42): Generator<Insertable<SearchDocumentTable>> {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const epoch = Date.parse('2026-04-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const t = pick(TOPICS);
    const m = pick(munis);
    const kind = random() < 0.5 ? ('opening' as const) : ('solution' as const);
    const title = `${pick(t.titles)}${kind === 'opening' ? `（${m.pref_name}${m.name}）` : ''}`;
    const words = Array.from({ length: 4 }, () => pick(t.words));
    const body = [pick(FILLER), `${words[0]}と${words[1]}に関する課題があり、${words[2]}を生かした取り組みを進めます。`, pick(FILLER), `${words[3]}の経験がある方を歓迎します。`, pick(FILLER)].join('');
    const skills = [...new Set([pick(t.skills), pick(t.skills)])];
    const types = [...new Set([pick(PROGRAM_TYPES), pick(['dispatch', 'side_job'] as const)])];
    const doc = { title, body, skills, category: t.category, prefecture: m.pref_name, municipality: kind === 'opening' ? m.name : null };
    const at = new Date(epoch - Math.floor(random() * 365 * 86400_000));
    const v = documentVectors({ ...doc, publishedAt: at });
    yield {
      kind, id: String(i + 1), ...doc, types, pref_code: m.pref_code, lg_code: kind === 'opening' ? m.lg_code : null,
      remote_ok: random() < 0.4, term_months: 6 + Math.floor(random() * 31), status: random() < 0.95 ? ('published' as const) : ('closed' as const),
      published_at: at, updated_at: at, eligible_1433: m.eligible_1433, eligible_1375: m.eligible_1375, search_vector: v.all, head_vector: v.head,
    };
  }
}
