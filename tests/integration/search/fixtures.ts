import type { SearchDocument } from '../../../search/types';

const base = { remoteOk: false, termMonths: 12, status: 'published' as const, prefCode: null, lgCode: null, municipality: null, updatedAt: new Date('2026-05-01T00:00:00Z') };

/** A small hand-written corpus covering notation variants, synonyms, kana, filters and escaping. */
export const DOCS: SearchDocument[] = [
  { ...base, id: '1', kind: 'opening', title: '自治体ＤＸの推進（島根県海士町）', body: '役場の業務をデジタル化し、窓口の待ち時間を減らします。オンライン申請の導入を担っていただきます。', skills: ['DX', 'BPR'], category: 'DX（自治体DX・地域社会DX）', types: ['dispatch'], prefecture: '島根県', prefCode: '32', municipality: '海士町', lgCode: '325252', remoteOk: true, termMonths: 24, publishedAt: new Date('2026-04-10T00:00:00Z') },
  { ...base, id: '2', kind: 'opening', title: '空家の利活用と移住促進（北海道東川町）', body: '町内の空家を改修し、移住希望者向けのお試し住宅として活用します。', skills: ['空き家バンク', '不動産'], category: '土木（土木管理・道路橋りょう・河川・住宅・空き家対策等）', types: ['side_job'], prefecture: '北海道', prefCode: '01', municipality: '東川町', lgCode: '014583', publishedAt: new Date('2026-04-02T00:00:00Z') },
  { ...base, id: '3', kind: 'solution', title: 'デジタルトランスフォーメーションで窓口改革', body: '自治体の業務改善を支援してきた経験をもとに、申請手続きのオンライン化を伴走します。', skills: ['業務改善', 'クラウド'], category: 'DX（自治体DX・地域社会DX）', types: ['dispatch', 'side_job'], prefecture: '東京都', prefCode: '13', publishedAt: new Date('2026-04-05T00:00:00Z') },
  { ...base, id: '4', kind: 'solution', title: 'インバウンド向け体験商品の造成', body: '訪日外国人に人気の体験型ツアーを地域の事業者と一緒につくります。多言語サイトの制作も行います。', skills: ['観光', '多言語'], category: '観光振興・観光誘客対策・DMO設立等', types: ['senior'], prefecture: '大阪府', prefCode: '27', publishedAt: new Date('2026-04-06T00:00:00Z') },
  { ...base, id: '5', kind: 'opening', title: '訪日外国人の受入環境整備（島根県松江市）', body: '外国人観光客が快適に過ごせるよう、案内表示とキャッシュレス決済の導入を進めます。', skills: ['インバウンド'], category: '観光振興・観光誘客対策・DMO設立等', types: ['dispatch'], prefecture: '島根県', prefCode: '32', municipality: '松江市', lgCode: '322016', termMonths: 12, publishedAt: new Date('2026-04-08T00:00:00Z') },
  { ...base, id: '6', kind: 'opening', title: '特産品のネット通販立ち上げ（長野県小布施町）', body: '栗菓子などの特産品をオンラインショップで全国に届ける仕組みをつくります。', skills: ['EC', 'マーケティング'], category: '地域産品の開発・販路開拓・拡大等', types: ['side_job', 'senior'], prefecture: '長野県', prefCode: '20', municipality: '小布施町', lgCode: '205419', remoteOk: true, termMonths: 6, publishedAt: new Date('2026-04-09T00:00:00Z') },
  { ...base, id: '7', kind: 'solution', title: '<script>alert(1)</script> & 広報の「伝わる」デザイン', body: 'SNS発信とチラシ制作で、<b>町の魅力</b>を伝えます。', skills: ['SNS', 'デザイン'], category: '広報業務', types: ['side_job'], prefecture: '福岡県', prefCode: '40', publishedAt: new Date('2026-04-07T00:00:00Z') },
  { ...base, id: '8', kind: 'opening', title: '農産物の販路拡大（静岡県川根本町）', body: 'お茶や農産物の販路を広げるため、首都圏の小売店との商談を進めます。', skills: ['販路開拓', '商品開発'], category: '地域産品の開発・販路開拓・拡大等', types: ['dispatch'], prefecture: '静岡県', prefCode: '22', municipality: '川根本町', lgCode: '224294', termMonths: 36, publishedAt: new Date('2026-04-04T00:00:00Z') },
  { ...base, id: '9', kind: 'opening', title: '閉じた募集：観光案内所の運営', body: 'この募集は終了しました。', skills: ['観光'], category: '観光振興・観光誘客対策・DMO設立等', types: ['dispatch'], prefecture: '京都府', prefCode: '26', status: 'closed', publishedAt: new Date('2026-03-01T00:00:00Z') },
];
