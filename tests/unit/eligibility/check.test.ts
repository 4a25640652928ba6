import { describe, expect, it } from 'vitest';
import { checkEligibility, classifyCompany, rulesFor, type Employment, type ProgramType, type Sender } from '../../../app/domain/eligibility';
import { muni } from './master';

const company = (hq: string): Sender => ({ kind: 'company', hq: muni(hq) });
const person = (employment: Employment, hq: string | null): Sender => ({ kind: 'individual', employment, employerHq: hq ? muni(hq) : null });

describe('classifyCompany', () => {
  it.each([
    ['東京都千代田区', 'A'], // a 特別区 is in the metropolitan area
    ['東京都八王子市', 'A'],
    ['神奈川県横浜市', 'A'],
    ['三重県菰野町', 'A'],
    ['奈良県上牧町', 'A'],
    ['北海道札幌市', 'B'], // 政令市
    ['長野県松本市', 'B'], // 中核市
    ['山口県山口市', 'B'], // 県庁所在市 only
    ['北海道小樽市', 'none'],
    ['滋賀県草津市', 'none'], // 滋賀 is outside the 11 metropolitan prefectures
  ] as const)('%s → %s', (hq, expected) => {
    expect(classifyCompany(muni(hq), rulesFor(2026))).toBe(expected);
  });
});

type Case = [string, { receiver: string; sender: Sender; type?: ProgramType; fy?: number }, { eligible: boolean; companyClass: string; codes: string[] }];

const cases: Case[] = [
  ['A company, receiver outside the metro areas', { receiver: '北海道伊達市', sender: company('東京都千代田区') }, { eligible: true, companyClass: 'A', codes: [] }],
  ['A company, metro receiver on the list (条件不利), same prefecture', { receiver: '東京都檜原村', sender: company('東京都千代田区') }, { eligible: true, companyClass: 'A', codes: [] }],
  ['A company, metro receiver on the list (人口減少率)', { receiver: '埼玉県越生町', sender: company('愛知県名古屋市') }, { eligible: true, companyClass: 'A', codes: [] }],
  ['A company, metro receiver off the list', { receiver: '東京都八王子市', sender: company('大阪府大阪市') }, { eligible: false, companyClass: 'A', codes: ['receiver_not_listed'] }],
  ['A company, a 特別区 as receiver', { receiver: '東京都新宿区', sender: company('東京都千代田区') }, { eligible: false, companyClass: 'A', codes: ['receiver_not_listed'] }],
  ['A company, 政令市 outside the metro areas as receiver', { receiver: '新潟県新潟市', sender: company('東京都港区') }, { eligible: true, companyClass: 'A', codes: [] }],
  ['B company, other prefecture, receiver in the 1,375', { receiver: '青森県弘前市', sender: company('北海道札幌市') }, { eligible: true, companyClass: 'B', codes: [] }],
  ['B company, same prefecture', { receiver: '北海道小樽市', sender: company('北海道札幌市') }, { eligible: false, companyClass: 'B', codes: ['class_b_same_prefecture'] }],
  ['B company, 政令市 as receiver', { receiver: '新潟県新潟市', sender: company('北海道札幌市') }, { eligible: false, companyClass: 'B', codes: ['class_b_receiver_is_city'] }],
  ['B company, 中核市 as receiver', { receiver: '青森県八戸市', sender: company('山口県山口市') }, { eligible: false, companyClass: 'B', codes: ['class_b_receiver_is_city'] }],
  ['B company, 県庁所在市 (not 政令・中核) as receiver', { receiver: '山口県山口市', sender: company('長野県松本市') }, { eligible: false, companyClass: 'B', codes: ['class_b_receiver_is_city'] }],
  ['B company, 中核市 of its own prefecture: both conditions fail', { receiver: '長野県長野市', sender: company('長野県松本市') }, { eligible: false, companyClass: 'B', codes: ['class_b_receiver_is_city', 'class_b_same_prefecture'] }],
  ['B company, metro 政令市 on the 1,433 (相模原市)', { receiver: '神奈川県相模原市', sender: company('北海道札幌市') }, { eligible: false, companyClass: 'B', codes: ['class_b_receiver_is_city'] }],
  ['B company, metro village on the 1,375', { receiver: '東京都檜原村', sender: company('長野県松本市') }, { eligible: true, companyClass: 'B', codes: [] }],
  ['B company, metro city off the list: every failure listed', { receiver: '神奈川県横浜市', sender: company('北海道札幌市') }, { eligible: false, companyClass: 'B', codes: ['receiver_not_listed', 'class_b_receiver_is_city'] }],
  ['company of no class', { receiver: '青森県弘前市', sender: company('北海道小樽市') }, { eligible: false, companyClass: 'none', codes: ['company_not_eligible'] }],
  ['company of no class and receiver off the list', { receiver: '東京都府中市', sender: company('北海道小樽市') }, { eligible: false, companyClass: 'none', codes: ['receiver_not_listed', 'company_not_eligible'] }],
  ['side job, employee of an A company', { receiver: '北海道伊達市', sender: person('employed', '東京都千代田区'), type: 'side_job' }, { eligible: true, companyClass: 'A', codes: [] }],
  ['side job, employee of a B company in the same prefecture', { receiver: '北海道伊達市', sender: person('employed', '北海道札幌市'), type: 'side_job' }, { eligible: false, companyClass: 'B', codes: ['class_b_same_prefecture'] }],
  ['side job, retired person', { receiver: '北海道伊達市', sender: person('retired', '東京都千代田区'), type: 'side_job' }, { eligible: false, companyClass: 'A', codes: ['side_job_requires_employed'] }],
  ['senior, retired from an A company', { receiver: '北海道伊達市', sender: person('retired', '東京都千代田区'), type: 'senior' }, { eligible: true, companyClass: 'A', codes: [] }],
  ['senior, still employed', { receiver: '北海道伊達市', sender: person('employed', '東京都千代田区'), type: 'senior' }, { eligible: false, companyClass: 'A', codes: ['senior_requires_retired'] }],
  ['senior, retired from a company of no class', { receiver: '北海道伊達市', sender: person('retired', '北海道小樽市'), type: 'senior' }, { eligible: false, companyClass: 'none', codes: ['company_not_eligible'] }],
  ['freelancer, side job', { receiver: '北海道伊達市', sender: person('freelance', null), type: 'side_job' }, { eligible: false, companyClass: 'none', codes: ['freelance_not_eligible'] }],
  ['freelancer, senior, receiver off the list', { receiver: '東京都府中市', sender: person('freelance', '東京都千代田区'), type: 'senior' }, { eligible: false, companyClass: 'none', codes: ['freelance_not_eligible', 'receiver_not_listed'] }],
  ['employee without an employer', { receiver: '北海道伊達市', sender: person('employed', null), type: 'side_job' }, { eligible: false, companyClass: 'none', codes: ['employer_missing'] }],
  ['individual under the dispatch type', { receiver: '北海道伊達市', sender: person('employed', '東京都千代田区'), type: 'dispatch' }, { eligible: false, companyClass: 'A', codes: ['dispatch_requires_company'] }],
  ['company under the side job type', { receiver: '北海道伊達市', sender: company('東京都千代田区'), type: 'side_job' }, { eligible: false, companyClass: 'A', codes: ['individual_required'] }],
  ['teijuu-only member, after its 協定 (R7)', { receiver: '三重県菰野町', sender: company('東京都千代田区'), fy: 2025 }, { eligible: true, companyClass: 'A', codes: [] }],
  ['teijuu-only member, before its 協定 (R6)', { receiver: '三重県菰野町', sender: company('東京都千代田区'), fy: 2024 }, { eligible: false, companyClass: 'A', codes: ['receiver_not_listed'] }],
];

