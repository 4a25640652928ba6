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
 * The conclusion date recorded (締結日) against the document's own date line (文書の日付欄, the date
 * printed above the signatures): a warning in Japanese when both are given and differ, else null.
 * A blank date line is filled in by hand when signing, so there is nothing to compare.
 */
export function dateLineWarning(dateLine: string | null | undefined, concludedOn: string | null | undefined): string | null {
  if (!dateLine || !concludedOn || dateLine === concludedOn) return null;
  return `文書の日付欄（${formatWareki(dateLine)}）と記録した締結日（${formatWareki(concludedOn)}）が異なります。署名・押印した文書の日付を確認してください。`;
}
