import { describe, expect, it } from 'vitest';
import { termOf, validateWorkPattern, type WorkPatternInput } from '../../../app/domain/eligibility';

const codes = (input: WorkPatternInput) => validateWorkPattern(input).map((v) => `${v.field}:${v.code}`);
const dispatch = (extra: Partial<WorkPatternInput>): WorkPatternInput => ({ type: 'dispatch', daysPerMonth: 20, onSiteDaysPerMonth: 10, ...extra });
const sideJob = (extra: Partial<WorkPatternInput>): WorkPatternInput => ({ type: 'side_job', termMonths: 12, daysPerMonth: 4, hoursPerMonth: 20, onSiteDaysPerMonth: 1, ...extra });

describe('termOf', () => {
  it.each([
    ['2026-04-01', '2026-09-30', 6, 0],
    ['2026-04-01', '2026-09-29', 5, 29],
    ['2026-04-01', '2029-03-31', 36, 0],
    ['2026-04-01', '2029-04-01', 36, 1],
    ['2026-01-31', '2026-02-27', 1, 0], // a month from the 31st ends with February (clamped to the 28th)
    ['2026-01-15', '2026-02-13', 0, 30],
    ['2026-01-31', '2026-07-30', 6, 0],
  ] as const)('%s … %s = %i months %i days', (start, end, months, extraDays) => {
    expect(termOf(start, end)).toEqual({ months, extraDays });
  });
});

describe('validateWorkPattern: dispatch term (6 months to 3 years)', () => {
  it.each([
    ['5 months', { termMonths: 5 }, ['termMonths:term_too_short']],
    ['6 months', { termMonths: 6 }, []],
    ['36 months', { termMonths: 36 }, []],
    ['37 months', { termMonths: 37 }, ['termMonths:term_too_long']],
    ['dates: 5 months 29 days', { startDate: '2026-04-01', endDate: '2026-09-29' }, ['endDate:term_too_short']],
    ['dates: 6 months', { startDate: '2026-04-01', endDate: '2026-09-30' }, []],
    ['dates: 36 months', { startDate: '2026-04-01', endDate: '2029-03-31' }, []],
    ['dates: 36 months and a day', { startDate: '2026-04-01', endDate: '2029-04-01' }, ['endDate:term_too_long']],
    ['dates: 37 months', { startDate: '2026-04-01', endDate: '2029-04-30' }, ['endDate:term_too_long']],
    ['no term at all', {}, ['endDate:required']],
    ['end before start', { startDate: '2026-04-01', endDate: '2026-03-31' }, ['endDate:end_before_start']],
    ['impossible date', { startDate: '2026-02-30', endDate: '2026-12-31' }, ['startDate:invalid']],
    ['months disagree with dates', { startDate: '2026-04-01', endDate: '2026-09-30', termMonths: 7 }, ['termMonths:term_mismatch']],
  ] as const)('%s', (_name, extra, expected) => {
    expect(codes(dispatch(extra))).toEqual(expected);
  });

  it('says the rule and what was entered, in Japanese', () => {
    const [v] = validateWorkPattern(dispatch({ startDate: '2026-04-01', endDate: '2026-09-29' }));
    expect(v.message_ja).toBe('企業派遣型の期間は6か月以上3年以内です（入力：5か月29日）');
  });
});

describe('validateWorkPattern: dispatch on-site days (half of each month)', () => {
  it.each([
    [20, 10, []],
    [20, 9, ['onSiteDaysPerMonth:on_site_too_few']],
    [21, 11, []],
    [21, 10, ['onSiteDaysPerMonth:on_site_too_few']],
    [20, 21, ['onSiteDaysPerMonth:on_site_exceeds_days']],
  ] as const)('%i working days, %i on site', (days, onSite, expected) => {
    expect(codes(dispatch({ termMonths: 12, daysPerMonth: days, onSiteDaysPerMonth: onSite }))).toEqual(expected);
  });
});

describe('validateWorkPattern: side job and senior (4 days, 20 hours, 1 stay day a month)', () => {
  it.each(['side_job', 'senior'] as const)('%s: the minimum passes', (type) => {
    expect(validateWorkPattern(sideJob({ type }))).toEqual([]);
  });

  it.each([
    ['3 days', { daysPerMonth: 3 }, ['daysPerMonth:days_too_few']],
    ['4 days', { daysPerMonth: 4 }, []],
    ['19 hours', { hoursPerMonth: 19 }, ['hoursPerMonth:hours_too_few']],
    ['20 hours', { hoursPerMonth: 20 }, []],
    ['no stay day', { onSiteDaysPerMonth: 0 }, ['onSiteDaysPerMonth:stay_too_few']],
    ['everything short', { daysPerMonth: 3, hoursPerMonth: 19, onSiteDaysPerMonth: 0 }, ['daysPerMonth:days_too_few', 'hoursPerMonth:hours_too_few', 'onSiteDaysPerMonth:stay_too_few']],
    ['missing hours', { hoursPerMonth: undefined }, ['hoursPerMonth:required']],
    ['negative days', { daysPerMonth: -1 }, ['daysPerMonth:invalid']],
    ['no term given', { termMonths: undefined }, ['endDate:required']],
    ['5 months', { termMonths: 5 }, ['termMonths:term_too_short']],
    ['6 months', { termMonths: 6 }, []],
    ['36 months', { termMonths: 36 }, []],
    ['37 months', { termMonths: 37 }, ['termMonths:term_too_long']],
  ] as const)('%s', (_name, extra, expected) => {
    expect(codes(sideJob(extra))).toEqual(expected);
  });

  it('names the type in its messages', () => {
    const [v] = validateWorkPattern(sideJob({ type: 'senior', hoursPerMonth: 19 }));
    expect(v.message_ja).toBe('シニア型では、1か月に20時間以上の勤務が必要です（入力：19時間）');
  });
});
