import { RULE_TABLES, fiscalYearOf, rulesFor } from '../rules';
import type { FiscalYearRules } from '../rules/types';
import { PROGRAM_TYPE_LABELS, type ProgramType } from './types';

export interface WorkPatternInput {
  type: ProgramType;
  /** YYYY-MM-DD, first day of the term */
  startDate?: string;
  /** YYYY-MM-DD, last day of the term (inclusive) */
  endDate?: string;
  /** the term in months, when dates are not known yet */
  termMonths?: number;
  /** working days a month */
  daysPerMonth?: number;
  hoursPerMonth?: number;
  /** days a month in the municipality: working there (dispatch) or staying there (side job, senior) */
  onSiteDaysPerMonth?: number;
  /** defaults to the fiscal year of startDate, else the newest table */
  fiscalYear?: number;
}

export type WorkPatternField = 'startDate' | 'endDate' | 'termMonths' | 'daysPerMonth' | 'hoursPerMonth' | 'onSiteDaysPerMonth';

export interface WorkPatternViolation {
  field: WorkPatternField;
  code:
    | 'required'
    | 'invalid'
    | 'end_before_start'
    | 'term_mismatch'
    | 'term_too_short'
    | 'term_too_long'
    | 'days_too_few'
    | 'hours_too_few'
    | 'on_site_too_few'
    | 'stay_too_few'
    | 'on_site_exceeds_days';
  message_ja: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(text: string): Date | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : null;
}