describe('checkEligibility', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const result = checkEligibility({ municipality: muni(input.receiver), sender: input.sender, type: input.type ?? 'dispatch', fiscalYear: input.fy ?? 2026 });
    expect({ eligible: result.eligible, companyClass: result.companyClass, codes: result.reasons.map((r) => r.code).sort() }).toEqual({
      ...expected,
      codes: [...expected.codes].sort(),
    });
    for (const r of result.reasons) expect(r.message_ja).toMatch(/[ぁ-んァ-ン一-龠]/);
  });

  it('says why in Japanese, naming both places', () => {
    const result = checkEligibility({ municipality: muni('北海道小樽市'), sender: company('北海道札幌市'), type: 'dispatch', fiscalYear: 2026 });
    expect(result.reasons[0].message_ja).toContain('B区分の企業は同一都道府県内の市町村には派遣できません');
    expect(result.reasons[0].message_ja).toContain('北海道');
    const off = checkEligibility({ municipality: muni('東京都八王子市'), sender: company('東京都千代田区'), type: 'dispatch', fiscalYear: 2026 });
    expect(off.reasons[0].message_ja).toBe(
      '東京都八王子市は令和8年度の対象市町村（1,433市町村）に含まれません。三大都市圏内で条件不利地域・定住自立圏・人口減少率の高い市町村のいずれにも該当しないためです',
    );
    const r6 = checkEligibility({ municipality: muni('三重県菰野町'), sender: company('東京都千代田区'), type: 'dispatch', fiscalYear: 2024 });
    expect(r6.reasons[0].message_ja).toContain('2024-06-28');
  });

  it('explains a positive answer and names the rule version', () => {
    const result = checkEligibility({ municipality: muni('北海道伊達市'), sender: company('東京都千代田区'), type: 'dispatch', fiscalYear: 2026 });
    expect(result).toMatchObject({ eligible: true, ruleVersion: 'fy2026', fiscalYear: 2026, provisional: false });
    expect(result.explanations.map((e) => e.code)).toEqual(['sender_matches_type', 'receiver_listed', 'company_class_a']);
    expect(result.explanations[2].message_ja).toContain('東京圏');
  });

  it('uses the newest table, marked provisional, for a year without its own', () => {
    const result = checkEligibility({ municipality: muni('北海道伊達市'), sender: company('東京都千代田区'), type: 'dispatch', fiscalYear: 2028 });
    expect(result).toMatchObject({ ruleVersion: 'fy2026', fiscalYear: 2028, provisional: true });
  });

  it('refuses a year before the first table', () => {
    expect(() => checkEligibility({ municipality: muni('北海道伊達市'), sender: company('東京都千代田区'), type: 'dispatch', fiscalYear: 2023 })).toThrow(/令和5年度/);
  });
});
