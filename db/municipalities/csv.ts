import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/** The columns of db/data/municipalities.csv, in order (see db/data/SOURCES.md). */
export const MUNICIPALITY_COLUMNS = [
  'lg_code', 'pref_code', 'pref_name', 'name', 'name_kana', 'kind', 'seirei', 'chukaku', 'kencho',
  'metro_area', 'joken_furi', 'kaso', 'kaso_area', 'jinko_genshou', 'teijuu', 'teijuu_ken', 'teijuu_since',
  'eligible_1433', 'eligible_1375', 'eligibility_basis',
] as const;

export const BASIS_CODES = [
  'outside_metro', 'joken_furi_full', 'joken_furi_partial', 'kaso_full', 'kaso_partial', 'kaso_deemed',
  'jinko_genshou', 'teijuu', 'metro_no_basis',
] as const;

export type MunicipalityRecord = {
  lgCode: string;
  prefCode: string;
  prefName: string;
  name: string;
  nameKana: string;
  kind: '市' | '町' | '村' | '特別区';
  seirei: boolean;
  chukaku: boolean;
  kencho: boolean;
  metroArea: 'tokyo' | 'nagoya' | 'kansai' | null;
  jokenFuri: 'full' | 'partial' | 'none' | null;
  kaso: 'full' | 'partial' | 'deemed' | null;
  kasoArea: string | null;
  jinkoGenshou: boolean;
  teijuu: boolean;
  teijuuKen: string | null;
  teijuuSince: string | null;
  eligible1433: boolean;
  eligible1375: boolean;
  eligibilityBasis: (typeof BASIS_CODES)[number][];
  /** The 行政区 of a 政令市, attached by withWards (db/data/wards.csv). */
  wards?: WardRecord[];
};

export class MunicipalityCsvError extends Error {
  constructor(readonly problems: { line: number; reason: string }[]) {
    super(problems.map((p) => `line ${p.line}: ${p.reason}`).join('\n'));
    this.name = 'MunicipalityCsvError';
  }
}

/** Check digit of a 全国地方公共団体コード: weights 6..2 on the first five digits, 11 − (sum mod 11), 10→0, 11→1. */
export function lgCodeCheckDigit(firstFive: string): number {
  const sum = [...firstFive].reduce((s, d, i) => s + Number(d) * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidLgCode(code: string): boolean {
  return /^\d{6}$/.test(code) && lgCodeCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

const flag = z.enum(['0', '1'], { message: 'must be 0 or 1' }).transform((v) => v === '1');
const blankFlag = z.enum(['', '0', '1'], { message: 'must be empty, 0 or 1' }).transform((v) => v === '1');
const nullable = <T extends z.ZodTypeAny>(s: T) =>
  z.string().transform((v) => (v === '' ? null : v)).pipe(s.nullable());

const rowSchema = z
  .object({
    lg_code: z.string().refine(isValidLgCode, 'lg_code must be 6 digits with a valid check digit'),
    pref_code: z.string().regex(/^\d{2}$/, 'pref_code must be 2 digits'),
    pref_name: z.string().regex(/^.+[都道府県]$/, 'pref_name must end in 都, 道, 府 or 県'),
    name: z.string().min(1, 'name is empty'),
    name_kana: z.string().regex(/^[\u3041-\u309f\u30fc]+$/, 'name_kana must be hiragana'),
    kind: z.enum(['市', '町', '村', '特別区'], { message: 'kind must be 市, 町, 村 or 特別区' }),
    seirei: flag,
    chukaku: flag,
    kencho: flag,
    metro_area: nullable(z.enum(['tokyo', 'nagoya', 'kansai'], { message: 'metro_area must be tokyo, nagoya, kansai or empty' })),
    joken_furi: nullable(z.enum(['full', 'partial', 'none'], { message: 'joken_furi must be full, partial, none or empty' })),
    kaso: nullable(z.enum(['full', 'partial', 'deemed'], { message: 'kaso must be full, partial, deemed or empty' })),
    kaso_area: nullable(z.string()),
    jinko_genshou: blankFlag,
    teijuu: blankFlag,
    teijuu_ken: nullable(z.string()),
    teijuu_since: nullable(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'teijuu_since must be YYYY, YYYY-MM or YYYY-MM-DD')),
    eligible_1433: flag,
    eligible_1375: flag,
    eligibility_basis: z
      .string()
      .min(1, 'eligibility_basis is empty')
      .transform((v) => v.split('+'))
      .pipe(z.array(z.enum(BASIS_CODES, { message: `eligibility_basis codes must be among ${BASIS_CODES.join(', ')}` }))),
  })
  .superRefine((r, ctx) => {
    if (r.lg_code.slice(0, 2) !== r.pref_code) ctx.addIssue({ code: 'custom', message: `pref_code ${r.pref_code} does not match lg_code ${r.lg_code}` });
    if (r.eligible_1375 && !r.eligible_1433) ctx.addIssue({ code: 'custom', message: 'eligible_1375 is 1 but eligible_1433 is 0' });
    if (r.eligible_1375 && (r.seirei || r.chukaku || r.kencho)) ctx.addIssue({ code: 'custom', message: 'a 政令市/中核市/県庁所在市 cannot be in the 1,375' });
  });

/**
 * Parses and validates the municipality master. Every malformed line is reported with its line
 * number (1 = the header) and reason; nothing is returned unless the whole file is valid.
 */
export function parseMunicipalitiesCsv(text: string): MunicipalityRecord[] {
  const problems: { line: number; reason: string }[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => {
        const missing = MUNICIPALITY_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length) throw new MunicipalityCsvError([{ line: 1, reason: `missing column(s): ${missing.join(', ')}` }]);
        return header;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (error) {
    if (error instanceof MunicipalityCsvError) throw error;
    const e = error as { lines?: number; message: string };
    throw new MunicipalityCsvError([{ line: e.lines ?? 0, reason: e.message.replace(/^Invalid Record Length: /, '') }]);
  }
  const seen = new Map<string, number>();
  const out: MunicipalityRecord[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const result = rowSchema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ line, reason: issue.message });
      continue;
    }
    const r = result.data;
    const previous = seen.get(r.lg_code);
    if (previous) {
      problems.push({ line, reason: `duplicate lg_code ${r.lg_code} (first on line ${previous})` });
      continue;
    }
    seen.set(r.lg_code, line);
    out.push({
      lgCode: r.lg_code, prefCode: r.pref_code, prefName: r.pref_name, name: r.name, nameKana: r.name_kana,
      kind: r.kind, seirei: r.seirei, chukaku: r.chukaku, kencho: r.kencho, metroArea: r.metro_area,
      jokenFuri: r.joken_furi, kaso: r.kaso, kasoArea: r.kaso_area, jinkoGenshou: r.jinko_genshou,
      teijuu: r.teijuu, teijuuKen: r.teijuu_ken, teijuuSince: r.teijuu_since, eligible1433: r.eligible_1433,
      eligible1375: r.eligible_1375, eligibilityBasis: r.eligibility_basis,
    });
  }
  if (problems.length) throw new MunicipalityCsvError(problems);
  if (out.length === 0) throw new MunicipalityCsvError([{ line: 1, reason: 'the file has no data rows' }]);
  return out;
}

