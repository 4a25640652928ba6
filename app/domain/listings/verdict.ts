import { checkEligibility } from '../eligibility/check';
import type { Municipality, ProgramType, ReasonCode, Sender } from '../eligibility/types';
import type { ListingKind, ListingType } from './model';

/** Short forms of the eligibility reasons, for the one-line verdict on a listing. */
const SHORT: Record<ReasonCode, string> = {
  receiver_not_listed: '受入対象の市町村ではありません',
  company_not_eligible: '対象企業（三大都市圏・圏外の政令市等）ではありません',
  class_b_receiver_is_city: '受入先が政令市・中核市・県庁所在市',
  class_b_same_prefecture: '同一県内',
  freelance_not_eligible: 'フリーランスは対象外',
  employer_missing: '勤務先の本社所在地が未登録',
  dispatch_requires_company: '企業派遣型は企業との協定',
  individual_required: '個人との契約が必要',
  side_job_requires_employed: '副業型は企業に在籍中の方が対象',
  senior_requires_retired: 'シニア型は企業を退職した方が対象',
};

export type Party =
  | { kind: 'company'; companyClass: string | null; hq: Municipality | null }
  | { kind: 'individual'; track: 'side_job' | 'senior' | 'freelance' | null; employerHq: Municipality | null };

export interface Verdict {
  type: ListingType;
  eligible: boolean;
  /** e.g. 「あなたの会社（B区分）はこの自治体に派遣できません: 同一県内」 */
  headline: string;
  reasons: string[];
  ruleVersion: string;
  provisional: boolean;
}

/**
 * The eligibility verdict a reader sees on a listing: for an opening read by a company or an
 * individual, whether they can be sent to that municipality; for a solution read by a
 * municipality, whether that company or person can come. One verdict per programme form the
 * listing offers and the sending side can take.
 */
export function listingVerdicts(input: {
  listingKind: ListingKind;
  listingTypes: readonly ListingType[];
  /** who reads: 'self' when the reader is the sending side (opening), 'other' when the reader is the municipality */
  municipality: Municipality;
  sender: Party;
  fiscalYear: number;
}): Verdict[] {
  const { sender, municipality, fiscalYear, listingKind } = input;
  const reader = listingKind === 'opening' ? 'self' : 'other';
  const candidates: ListingType[] = sender.kind === 'company' ? ['dispatch', 'side_job'] : [sender.track === 'senior' ? 'senior' : 'side_job'];
  const types = candidates.filter((t) => input.listingTypes.includes(t));
  return types.map((type) => {
    const result = checkEligibility({ municipality, sender: toSender(sender, type), type: type as ProgramType, fiscalYear });
    const subject = subjectOf(sender, reader, result.companyClass);
    const verb = verbOf(type, sender, result.eligible);
    const reasons = [...new Set(result.reasons.map((r) => SHORT[r.code] ?? r.message_ja))];
    const place = reader === 'self' ? 'この自治体' : 'あなたの自治体';
    return {
      type,
      eligible: result.eligible,
      headline: `${subject}は${place}${verb}${result.eligible ? '' : `: ${reasons.join('・')}`}`,
      reasons: result.eligible ? result.explanations.map((e) => e.message_ja) : result.reasons.map((r) => r.message_ja),
      ruleVersion: result.ruleVersion,
      provisional: result.provisional,
    };
  });
}

function toSender(party: Party, type: ListingType): Sender {
  if (party.kind === 'company') {
    // A company's staff on a side job are individuals employed by it.
    if (type === 'dispatch') return { kind: 'company', hq: party.hq ?? UNKNOWN_HQ };
    return { kind: 'individual', employment: 'employed', employerHq: party.hq };
  }
  const employment = party.track === 'senior' ? 'retired' : party.track === 'freelance' ? 'freelance' : 'employed';
  return { kind: 'individual', employment, employerHq: party.employerHq };
}

function subjectOf(party: Party, reader: 'self' | 'other', companyClass: string): string {
  const cls = companyClass === 'A' || companyClass === 'B' ? `（${companyClass}区分）` : '（対象外区分）';
  if (party.kind === 'company') return reader === 'self' ? `あなたの会社${cls}` : `この企業${cls}`;
  return reader === 'self' ? 'あなた' : 'この方';
}

function verbOf(type: ListingType, party: Party, eligible: boolean): string {
  if (type === 'dispatch') return eligible ? 'に派遣できます' : 'に派遣できません';
  const how = type === 'senior' ? 'シニア型' : '副業型';
  const who = party.kind === 'company' ? 'で社員が' : 'で';
  return eligible ? `${who}${how}として活動できます` : `${who}${how}として活動できません`;
}

/** A head office outside every list, so an unregistered company is judged as not eligible. */
const UNKNOWN_HQ: Municipality = {
  lgCode: '000000',
  prefCode: '00',
  prefName: '',
  name: '（未登録）',
  kind: '',
  seirei: false,
  chukaku: false,
  kencho: false,
  metroArea: null,
  eligible1433: false,
  eligible1375: false,
  eligibilityBasis: [],
  teijuuSince: null,
};
