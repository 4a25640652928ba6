import type { Generated, Selectable } from 'kysely';

export interface MunicipalityTable {
  /** 全国地方公共団体コード (6 digits with check digit), e.g. 011002 */
  lg_code: string;
  pref_code: string;
  pref_name: string;
  name: string;
  name_kana: string;
  /** 市 / 町 / 村 / 区 (特別区) */
  kind: string;
  seirei: boolean;
  chukaku: boolean;
  kencho: boolean;
  /** tokyo / nagoya / kansai, or null outside the three metropolitan areas */
  metro_area: string | null;
  joken_furi: string | null;
  kaso: string | null;
  kaso_area: string | null;
  jinko_genshou: boolean;
  teijuu: boolean;
  teijuu_ken: string | null;
  teijuu_since: string | null;
  eligible_1433: boolean;
  eligible_1375: boolean;
  /** basis codes, e.g. ['outside_metro'] or ['joken_furi_full', 'kaso_full'] */
  eligibility_basis: string[];
  /** fiscal year (April start) from which this list is in force */
  list_fiscal_year: number;
  updated_at: Generated<Date>;
}

/** A 行政区 of a 政令市 (db/data/wards.csv); it resolves to its city. */
export interface MunicipalWardTable {
  lg_code: string;
  city_lg_code: string;
  name: string;
  name_kana: string;
  /** YYYY-MM-DD: the first day the ward no longer existed (null = current) */
  abolished: string | null;
}

export interface MunicipalityTables {
  municipalities: MunicipalityTable;
  municipal_wards: MunicipalWardTable;
}

export type MunicipalityRow = Selectable<MunicipalityTable>;
export type MunicipalWardRow = Selectable<MunicipalWardTable>;
