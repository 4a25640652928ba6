import type { ProgramType } from '../eligibility/types';

/** What the applicant was told about the pairing when sending, kept with the application. */
export type EligibilitySnapshot = {
  eligible: boolean;
  type: ProgramType;
  headline: string;
  reasons: string[];
  ruleVersion: string | null;
};

type VerdictLike = { type: string; eligible: boolean; headline: string; reasons: string[]; ruleVersion: string };

/**
 * The verdict for the programme form chosen. No verdict at all (the listing does not offer a form
 * this sender can take, or a municipality is unknown) counts as not eligible: such a pairing can
 * only be sent as an inquiry, marked as such, never as an application that could lead to 合意.
 */
export function snapshotFor(verdicts: readonly VerdictLike[], type: ProgramType): EligibilitySnapshot {
  const v = verdicts.find((x) => x.type === type);
  if (!v) {
    return {
      eligible: false,
      type,
      headline: 'この掲載とこの類型の組み合わせは制度の対象として判定できません',
      reasons: ['掲載の類型と、あなたの団体が取れる類型が一致しません。'],
      ruleVersion: null,
    };
  }
  return { eligible: v.eligible, type, headline: v.headline, reasons: v.reasons, ruleVersion: v.ruleVersion };
}

export type SendDecision = { ok: true; inquiry: boolean } | { ok: false; message: string };

/** An eligible pairing is an application; an ineligible one goes only when the sender ticks "as an inquiry". */
export function decideSend(snapshot: EligibilitySnapshot, asInquiry: boolean): SendDecision {
  if (snapshot.eligible) return { ok: true, inquiry: false };
  if (!asInquiry) {
    return { ok: false, message: '制度の対象外の組み合わせです。送る場合は「問い合わせとして送る」を選んでください（問い合わせは合意に進めません）。' };
  }
  return { ok: true, inquiry: true };
}
