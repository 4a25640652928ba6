import { STATE_LABELS, type ApplicationState } from './states';

/** The line a conversation shows for a state change, e.g. 「海士町 が状態を「対話中」に変更しました」. */
export function stateChangeLine(input: { actorOrganisationName: string; from: ApplicationState | null; to: ApplicationState; reason?: string | null }): string {
  const head =
    input.from === null
      ? `${input.actorOrganisationName} が${STATE_LABELS[input.to]}として送信しました`
      : `${input.actorOrganisationName} が状態を「${STATE_LABELS[input.from]}」から「${STATE_LABELS[input.to]}」に変更しました`;
  return input.reason ? `${head}（理由：${input.reason}）` : head;
}

export function slotAcceptedLine(input: { actorOrganisationName: string; when: string }): string {
  return `${input.actorOrganisationName} が面談日時 ${input.when} を承諾しました`;
}

export function slotsProposedLine(input: { actorOrganisationName: string; count: number }): string {
  return `${input.actorOrganisationName} が面談の候補日時を${input.count}件提案しました`;
}
