/** Interview slots: proposed in batches by one party, one of them accepted by the other. */
import { fromJapanTime } from '../../utils/dates';

export const SLOT_RULES = {
  maxPerProposal: 5,
  minMinutes: 15,
  maxMinutes: 8 * 60,
  /** no further ahead than this */
  maxDaysAhead: 180,
} as const;

export type SlotInput = { startsAt: Date; endsAt: Date };
export type SlotStatus = 'proposed' | 'accepted' | 'declined' | 'withdrawn';

/** Problems with a batch of proposed slots, in Japanese; empty when fine. */
export function validateSlots(slots: readonly SlotInput[], now: Date): string[] {
  const problems: string[] = [];
  if (slots.length === 0) problems.push('候補日時を1件以上入力してください。');
  if (slots.length > SLOT_RULES.maxPerProposal) problems.push(`候補日時は一度に${SLOT_RULES.maxPerProposal}件までです。`);
  slots.forEach((s, i) => {
    const n = `候補${i + 1}`;
    const minutes = (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000;
    if (Number.isNaN(minutes)) problems.push(`${n}：日時を正しく入力してください。`);
    else if (s.startsAt.getTime() <= now.getTime()) problems.push(`${n}：過去の日時は提案できません。`);
    else if (minutes < SLOT_RULES.minMinutes) problems.push(`${n}：終了は開始の${SLOT_RULES.minMinutes}分以上後にしてください。`);
    else if (minutes > SLOT_RULES.maxMinutes) problems.push(`${n}：面談は${SLOT_RULES.maxMinutes / 60}時間以内にしてください。`);
    else if (s.startsAt.getTime() - now.getTime() > SLOT_RULES.maxDaysAhead * 86_400_000) problems.push(`${n}：${SLOT_RULES.maxDaysAhead}日以内の日時にしてください。`);
  });
  return problems;
}

export type AcceptDecision = { ok: true } | { ok: false; message: string };

/** Only the other party accepts, only a slot still on offer, and only before it starts. */
export function decideAccept(input: { status: SlotStatus; proposedByOrganisationId: string; actorOrganisationId: string; startsAt: Date; now: Date }): AcceptDecision {
  if (input.proposedByOrganisationId === input.actorOrganisationId) return { ok: false, message: '自分が提案した日時は承諾できません。相手の承諾をお待ちください。' };
  if (input.status !== 'proposed') return { ok: false, message: 'この候補日時はすでに締め切られています。' };
  if (input.startsAt.getTime() <= input.now.getTime()) return { ok: false, message: '開始時刻を過ぎた候補日時は承諾できません。' };
  return { ok: true };
}

/** `2026-12-01T10:00` as typed in a datetime-local field, read as Japan time. */
export function parseJapanLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number);
  const date = fromJapanTime(y, mo, d, h, mi);
  return Number.isNaN(date.getTime()) ? null : date;
}

const icsDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 5545 text escaping, and lines folded at 75 octets. */
const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

function fold(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A one-event iCalendar file for an accepted interview slot. */
export function buildIcs(input: { uid: string; startsAt: Date; endsAt: Date; summary: string; description: string; location: string; url: string; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//kigyojin-match//interview//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${input.uid}`,
    `DTSTAMP:${icsDate(input.now)}`,
    `DTSTART:${icsDate(input.startsAt)}`,
    `DTEND:${icsDate(input.endsAt)}`,
    `SUMMARY:${icsText(input.summary)}`,
    `DESCRIPTION:${icsText(input.description)}`,
    ...(input.location ? [`LOCATION:${icsText(input.location)}`] : []),
    `URL:${input.url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
