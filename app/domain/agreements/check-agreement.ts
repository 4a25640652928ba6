import {
  checkEligibility,
  estimateTaxMeasure,
  fiscalYearLabel,
  fiscalYearOf,
  NoRulesError,
  resolveMunicipality,
  rulesFor,
  termOf,
  validateWorkPattern,
  type Municipality,
  type ReasonCode,
  type Sender,
  type TaxItem,
  type WorkPatternField,
} from '../eligibility';
import { formatWareki } from '../../utils/dates';
import { maxDate, minDate } from './dates';
import { AGREEMENT_KIND_LABELS, type AgreementDraft } from './draft';

export interface AgreementViolation {
  /** dotted path of the draft field to correct, e.g. term.end */
  field: string;
  code: string;
  message_ja: string;
}

export interface TaxEstimateLine {
  item: TaxItem;
  label_ja: string;
  /** what the agreement plans to spend on the item in that fiscal year */
  requested: number;
  /** the year's annual cap, pro-rated by months/12 */
  cap: number;
  /** min(requested, cap) */
  allowed: number;
  rate: number;
  /** allowed × rate: the estimated special allocation tax */
  measure: number;
}

export interface FiscalYearEstimate {
  fiscalYear: number;
  /** 令和8年度 */
  label: string;
  /** months of the term inside this fiscal year (a begun month counts as a whole one) */
  months: number;
  /** the rule table used, e.g. fy2026 */
  ruleVersion: string;
  /** true when the year has no table of its own and the newest earlier one was used */
  provisional: boolean;
  items: TaxEstimateLine[];
  total: number;
}

export interface AgreementCheck {
  ok: boolean;
  violations: AgreementViolation[];
  taxEstimate: { byFiscalYear: FiscalYearEstimate[]; total: number };
  /** the fiscal year whose list and rules decided eligibility (the year of the term's start) */
  fiscalYear: number;
  companyClass: 'A' | 'B' | 'none' | null;
}

export interface CheckContext {
  /** the municipality master (db/data/municipalities.csv or the municipalities table) */
  municipalities: readonly Municipality[];
}

/**
 * Rule parameter of the estimate: a month the term only partly covers counts as a whole month, both
 * for the amounts planned and for the months/12 pro-rating of annual caps. With terms that start on
 * the first of a month (the usual case) it makes no difference.
 */
export const PARTIAL_MONTH_COUNTS_AS_WHOLE = true;

/**
 * The rule check run before an agreement is exported: eligibility of the pairing, term and working
 * pattern (both from the eligibility engine), a few checks of the agreement itself, and the estimate
 * of the special allocation tax for every fiscal year the term spans. A draft with violations is still
 * estimated, so the user sees both at once.
 */
export function checkAgreement(draft: AgreementDraft, ctx: CheckContext): AgreementCheck {
  const violations: AgreementViolation[] = [];
  const startFy = fiscalYearOf(draft.term.start);
  let companyClass: AgreementCheck['companyClass'] = null;

  let rulesKnown = true;
  try {
    rulesFor(startFy);
  } catch (error) {
    if (!(error instanceof NoRulesError)) throw error;
    rulesKnown = false;
    violations.push({ field: 'term.start', code: 'no_rules', message_ja: error.message });
  }

  if (rulesKnown) {
    companyClass = checkPairing(draft, ctx, startFy, violations);
    checkPattern(draft, violations);
  }
  checkDocumentFacts(draft, violations);

  const byFiscalYear = rulesKnown ? estimateByFiscalYear(draft) : [];
  return {
    ok: violations.length === 0,
    violations,
    taxEstimate: { byFiscalYear, total: byFiscalYear.reduce((s, y) => s + y.total, 0) },
    fiscalYear: startFy,
    companyClass,
  };
}

function senderField(draft: AgreementDraft): string {
  return draft.kind === 'dispatch' ? 'company.hqLgCode' : draft.kind === 'side_job' ? 'employer.hqLgCode' : 'formerEmployer.hqLgCode';
}

/** Which draft field a reason of the eligibility engine is about. */
function reasonField(code: ReasonCode, draft: AgreementDraft): string {
  return code === 'receiver_not_listed' || code === 'class_b_receiver_is_city' ? 'municipality.lgCode' : senderField(draft);
}

function checkPairing(draft: AgreementDraft, ctx: CheckContext, fiscalYear: number, out: AgreementViolation[]) {
  const receiver = lookup(ctx, draft.municipality.lgCode, 'municipality.lgCode', '自治体', out);
  const hqCode = draft.kind === 'dispatch' ? draft.company.hqLgCode : draft.kind === 'side_job' ? draft.employer.hqLgCode : draft.formerEmployer.hqLgCode;
  const hq = lookup(ctx, hqCode, senderField(draft), '本社所在地', out);
  if (receiver && !sameName(draft.municipality.name, receiver)) {
    out.push({
      field: 'municipality.name',
      code: 'municipality_mismatch',
      message_ja: `自治体名「${draft.municipality.name}」が自治体コード${receiver.lgCode}（${receiver.prefName}${receiver.name}）と一致しません`,
    });
  }
  if (!receiver || !hq) return null;

  const sender: Sender =
    draft.kind === 'dispatch'
      ? { kind: 'company', hq }
      : { kind: 'individual', employment: draft.kind === 'side_job' ? 'employed' : 'retired', employerHq: hq };
  const result = checkEligibility({ municipality: receiver, sender, type: draft.kind, fiscalYear });
  for (const r of result.reasons) out.push({ field: reasonField(r.code, draft), code: r.code, message_ja: r.message_ja });
  return result.companyClass;
}

