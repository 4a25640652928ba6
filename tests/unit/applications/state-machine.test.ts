import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  APPLICATION_STATES,
  canMove,
  decideMove,
  isTerminal,
  sideOf,
  type ApplicationState,
  type Side,
} from '../../../app/domain/applications';

const plain = { inquiry: false };

describe('締結済 only through the agreement flow', () => {
  it.each(['owner', 'applicant'] as const)('%s may conclude from 協定/契約準備 only with the agreement recorded', (side) => {
    expect(decideMove(side, 'preparing', 'concluded', { inquiry: false, viaAgreement: true })).toEqual({ ok: true });
    expect(decideMove(side, 'preparing', 'concluded', { inquiry: false })).toMatchObject({ ok: false, code: 'agreement_required' });
    expect(allowedMoves(side, 'preparing', { inquiry: false })).not.toContain('concluded');
  });
  it('never concludes from another state, even with the agreement flag', () => {
    expect(decideMove('owner', 'agreed', 'concluded', { inquiry: false, viaAgreement: true })).toMatchObject({ ok: false, code: 'not_allowed' });
  });
});

describe('who may move which state', () => {
  // The full table: every (side, from, to) the machine allows. Everything else must be refused.
  const allowed: [Side, ApplicationState, ApplicationState][] = [
    ['owner', 'applied', 'in_dialogue'],
    ['owner', 'in_dialogue', 'interview'],
    ['applicant', 'in_dialogue', 'interview'],
    ['owner', 'interview', 'in_dialogue'],
    ['applicant', 'interview', 'in_dialogue'],
    ['owner', 'in_dialogue', 'agreed'],
    ['owner', 'interview', 'agreed'],
    ['owner', 'agreed', 'preparing'],
    ['applicant', 'agreed', 'preparing'],
  ];
  for (const from of ['applied', 'in_dialogue', 'interview', 'agreed', 'preparing'] as const) {
    allowed.push(['applicant', from, 'withdrawn'], ['owner', from, 'declined']);
  }
  const key = (s: Side, f: string, t: string) => `${s}:${f}:${t}`;
  const allowedKeys = new Set(allowed.map(([s, f, t]) => key(s, f, t)));

  for (const side of ['applicant', 'owner'] as const) {
    for (const from of APPLICATION_STATES) {
      for (const to of APPLICATION_STATES) {
        const expected = allowedKeys.has(key(side, from, to));
        it(`${side} ${from} → ${to}: ${expected ? 'allowed' : 'refused'}`, () => {
          expect(canMove(side, from, to, plain)).toBe(expected);
        });
      }
    }
  }

  it('only the owner opens the dialogue and agrees', () => {
    expect(decideMove('applicant', 'applied', 'in_dialogue', plain)).toMatchObject({ ok: false, code: 'wrong_side' });
    expect(decideMove('applicant', 'interview', 'agreed', plain)).toMatchObject({ ok: false, code: 'wrong_side' });
  });

  it('辞退 is the applicant’s, 見送り the owner’s, both with a reason', () => {
    expect(decideMove('owner', 'in_dialogue', 'withdrawn', { inquiry: false, reason: '条件' })).toMatchObject({ ok: false, code: 'wrong_side' });
    expect(decideMove('applicant', 'in_dialogue', 'declined', { inquiry: false, reason: '条件' })).toMatchObject({ ok: false, code: 'wrong_side' });
    expect(decideMove('applicant', 'in_dialogue', 'withdrawn', { inquiry: false, reason: '  ' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(decideMove('applicant', 'in_dialogue', 'withdrawn', { inquiry: false, reason: '他の案件に決まったため' })).toEqual({ ok: true });
  });

  it('terminal states do not move', () => {
    for (const from of ['concluded', 'withdrawn', 'declined'] as const) {
      expect(isTerminal(from)).toBe(true);
      expect(allowedMoves('owner', from, plain)).toEqual([]);
      expect(allowedMoves('applicant', from, plain)).toEqual([]);
      expect(decideMove('owner', from, 'in_dialogue', plain)).toMatchObject({ ok: false, code: 'terminal' });
    }
  });

  it('an inquiry (ineligible pairing) never reaches 合意', () => {
    expect(decideMove('owner', 'in_dialogue', 'agreed', { inquiry: true })).toMatchObject({ ok: false, code: 'inquiry' });
    expect(allowedMoves('owner', 'interview', { inquiry: true })).toEqual(['in_dialogue', 'declined']);
    expect(allowedMoves('owner', 'interview', plain)).toEqual(['in_dialogue', 'agreed', 'declined']);
  });

  it('lists the moves of each side in display order', () => {
    expect(allowedMoves('owner', 'applied', plain)).toEqual(['in_dialogue', 'declined']);
    expect(allowedMoves('applicant', 'applied', plain)).toEqual(['withdrawn']);
    expect(allowedMoves('applicant', 'agreed', plain)).toEqual(['preparing', 'withdrawn']);
  });
});

describe('sides', () => {
  const parties = { applicantOrganisationId: 'a', ownerOrganisationId: 'o' };
  it('knows the two parties and nobody else', () => {
    expect(sideOf('a', parties)).toBe('applicant');
    expect(sideOf('o', parties)).toBe('owner');
    expect(sideOf('ministry', parties)).toBeNull();
  });
});
