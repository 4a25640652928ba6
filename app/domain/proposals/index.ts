import { PROGRAM_TYPE_LABELS, type ListingKind, type ProgramType } from '../vocabulary';

/*
 * What the proposal pages decide without I/O: which step acting on a proposal is (応募 to an
 * opening, スカウト to a solution), where it leads, and the message draft the form starts with.
 */

export type ProposalSide = { openingId: number; solutionId: number };

/** The viewer's side of the pairing decides the step: a solution's owner applies, an opening's owner scouts. */
export function actStep(own: ListingKind, pair: ProposalSide): { label: '応募' | 'スカウト'; href: string; ownListingId: number } {
  return own === 'solution'
    ? { label: '応募', href: `/openings/${pair.openingId}/apply?proposal=${pair.solutionId}`, ownListingId: pair.solutionId }
    : { label: 'スカウト', href: `/solutions/${pair.solutionId}/scout?proposal=${pair.openingId}`, ownListingId: pair.openingId };
}

/** 「企業派遣型・副業型で対象」 */
export function eligibleTypesText(types: readonly ProgramType[]): string {
  return types.length ? `${types.map((t) => PROGRAM_TYPE_LABELS[t]).join('・')}で対象` : '';
}

/**
 * The first draft of the 応募 / スカウト message from a proposal: it names both listings and the
 * reasons the pairing was proposed, and leaves the introduction to the sender.
 */
export function proposalMessageDraft(p: { own: ListingKind; ownTitle: string; targetTitle: string; types: readonly ProgramType[]; reasons: readonly string[] }): string {
  const opening =
    p.own === 'solution'
      ? `「${p.targetTitle}」に、当方のソリューション「${p.ownTitle}」で応募します。`
      : `当方の起業人募集「${p.ownTitle}」について、ソリューション「${p.targetTitle}」を拝見しご相談したくご連絡しました。`;
  const lines = [opening, '', 'マッチング提案で示された理由：', ...[eligibleTypesText(p.types), ...p.reasons].filter(Boolean).map((r) => `・${r}`), '', '（ここに自己紹介と、関心を持った理由をお書きください。）'];
  return lines.join('\n');
}
