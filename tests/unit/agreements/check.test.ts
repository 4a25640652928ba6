import { describe, expect, it } from 'vitest';
import { checkAgreement, type AgreementDraft } from '../../../app/domain/agreements';
import { draftOf, municipalities } from './drafts';

const check = (draft: AgreementDraft) => checkAgreement(draft, { municipalities });
const codes = (draft: AgreementDraft) => check(draft).violations.map((v) => `${v.field}:${v.code}`);

describe('checkAgreement: the example drafts', () => {
  it.each(['dispatch', 'side_job', 'senior'] as const)('%s passes every rule', (kind) => {
    const result = check(draftOf(kind));
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports the company class decided by the eligibility engine', () => {
    expect(check(draftOf('dispatch')).companyClass).toBe('A');
    expect(check(draftOf('side_job')).companyClass).toBe('B');
  });
});

describe('checkAgreement: term of a dispatch (6 months – 3 years, end day included)', () => {
  it.each([
    ['2026-04-01', '2026-09-30', []],
    ['2026-04-01', '2026-09-29', ['term.end:term_too_short']],
    ['2026-04-01', '2029-03-31', []],
    ['2026-04-01', '2029-04-01', ['term.end:term_too_long']],
    ['2026-04-15', '2026-10-14', []],
  ])('%s … %s', (start, end, expected) => {
    expect(codes(draftOf('dispatch', { term: { start, end }, agreementDate: '2026-03-01' }))).toEqual(expected);
  });

  it('refuses an end before the start, on the end field', () => {
    expect(codes(draftOf('dispatch', { term: { start: '2026-10-01', end: '2026-09-30' }, agreementDate: '2026-09-01' }))).toContain('term.end:end_before_start');
  });
});

describe('checkAgreement: working pattern', () => {
  it.each([
    [20, 10, []],
    [20, 9, ['workPattern.daysOnSitePerMonth:on_site_too_few']],
    [21, 11, []],
    [21, 10, ['workPattern.daysOnSitePerMonth:on_site_too_few']],
  ])('dispatch: %i working days with %i on site', (daysPerMonth, daysOnSitePerMonth, expected) => {
    expect(codes(draftOf('dispatch', { workPattern: { daysPerMonth, hoursPerMonth: 150, daysOnSitePerMonth } }))).toEqual(expected);
  });

  it.each([
    ['side_job', 4, 20, 1, []],
    ['side_job', 3, 20, 1, ['workPattern.daysPerMonth:days_too_few']],
    ['side_job', 4, 19, 1, ['workPattern.hoursPerMonth:hours_too_few']],
    ['side_job', 4, 20, 0, ['workPattern.daysOnSitePerMonth:stay_too_few']],
    ['senior', 4, 20, 1, []],
    ['senior', 3, 19, 0, ['workPattern.daysPerMonth:days_too_few', 'workPattern.hoursPerMonth:hours_too_few', 'workPattern.daysOnSitePerMonth:stay_too_few']],
  ] as const)('%s: %i days, %i hours, %i days on site', (kind, daysPerMonth, hoursPerMonth, daysOnSitePerMonth, expected) => {
    expect(codes(draftOf(kind, { workPattern: { daysPerMonth, hoursPerMonth, daysOnSitePerMonth } }))).toEqual(expected);
  });

  it('side job: more days on site than working days is flagged', () => {
    expect(codes(draftOf('side_job', { workPattern: { daysPerMonth: 4, hoursPerMonth: 20, daysOnSitePerMonth: 5 } }))).toEqual([
      'workPattern.daysOnSitePerMonth:on_site_exceeds_days',
    ]);
  });

  it('gives Japanese messages next to the field', () => {
    const v = check(draftOf('side_job', { workPattern: { daysPerMonth: 3, hoursPerMonth: 20, daysOnSitePerMonth: 1 } })).violations[0];
    expect(v.field).toBe('workPattern.daysPerMonth');
    expect(v.message_ja).toMatch(/4日以上/);
  });
});

