import { rulesFor, type AppliedRules } from '../rules';
import { classifyCompany } from './classify';
import { basisText, cityKinds, displayName, formatCount, metroLabel } from './describe';
import { isListedReceiver } from './listing';
import {
  PROGRAM_TYPE_LABELS,
  type CompanyClass,
  type EligibilityInput,
  type EligibilityResult,
  type Explanation,
  type Municipality,
  type Reason,
} from './types';

/**
 * Checks one pairing against the rules of the fiscal year. Every failing condition is reported,
 * not just the first, so a user sees at once everything that would have to change.
 */
export function checkEligibility({ municipality: m, sender, type, fiscalYear }: EligibilityInput): EligibilityResult {
  const rules = rulesFor(fiscalYear);
  const reasons: Reason[] = [];
  const explanations: Explanation[] = [];

  const hq = senderHq(sender, type, reasons, explanations);
  checkReceiver(m, rules, reasons, explanations);

  let companyClass: CompanyClass = 'none';
  if (hq) {
    companyClass = classifyCompany(hq, rules);
    checkCompany(m, hq, companyClass, type === 'dispatch', rules, reasons, explanations);
  }

  return {
    eligible: reasons.length === 0,
    companyClass,
    reasons,
    explanations,
    ruleVersion: rules.version,
    fiscalYear,
    provisional: rules.provisional,
  };
}

/** The head office whose class decides: the company's, or the (former) employer's of an individual. */
function senderHq(sender: EligibilityInput['sender'], type: EligibilityInput['type'], reasons: Reason[], explanations: Explanation[]) {
  const label = PROGRAM_TYPE_LABELS[type];
  if (sender.kind === 'company') {
    if (type !== 'dispatch') {
      reasons.push({
        code: 'individual_required',
        message_ja: `${label}は自治体と個人との契約です。企業ではなく、対象企業に在籍する個人（副業型）または対象企業を退職した個人（シニア型）として確認してください`,
      });
    } else {
      explanations.push({ code: 'sender_matches_type', message_ja: '企業派遣型は自治体と企業との協定で、企業が社員を派遣します' });
    }
    return sender.hq;
  }
  if (type === 'dispatch') {
    reasons.push({ code: 'dispatch_requires_company', message_ja: '企業派遣型は自治体と企業との協定です。個人の場合は副業型またはシニア型で確認してください' });
  }
  if (sender.employment === 'freelance') {
    reasons.push({
      code: 'freelance_not_eligible',
      message_ja: 'フリーランス・個人事業主は対象になりません。副業型は対象企業に在籍する個人、シニア型は対象企業を退職した個人に限られます',
    });
    return null;
  }
  let matches = type !== 'dispatch';
  if (type === 'side_job' && sender.employment === 'retired') {
    matches = false;
    reasons.push({ code: 'side_job_requires_employed', message_ja: '副業型は対象企業に在籍している個人が対象です。退職した方はシニア型で確認してください' });
  }
  if (type === 'senior' && sender.employment === 'employed') {
    matches = false;
    reasons.push({ code: 'senior_requires_retired', message_ja: 'シニア型は対象企業を退職した個人が対象です。在籍中の方は副業型で確認してください' });
  }
  if (matches) {
    explanations.push({
      code: 'sender_matches_type',
      message_ja: type === 'side_job' ? '副業型：対象企業に在籍する個人と自治体との契約です' : 'シニア型：対象企業を退職した個人と自治体との契約です',
    });
  }
  if (!sender.employerHq) {
    reasons.push({ code: 'employer_missing', message_ja: '勤務先（退職した方は元の勤務先）の本社所在地が指定されていません' });
    return null;
  }
  return sender.employerHq;
}

function checkReceiver(m: Municipality, rules: AppliedRules, reasons: Reason[], explanations: Explanation[]) {
  const name = displayName(m);
  const size = formatCount(rules.listSizes.eligible1433);
  if (isListedReceiver(m, rules, '1433')) {
    explanations.push({ code: 'receiver_listed', message_ja: `${name}は${rules.label}の対象市町村（${size}市町村）です（${basisText(m)}）` });
    return;
  }
  let why: string;
  if (m.kind === '特別区') why = '東京23区は対象外です';
  else if (m.eligible1433) why = `定住自立圏への参加（${m.teijuuSince}）が${rules.label}の対象市町村一覧の基準日（${rules.listAsOf}）より後のためです`;
  else why = `${basisText(m)}ためです`;
  reasons.push({ code: 'receiver_not_listed', message_ja: `${name}は${rules.label}の対象市町村（${size}市町村）に含まれません。${why}` });
}

function checkCompany(
  m: Municipality,
  hq: Municipality,
  companyClass: CompanyClass,
  dispatch: boolean,
  rules: AppliedRules,
  reasons: Reason[],
  explanations: Explanation[],
) {
  const hqName = displayName(hq);
  const subject = dispatch ? 'B区分の企業' : 'B区分の企業に在籍する（した）個人';
  const cannot = dispatch ? 'には派遣できません' : 'とは契約できません';
  if (companyClass === 'none') {
    reasons.push({
      code: 'company_not_eligible',
      message_ja: `本社所在地（${hqName}）が三大都市圏にも、三大都市圏外の政令市・中核市・県庁所在市にもないため、対象企業になりません`,
    });
    return;
  }
  if (companyClass === 'A') {
    explanations.push({
      code: 'company_class_a',
      message_ja: `本社所在地（${hqName}）が三大都市圏（${metroLabel(hq)}）にあるため、A区分の企業です（${formatCount(rules.listSizes.eligible1433)}市町村が受入先になれます）`,
    });
    return;
  }
  explanations.push({
    code: 'company_class_b',
    message_ja: `本社所在地（${hqName}）が三大都市圏外の${cityKinds(hq)}のため、B区分の企業です（政令市・中核市・県庁所在市を除く${formatCount(rules.listSizes.eligible1375)}市町村のうち、本社と異なる都道府県の市町村が受入先になれます）`,
  });
  const kinds = cityKinds(m);
  if (kinds) {
    reasons.push({ code: 'class_b_receiver_is_city', message_ja: `${subject}は政令市・中核市・県庁所在市${cannot}（${displayName(m)}は${kinds}です）` });
  }
  if (m.prefCode === hq.prefCode) {
    reasons.push({ code: 'class_b_same_prefecture', message_ja: `${subject}は同一都道府県内の市町村${cannot}（本社・受入先ともに${hq.prefName}）` });
  } else {
    explanations.push({ code: 'class_b_other_prefecture', message_ja: `受入先（${m.prefName}）は本社（${hq.prefName}）と異なる都道府県です` });
  }
}