function lookup(ctx: CheckContext, code: string, field: string, what: string, out: AgreementViolation[]): Municipality | null {
  const r = resolveMunicipality(code, ctx.municipalities);
  if (r.status === 'found') return r.municipality;
  out.push({ field, code: 'municipality_unknown', message_ja: `${what}の自治体コード「${code}」は市区町村の一覧にありません` });
  return null;
}

function sameName(written: string, m: Municipality): boolean {
  const plain = written.replace(/\s/g, '');
  return plain === m.name || plain === `${m.prefName}${m.name}`;
}

const PATTERN_FIELDS: Record<WorkPatternField, string> = {
  startDate: 'term.start',
  endDate: 'term.end',
  termMonths: 'term.end',
  daysPerMonth: 'workPattern.daysPerMonth',
  hoursPerMonth: 'workPattern.hoursPerMonth',
  onSiteDaysPerMonth: 'workPattern.daysOnSitePerMonth',
};

function checkPattern(draft: AgreementDraft, out: AgreementViolation[]) {
  const found = validateWorkPattern({
    type: draft.kind,
    startDate: draft.term.start,
    endDate: draft.term.end,
    daysPerMonth: draft.workPattern.daysPerMonth,
    hoursPerMonth: draft.workPattern.hoursPerMonth,
    onSiteDaysPerMonth: draft.workPattern.daysOnSitePerMonth,
  });
  for (const v of found) out.push({ field: PATTERN_FIELDS[v.field], code: v.code, message_ja: v.message_ja });
  if (draft.workPattern.daysOnSitePerMonth > draft.workPattern.daysPerMonth && draft.kind !== 'dispatch') {
    out.push({
      field: 'workPattern.daysOnSitePerMonth',
      code: 'on_site_exceeds_days',
      message_ja: `現地で業務に従事する日数（${draft.workPattern.daysOnSitePerMonth}日）が1か月の業務日数（${draft.workPattern.daysPerMonth}日）を超えています`,
    });
  }
}

/** Checks of the agreement itself, beyond the programme's rules. */
function checkDocumentFacts(draft: AgreementDraft, out: AgreementViolation[]) {
  const label = AGREEMENT_KIND_LABELS[draft.kind];
  if (draft.agreementDate && draft.agreementDate > draft.term.start) {
    out.push({ field: 'agreementDate', code: 'agreement_after_start', message_ja: `文書の日付欄（${formatWareki(draft.agreementDate)}）が期間の開始日（${formatWareki(draft.term.start)}）より後です。開始日までに締結してください` });
  }
  if (draft.fiscalYear !== undefined && draft.fiscalYear > fiscalYearOf(draft.term.start)) {
    out.push({
      field: 'fiscalYear',
      code: 'fiscal_year_after_start',
      message_ja: `適用年度（${fiscalYearLabel(draft.fiscalYear)}）が期間の開始年度（${fiscalYearLabel(fiscalYearOf(draft.term.start))}）より後です`,
    });
  }
  if (draft.kind === 'side_job' && !draft.employer.approval.obtained) {
    out.push({ field: 'employer.approval.obtained', code: 'employer_approval_missing', message_ja: `${label}では、勤務先から副業の承認を得てから契約してください` });
  }
  if (draft.kind === 'side_job' && draft.employer.approval.date && draft.employer.approval.date > draft.term.start) {
    out.push({ field: 'employer.approval.date', code: 'employer_approval_after_start', message_ja: '勤務先の副業承認日が契約期間の開始日より後です' });
  }
  if (draft.kind === 'senior' && draft.formerEmployer.retiredOn >= draft.term.start) {
    out.push({ field: 'formerEmployer.retiredOn', code: 'not_retired_at_start', message_ja: `${label}は退職した方との契約です。退職日が契約期間の開始日より前になるようにしてください` });
  }
}

/** The term cut into fiscal years (April–March), with the months of each (see PARTIAL_MONTH_COUNTS_AS_WHOLE). */
export function termByFiscalYear(start: string, end: string): { fiscalYear: number; start: string; end: string; months: number }[] {
  if (end < start) return [];
  const out = [];
  for (let fy = fiscalYearOf(start); fy <= fiscalYearOf(end); fy++) {
    const s = maxDate(start, `${fy}-04-01`);
    const e = minDate(end, `${fy + 1}-03-31`);
    const t = termOf(s, e);
    if (!t) continue;
    const months = Math.min(12, t.months + (PARTIAL_MONTH_COUNTS_AS_WHOLE && t.extraDays > 0 ? 1 : 0));
    if (months > 0) out.push({ fiscalYear: fy, start: s, end: e, months });
  }
  return out;
}

/** What the agreement plans to spend in a fiscal year, per tax item. */
function plannedCosts(draft: AgreementDraft, months: number): Partial<Record<TaxItem, number>> {
  if (draft.kind === 'dispatch') return { dispatch: draft.amounts.contributionMonthly * months };
  // 旅費 is paid on actual costs up to the yearly limit written in the contract: plan for the limit.
  return { reward: draft.amounts.rewardMonthly * months, travel: draft.amounts.travelAnnualLimit };
}

function estimateByFiscalYear(draft: AgreementDraft): FiscalYearEstimate[] {
  return termByFiscalYear(draft.term.start, draft.term.end).map(({ fiscalYear, months }) => {
    const e = estimateTaxMeasure({ type: draft.kind, fiscalYear, months, costs: plannedCosts(draft, months) });
    return {
      fiscalYear,
      label: fiscalYearLabel(fiscalYear),
      months,
      ruleVersion: e.ruleVersion,
      provisional: e.provisional,
      items: e.items.map((i) => ({
        item: i.item,
        label_ja: i.label_ja,
        requested: i.requested,
        cap: i.cap,
        allowed: i.eligibleAmount,
        rate: i.rate,
        measure: i.measure,
      })),
      total: e.total,
    };
  });
}
