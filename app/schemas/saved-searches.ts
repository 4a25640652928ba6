import { z } from 'zod';
import { ALERT_FREQUENCIES } from '../domain/alerts/frequency';
import { SAVED_SEARCH_NAME_MAX } from '../domain/alerts/saved-search';
import { CATEGORIES } from '../domain/listings/categories';
import { PREFECTURES } from '../domain/listings/prefectures';
import { LISTING_KINDS, PROGRAM_TYPES } from '../domain/vocabulary';
import { formSchema } from './form';

/*
 * Saving a search from /search (every filter of the page, checked again: the hidden fields can be
 * edited) and renaming it or changing its alert frequency on /settings/searches.
 */

const str = (v: unknown) => (typeof v === 'string' ? v : '');
// Filter values are compared as the page sends them (no NFKC: category labels hold full-width brackets).
const blank = (v: unknown) => {
  const s = str(v).trim();
  return s === '' ? undefined : s;
};
const oneOf = <T extends string>(values: readonly T[], message: string) => z.preprocess(blank, z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) }).optional());

const months = (label: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ invalid_type_error: `${label}は数字（月数）で入力してください。` })
      .int(`${label}は整数の月数で入力してください。`)
      .min(1, `${label}は1〜120か月で入力してください。`)
      .max(120, `${label}は1〜120か月で入力してください。`)
      .optional(),
  );

const frequency = z.preprocess(str, z.enum(ALERT_FREQUENCIES, { errorMap: () => ({ message: 'お知らせの頻度を「即時」「毎日」「毎週」「なし」から選んでください。' }) }));

const name = z.preprocess((v) => str(v).normalize('NFKC').trim(), z.string().max(SAVED_SEARCH_NAME_MAX, `名前は${SAVED_SEARCH_NAME_MAX}文字以内で入力してください。`));

const CATEGORY_LABELS = CATEGORIES.map((c) => c.label);
const PREF_NAMES = PREFECTURES.map((p) => p.name);

export const SaveSearchForm = formSchema(
  {
    name,
    frequency,
    q: z.preprocess((v) => str(v).trim(), z.string().max(200, 'キーワードは200文字以内で入力してください。')),
    kind: oneOf(LISTING_KINDS, '種類は「起業人募集」か「ソリューション」を選んでください。'),
    category: oneOf(CATEGORY_LABELS, '活動分野が一覧にありません。'),
    type: z.preprocess(
      (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(PROGRAM_TYPES, { errorMap: () => ({ message: '類型は企業派遣型・副業型・シニア型から選んでください。' }) })).max(3),
    ),
    pref: oneOf(PREF_NAMES, '都道府県が一覧にありません。'),
    remote: oneOf(['1'] as const, 'リモート可の値が正しくありません。'),
    termMin: months('期間（下限）'),
    termMax: months('期間（上限）'),
    sort: oneOf(['relevance', 'newest'] as const, '並び順は関連度順か新着順を選んでください。'),
    eligibleClass: oneOf(['A', 'B'] as const, '対象となる募集の区分が正しくありません。'),
    eligiblePref: z.preprocess(blank, z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/, '対象となる募集の都道府県コードが正しくありません。').optional()),
  },
  (v, report) => {
    if (v.termMin && v.termMax && v.termMin > v.termMax) report('termMax', '期間（上限）は期間（下限）以上にしてください。');
    if ((v.eligibleClass === undefined) !== (v.eligiblePref === undefined)) report('eligibleClass', '対象となる募集の条件が正しくありません。検索し直してから保存してください。');
  },
);

export const SAVE_SEARCH_LABELS: Record<string, string> = {
  name: '名前',
  frequency: 'お知らせの頻度',
  q: 'キーワード',
  kind: '種類',
  category: '活動分野',
  type: '類型',
  pref: '都道府県',
  remote: 'リモート可',
  termMin: '期間（下限）',
  termMax: '期間（上限）',
  sort: '並び順',
  eligibleClass: '対象となる募集のみ',
  eligiblePref: '対象となる募集のみ',
};

export const UpdateSavedSearchForm = formSchema({
  name: z.preprocess((v) => str(v).normalize('NFKC').trim(), z.string().min(1, '名前を入力してください。').max(SAVED_SEARCH_NAME_MAX, `名前は${SAVED_SEARCH_NAME_MAX}文字以内で入力してください。`)),
  frequency,
});

export const UPDATE_SAVED_SEARCH_LABELS = { name: '名前', frequency: 'お知らせの頻度' };