/** start + n months, the day clamped to the month's last day (1/31 + 1 month = 2/28). */
function addMonths(d: Date, n: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

const DAY_MS = 86_400_000;

/**
 * Length of a term whose end day is included, as whole months and the days left over:
 * 2026-04-01 … 2026-09-30 is 6 months 0 days; … 2026-09-29 is 5 months 29 days.
 */
export function termOf(startDate: string, endDate: string): { months: number; extraDays: number } | null {
  const start = parseDate(startDate);
  const end = parseDate(endDate);
  if (!start || !end || end < start) return null;
  const endExclusive = new Date(end.getTime() + DAY_MS);
  let months = (endExclusive.getUTCFullYear() - start.getUTCFullYear()) * 12 + (endExclusive.getUTCMonth() - start.getUTCMonth());
  if (addMonths(start, months) > endExclusive) months -= 1;
  const extraDays = Math.round((endExclusive.getTime() - addMonths(start, months).getTime()) / DAY_MS);
  return { months, extraDays };
}

function termText(months: number, extraDays: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  const parts = [y ? `${y}年` : '', m || (!y && !extraDays) ? `${m}か月` : '', extraDays ? `${extraDays}日` : ''];
  return parts.join('');
}

function isCount(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
}

function rulesForPattern(input: WorkPatternInput): FiscalYearRules {
  let fy = input.fiscalYear;
  if (fy === undefined && input.startDate && parseDate(input.startDate)) fy = fiscalYearOf(input.startDate);
  if (fy === undefined) return RULE_TABLES[RULE_TABLES.length - 1];
  return rulesFor(Math.max(fy, RULE_TABLES[0].fiscalYear));
}

/**
 * Checks a term and monthly working pattern against the type's rules; [] when it complies.
 * Every problem is reported, each on the field to correct.
 */
export function validateWorkPattern(input: WorkPatternInput): WorkPatternViolation[] {
  const rules = rulesForPattern(input);
  const out: WorkPatternViolation[] = [];
  const label = PROGRAM_TYPE_LABELS[input.type];
  const dispatch = input.type === 'dispatch';

  // The term rule (6 months to 3 years) applies to every type, not only to dispatch.
  const term = checkTerm(input, out);
  const { minTermMonths, maxTermMonths } = rules.term;
  const range = `${label}の期間は${minTermMonths}か月以上${maxTermMonths / 12}年以内です`;
  if (term === 'missing') {
    out.push({ field: 'endDate', code: 'required', message_ja: `${range}。開始日と終了日（または期間の月数）を入力してください` });
  } else if (term) {
    const field = input.endDate !== undefined ? 'endDate' : 'termMonths';
    if (term.months < minTermMonths) out.push({ field, code: 'term_too_short', message_ja: `${range}（入力：${termText(term.months, term.extraDays)}）` });
    else if (term.months > maxTermMonths || (term.months === maxTermMonths && term.extraDays > 0)) {
      out.push({ field, code: 'term_too_long', message_ja: `${range}（入力：${termText(term.months, term.extraDays)}）` });
    }
  }

  const days = input.daysPerMonth;
  const onSite = input.onSiteDaysPerMonth;
  const daysOk = numberField(out, 'daysPerMonth', days, 31, '1か月の勤務日数');
  const onSiteOk = numberField(out, 'onSiteDaysPerMonth', onSite, 31, dispatch ? '1か月のうち受入市町村で勤務する日数' : '1か月のうち受入市町村に滞在する日数');

  if (dispatch) {
    if (daysOk && onSiteOk) {
      const needed = Math.ceil(days * rules.dispatch.minOnSiteShare);
      if (onSite < needed) {
        out.push({
          field: 'onSiteDaysPerMonth',
          code: 'on_site_too_few',
          message_ja: `${label}では、毎月の勤務日数の半分以上を受入市町村で勤務する必要があります（勤務${days}日に対し${needed}日以上、入力：${onSite}日）`,
        });
      }
    }
  } else {
    const { minDaysPerMonth, minHoursPerMonth, minStayDaysPerMonth } = rules.sideJob;
    const hoursOk = numberField(out, 'hoursPerMonth', input.hoursPerMonth, 744, '1か月の勤務時間');
    if (daysOk && days < minDaysPerMonth) {
      out.push({ field: 'daysPerMonth', code: 'days_too_few', message_ja: `${label}では、1か月に${minDaysPerMonth}日以上の勤務が必要です（入力：${days}日）` });
    }
    if (hoursOk && input.hoursPerMonth! < minHoursPerMonth) {
      out.push({ field: 'hoursPerMonth', code: 'hours_too_few', message_ja: `${label}では、1か月に${minHoursPerMonth}時間以上の勤務が必要です（入力：${input.hoursPerMonth}時間）` });
    }
    if (onSiteOk && onSite < minStayDaysPerMonth) {
      out.push({ field: 'onSiteDaysPerMonth', code: 'stay_too_few', message_ja: `${label}では、1か月に${minStayDaysPerMonth}日以上受入市町村に滞在する必要があります（入力：${onSite}日）` });
    }
  }
  if (daysOk && onSiteOk && onSite > days && dispatch) {
    out.push({ field: 'onSiteDaysPerMonth', code: 'on_site_exceeds_days', message_ja: `受入市町村で勤務する日数（${onSite}日）が1か月の勤務日数（${days}日）を超えています` });
  }
  return out;
}

function numberField(out: WorkPatternViolation[], field: WorkPatternField, value: number | undefined, max: number, what: string): value is number {
  if (value === undefined) {
    out.push({ field, code: 'required', message_ja: `${what}を入力してください` });
    return false;
  }
  if (!isCount(value, max)) {
    out.push({ field, code: 'invalid', message_ja: `${what}は0〜${max}の数で入力してください` });
    return false;
  }
  return true;
}

/** The term from dates (preferred) or from termMonths; 'missing' when neither is given. */
function checkTerm(input: WorkPatternInput, out: WorkPatternViolation[]): { months: number; extraDays: number } | 'missing' | null {
  const { startDate, endDate, termMonths } = input;
  let fromDates: { months: number; extraDays: number } | null = null;
  if (startDate !== undefined || endDate !== undefined) {
    const start = startDate !== undefined ? parseDate(startDate) : null;
    const end = endDate !== undefined ? parseDate(endDate) : null;
    if (startDate === undefined) out.push({ field: 'startDate', code: 'required', message_ja: '開始日を入力してください' });
    else if (!start) out.push({ field: 'startDate', code: 'invalid', message_ja: '開始日はYYYY-MM-DDの形式の正しい日付で入力してください' });
    if (endDate === undefined) out.push({ field: 'endDate', code: 'required', message_ja: '終了日を入力してください' });
    else if (!end) out.push({ field: 'endDate', code: 'invalid', message_ja: '終了日はYYYY-MM-DDの形式の正しい日付で入力してください' });
    if (!start || !end) return null;
    if (end < start) {
      out.push({ field: 'endDate', code: 'end_before_start', message_ja: '終了日が開始日より前になっています' });
      return null;
    }
    fromDates = termOf(startDate!, endDate!);
  }
  if (termMonths !== undefined) {
    if (!Number.isInteger(termMonths) || termMonths < 1) {
      out.push({ field: 'termMonths', code: 'invalid', message_ja: '期間の月数は1以上の整数で入力してください' });
      return fromDates;
    }
    if (fromDates && (fromDates.months !== termMonths || fromDates.extraDays !== 0)) {
      out.push({
        field: 'termMonths',
        code: 'term_mismatch',
        message_ja: `期間の月数（${termMonths}か月）が開始日・終了日から求めた期間（${termText(fromDates.months, fromDates.extraDays)}）と一致しません`,
      });
    }
    return fromDates ?? { months: termMonths, extraDays: 0 };
  }
  return fromDates ?? 'missing';
}
