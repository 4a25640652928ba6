import { describe, expect, it } from 'vitest';
import { buildIcs, decideAccept, decideSend, parseJapanLocal, snapshotFor, validateSlots } from '../../../app/domain/applications';

const now = new Date('2026-11-23T00:00:00Z');

describe('interview slots', () => {
  it('reads datetime-local input as Japan time', () => {
    expect(parseJapanLocal('2026-12-01T10:00')!.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(parseJapanLocal('12/01 10:00')).toBeNull();
  });

  it('refuses past, inverted, too long and too many slots', () => {
    const at = (iso: string) => new Date(iso);
    expect(validateSlots([{ startsAt: at('2026-12-01T01:00:00Z'), endsAt: at('2026-12-01T02:00:00Z') }], now)).toEqual([]);
    expect(validateSlots([], now)).toHaveLength(1);
    expect(validateSlots([{ startsAt: at('2026-11-22T01:00:00Z'), endsAt: at('2026-11-22T02:00:00Z') }], now)[0]).toContain('過去');
    expect(validateSlots([{ startsAt: at('2026-12-01T02:00:00Z'), endsAt: at('2026-12-01T01:00:00Z') }], now)[0]).toContain('終了');
    expect(validateSlots([{ startsAt: at('2026-12-01T00:00:00Z'), endsAt: at('2026-12-01T10:00:00Z') }], now)[0]).toContain('時間以内');
    const six = Array.from({ length: 6 }, () => ({ startsAt: at('2026-12-01T01:00:00Z'), endsAt: at('2026-12-01T02:00:00Z') }));
    expect(validateSlots(six, now)[0]).toContain('5件まで');
  });

  it('is accepted only by the other party, once, before it starts', () => {
    const base = { status: 'proposed' as const, proposedByOrganisationId: 'a', actorOrganisationId: 'o', startsAt: new Date('2026-12-01T01:00:00Z'), now };
    expect(decideAccept(base)).toEqual({ ok: true });
    expect(decideAccept({ ...base, actorOrganisationId: 'a' }).ok).toBe(false);
    expect(decideAccept({ ...base, status: 'accepted' }).ok).toBe(false);
    expect(decideAccept({ ...base, now: new Date('2026-12-02T00:00:00Z') }).ok).toBe(false);
  });

  it('builds an iCalendar event with escaped, folded text', () => {
    const ics = buildIcs({
      uid: 'interview-1@example.jp',
      startsAt: new Date('2026-12-01T01:00:00Z'),
      endsAt: new Date('2026-12-01T02:00:00Z'),
      summary: '面談：観光DX, 海士町; テスト',
      description: '一行目\n二行目'.repeat(10),
      location: 'オンライン',
      url: 'http://localhost/applications/1',
      now,
    });
    expect(ics).toContain('BEGIN:VEVENT\r\n');
    expect(ics).toContain('DTSTART:20261201T010000Z');
    expect(ics).toContain('DTEND:20261201T020000Z');
    expect(ics).toContain('SUMMARY:面談：観光DX\\, 海士町\\; テスト');
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

describe('eligibility before sending', () => {
  const verdicts = [
    { type: 'dispatch', eligible: true, headline: '派遣できます', reasons: [], ruleVersion: 'fy2026' },
    { type: 'side_job', eligible: false, headline: '活動できません: 同一県内', reasons: ['同一県内です'], ruleVersion: 'fy2026' },
  ];
  it('an eligible pairing is an application', () => {
    expect(decideSend(snapshotFor(verdicts, 'dispatch'), false)).toEqual({ ok: true, inquiry: false });
    expect(decideSend(snapshotFor(verdicts, 'dispatch'), true)).toEqual({ ok: true, inquiry: false });
  });
  it('an ineligible pairing goes only as an inquiry, with the reasons kept', () => {
    const snap = snapshotFor(verdicts, 'side_job');
    expect(snap.reasons).toEqual(['同一県内です']);
    expect(decideSend(snap, false).ok).toBe(false);
    expect(decideSend(snap, true)).toEqual({ ok: true, inquiry: true });
  });
  it('a form the listing does not offer counts as ineligible', () => {
    const snap = snapshotFor(verdicts, 'senior');
    expect(snap.eligible).toBe(false);
    expect(decideSend(snap, false).ok).toBe(false);
  });
});