/** The columns of db/data/wards.csv, in order (see db/data/SOURCES.md). */
export const WARD_COLUMNS = ['lg_code', 'city_lg_code', 'city_name', 'name', 'name_kana', 'abolished'] as const;

export type WardRecord = { lgCode: string; cityLgCode: string; name: string; nameKana: string; abolished: string | null };

const wardSchema = z.object({
  lg_code: z.string().refine(isValidLgCode, 'lg_code must be 6 digits with a valid check digit'),
  city_lg_code: z.string().refine(isValidLgCode, 'city_lg_code must be 6 digits with a valid check digit'),
  city_name: z.string().regex(/^.+市$/, 'city_name must end in 市'),
  name: z.string().regex(/^.+区$/, 'name must end in 区'),
  name_kana: z.string().regex(/^[\u3041-\u309f\u30fc]+く$/, 'name_kana must be hiragana ending in く'),
  abolished: nullable(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'abolished must be YYYY-MM-DD or empty')),
});

/**
 * Parses the 行政区 of the 政令市 and checks them against the master: every ward's city must be a
 * 政令市 of the master under the name given, and a ward code is never a municipality's. Every
 * problem is reported with its line number; nothing is returned unless the whole file is valid.
 */
export function parseWardsCsv(text: string, master: readonly MunicipalityRecord[]): WardRecord[] {
  const problems: { line: number; reason: string }[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => {
        const missing = WARD_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length) throw new MunicipalityCsvError([{ line: 1, reason: `missing column(s): ${missing.join(', ')}` }]);
        return header;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (error) {
    if (error instanceof MunicipalityCsvError) throw error;
    const e = error as { lines?: number; message: string };
    throw new MunicipalityCsvError([{ line: e.lines ?? 0, reason: e.message.replace(/^Invalid Record Length: /, '') }]);
  }
  const cities = new Map(master.map((m) => [m.lgCode, m]));
  const seen = new Map<string, number>();
  const out: WardRecord[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const result = wardSchema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ line, reason: issue.message });
      continue;
    }
    const r = result.data;
    const city = cities.get(r.city_lg_code);
    if (!city || !city.seirei) problems.push({ line, reason: `city_lg_code ${r.city_lg_code} is not a 政令市 of the master` });
    else if (city.name !== r.city_name) problems.push({ line, reason: `city_lg_code ${r.city_lg_code} is ${city.name}, not ${r.city_name}` });
    if (cities.has(r.lg_code)) problems.push({ line, reason: `lg_code ${r.lg_code} is a municipality's code` });
    const previous = seen.get(r.lg_code);
    if (previous) problems.push({ line, reason: `duplicate lg_code ${r.lg_code} (first on line ${previous})` });
    seen.set(r.lg_code, line);
    out.push({ lgCode: r.lg_code, cityLgCode: r.city_lg_code, name: r.name, nameKana: r.name_kana, abolished: r.abolished });
  }
  if (problems.length) throw new MunicipalityCsvError(problems);
  return out;
}

/** The master with each 政令市's wards attached (`wards` on the city's record). */
export function withWards(master: MunicipalityRecord[], wards: readonly WardRecord[]): MunicipalityRecord[] {
  const byCity = new Map<string, WardRecord[]>();
  for (const w of wards) byCity.set(w.cityLgCode, [...(byCity.get(w.cityLgCode) ?? []), w]);
  return master.map((m) => (m.seirei ? { ...m, wards: byCity.get(m.lgCode) ?? [] } : m));
}
