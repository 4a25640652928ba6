import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidLgCode, MunicipalityCsvError, parseMunicipalitiesCsv } from '../../db/municipalities/csv';
import { MUNICIPALITIES_CSV } from '../../db/municipalities/import';

const text = readFileSync(MUNICIPALITIES_CSV, 'utf8');
const [header, ...lines] = text.trimEnd().split('\n');

function problems(csv: string) {
  try {
    parseMunicipalitiesCsv(csv);
  } catch (error) {
    if (error instanceof MunicipalityCsvError) return error.problems;
    throw error;
  }
  return [];
}

describe('municipality master', () => {
  it('parses the shipped list with the published counts', () => {
    const rows = parseMunicipalitiesCsv(text);
    expect(rows).toHaveLength(1741);
    expect(rows.filter((r) => r.eligible1433)).toHaveLength(1433);
    expect(rows.filter((r) => r.eligible1375)).toHaveLength(1375);
    expect(rows.filter((r) => r.kind === '特別区')).toHaveLength(23);
    const sapporo = rows.find((r) => r.lgCode === '011002');
    expect(sapporo).toMatchObject({ name: '札幌市', prefName: '北海道', seirei: true, kencho: true, eligible1433: true, eligible1375: false });
  });

  it('validates 全国地方公共団体コード check digits, including both special branches', () => {
    for (const code of ['011002', '131016', '141003', '271004', '472018', '012050', '012131']) expect(isValidLgCode(code)).toBe(true);
    for (const code of ['131017', '01100', '0110020', '01100a']) expect(isValidLgCode(code)).toBe(false);
  });

  it('reports a malformed line with its number and reason', () => {
    const broken = [...lines];
    broken[9] = broken[9].replace(/^(\d{5})\d/, (_, p) => `${p}${(Number(broken[9][5]) + 1) % 10}`);
    const result = problems([header, ...broken].join('\n'));
    expect(result).toEqual([{ line: 11, reason: 'lg_code must be 6 digits with a valid check digit' }]);
  });

  it('reports wrong field counts, bad flags and duplicates, every one of them', () => {
    const broken = [...lines];
    broken[0] = broken[0] + ',extra';
    broken[1] = broken[1].replace(',市,0,1,0,', ',市,0,2,0,');
    broken[3] = lines[2];
    const result = problems([header, ...broken].join('\n'));
    expect(result[0].line).toBe(2);
    expect(result[0].reason).toMatch(/column|field|record/i);
  });

  it('reports a bad flag and a duplicate code on their own lines', () => {
    const broken = [...lines];
    broken[1] = broken[1].replace(/^(([^,]*,){6})0,/, '$1x,');
    broken[3] = lines[2];
    const result = problems([header, ...broken].join('\n'));
    expect(result).toContainEqual({ line: 3, reason: 'must be 0 or 1' });
    expect(result).toContainEqual({ line: 5, reason: `duplicate lg_code ${lines[2].slice(0, 6)} (first on line 4)` });
  });

  it('rejects a file without the expected columns', () => {
    expect(problems('lg_code,name\n011002,札幌市\n')[0]).toMatchObject({ line: 1 });
    expect(problems('lg_code,name\n011002,札幌市\n')[0].reason).toContain('missing column(s): pref_code');
  });
});