describe('checkAgreement: eligibility of the pairing', () => {
  it('a receiver outside the list (千代田区) is refused on the municipality field', () => {
    const draft = draftOf('dispatch', { municipality: { lgCode: '131016', name: '千代田区', prefecture: '東京都' } });
    expect(codes(draft)).toEqual(['municipality.lgCode:receiver_not_listed']);
    expect(check(draft).ok).toBe(false);
  });

  it('a company outside the metropolitan areas and not in a 政令市等 is not eligible', () => {
    expect(codes(draftOf('dispatch', { company: { hqLgCode: '402028' } }))).toEqual(['company.hqLgCode:company_not_eligible']);
  });

  it('class B: a receiver in the employer’s own prefecture is refused', () => {
    const draft = draftOf('side_job', { municipality: { lgCode: '402028', name: '大牟田市', prefecture: '福岡県' } });
    expect(codes(draft)).toEqual(['employer.hqLgCode:class_b_same_prefecture']);
  });

  it('class B: a 中核市 as receiver is refused', () => {
    const draft = draftOf('side_job', { municipality: { lgCode: '012025', name: '函館市', prefecture: '北海道' } });
    expect(codes(draft)).toEqual(['municipality.lgCode:class_b_receiver_is_city']);
  });

  it('an unknown code is reported instead of guessing', () => {
    expect(codes(draftOf('senior', { formerEmployer: { hqLgCode: '999999' } }))).toEqual(['formerEmployer.hqLgCode:municipality_unknown']);
  });

  it('a municipality name that does not match its code is reported', () => {
    expect(codes(draftOf('dispatch', { municipality: { name: '札幌市' } }))).toEqual(['municipality.name:municipality_mismatch']);
    expect(codes(draftOf('dispatch', { municipality: { name: '北海道函館市' } }))).toEqual([]);
  });
});

describe('checkAgreement: facts of the agreement itself', () => {
  it('signing on the first day is fine, after it is not', () => {
    expect(codes(draftOf('dispatch', { agreementDate: '2026-10-01' }))).toEqual([]);
    expect(codes(draftOf('dispatch', { agreementDate: '2026-10-02' }))).toEqual(['agreementDate:agreement_after_start']);
    expect(check(draftOf('dispatch', { agreementDate: '2026-10-02' })).violations[0]?.message_ja).toBe('文書の日付欄（令和8年10月2日）が期間の開始日（令和8年10月1日）より後です。開始日までに締結してください');
  });

  it('side job: the employer’s approval must be obtained, before the start', () => {
    expect(codes(draftOf('side_job', { employer: { approval: { obtained: false } } }))).toContain('employer.approval.obtained:employer_approval_missing');
    expect(codes(draftOf('side_job', { employer: { approval: { obtained: true, date: '2026-07-02' } } }))).toEqual([
      'employer.approval.date:employer_approval_after_start',
    ]);
  });

  it('senior: retired before the term starts', () => {
    expect(codes(draftOf('senior', { formerEmployer: { retiredOn: '2026-03-31' } }))).toEqual([]);
    expect(codes(draftOf('senior', { formerEmployer: { retiredOn: '2026-04-01' } }))).toEqual(['formerEmployer.retiredOn:not_retired_at_start']);
  });

  it('a template year after the start year is refused', () => {
    expect(codes(draftOf('dispatch', { fiscalYear: 2027 }))).toEqual(['fiscalYear:fiscal_year_after_start']);
    expect(codes(draftOf('dispatch', { fiscalYear: 2026 }))).toEqual([]);
  });

  it('a term before the first rule table cannot be checked', () => {
    const result = check(draftOf('dispatch', { term: { start: '2023-10-01', end: '2024-09-30' }, agreementDate: '2023-09-01' }));
    expect(result.violations.map((v) => v.code)).toEqual(['no_rules']);
    expect(result.taxEstimate).toEqual({ byFiscalYear: [], total: 0 });
  });
});
