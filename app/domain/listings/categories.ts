/**
 * The ministry's project fields (地域活性化起業人の活動分野), in the order of its published tables.
 * Ids are stable: they are stored in listings and search filters; labels may be reworded.
 */
export const CATEGORIES = [
  { id: 'general_affairs', label: '総務' },
  { id: 'welfare', label: '民生' },
  { id: 'health', label: '衛生' },
  { id: 'tourism', label: '観光振興・観光誘客対策・DMO設立等' },
  { id: 'agriculture', label: '農林水産' },
  { id: 'local_products', label: '地域産品の開発・販路開拓・拡大等' },
  { id: 'migration', label: '移住促進・都市農村交流・交流人口の拡大等' },
  { id: 'dx', label: 'DX（自治体DX・地域社会DX）' },
  { id: 'civil_engineering', label: '土木' },
  { id: 'economy', label: '地域経済活性化・雇用対策・人材育成・企業誘致等' },
  { id: 'public_relations', label: '広報業務' },
  { id: 'intermediary', label: '中間支援機能' },
  { id: 'education', label: '教育' },
  { id: 'gx', label: 'GX（脱炭素等）' },
  { id: 'other', label: 'その他' },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];

const LABELS = new Map<string, string>(CATEGORIES.map((c) => [c.id, c.label]));

export function categoryLabel(id: string): string {
  return LABELS.get(id) ?? id;
}
