import { formatWareki } from '../../utils/dates';

/**
 * Taking back an approval (合意を取り消す): a party may withdraw its approval of the latest version
 * until the conclusion is recorded. Pure rule; the service applies it under the draft lock.
 */
export type WithdrawalFacts = {
  /** the conclusion (締結) has been recorded */
  concluded: boolean;
  currentVersion: number;
  /** the version the form was shown for */
  version: number;
  /** the actor's organisation has agreed to the latest version */
  agreedByMe: boolean;
};

/** Why the approval cannot be withdrawn, in Japanese, or null when it can. */
export function approvalWithdrawalProblem(f: WithdrawalFacts): string | null {
  if (f.concluded) return '締結が記録された後は、合意を取り消せません。';
  if (f.version !== f.currentVersion) return `版${f.version}は最新ではありません（最新は版${f.currentVersion}）。最新の版を確認してください。`;
  if (!f.agreedByMe) return `版${f.currentVersion}にはまだ合意していないため、取り消す合意がありません。`;
  return null;
}

/**
 * The 締結日 (conclusion date) of a version cannot come before either party agreed to that version:
 * it must be on or after the later of the two approval days (Japan calendar days, YYYY-MM-DD).
 * Japanese message, or null when the date is possible.
 */
export function concludedBeforeApprovalProblem(concludedOn: string, approvalDays: string[]): string | null {
  if (approvalDays.length === 0) return null;
  const latest = [...approvalDays].sort().at(-1)!;
  if (concludedOn >= latest) return null;
  return `締結日（${concludedOn}）が、双方がこの版に合意した日（${latest}）より前です。${latest}以降の日付を入力してください。`;
}

/**
 * The conclusion date recorded (締結日) against the document's own date line (文書の日付欄, the date
 * printed above the signatures): a warning in Japanese when both are given and differ, else null.
 * A blank date line is filled in by hand when signing, so there is nothing to compare.
 */
export function dateLineWarning(dateLine: string | null | undefined, concludedOn: string | null | undefined): string | null {
  if (!dateLine || !concludedOn || dateLine === concludedOn) return null;
  return `文書の日付欄（${formatWareki(dateLine)}）と記録した締結日（${formatWareki(concludedOn)}）が異なります。署名・押印した文書の日付を確認してください。`;
}
