import { describe, expect, it } from 'vitest';
import { decide, effectiveStatus, isOpen, nextState, type Listing } from '../../../app/domain/listings';

const base = (over: Partial<Listing> = {}) => ({ kind: 'opening' as const, status: 'draft' as const, closeReason: null, deadline: '2026-12-31', ...over });
const TODAY = '2026-11-23';

describe('listing lifecycle', () => {
  it('publishes a draft whose deadline is today or later', () => {
    expect(decide(base(), 'publish', TODAY)).toEqual({ ok: true });
    expect(decide(base({ deadline: TODAY }), 'publish', TODAY)).toEqual({ ok: true });
  });

  it('refuses to publish past the deadline or without one (openings)', () => {
    expect(decide(base({ deadline: '2026-11-22' }), 'publish', TODAY)).toMatchObject({ ok: false, code: 'deadline_past' });
    expect(decide(base({ deadline: null }), 'publish', TODAY)).toMatchObject({ ok: false, code: 'no_deadline' });
    expect(decide(base({ kind: 'solution', deadline: null }), 'publish', TODAY)).toEqual({ ok: true });
  });

  it('publishes only drafts and closes only what is not closed', () => {
    expect(decide(base({ status: 'published' }), 'publish', TODAY)).toMatchObject({ ok: false, code: 'not_draft' });
    expect(decide(base({ status: 'published' }), 'close', TODAY, 'filled')).toEqual({ ok: true });
    expect(decide(base({ status: 'closed', closeReason: 'filled' }), 'close', TODAY, 'withdrawn')).toMatchObject({ ok: false, code: 'already_closed' });
  });

  it('closes a draft only as withdrawn, and never with the sweep reason', () => {
    expect(decide(base(), 'close', TODAY, 'filled')).toMatchObject({ ok: false, code: 'draft_filled' });
    expect(decide(base(), 'close', TODAY, 'withdrawn')).toEqual({ ok: true });
    expect(decide(base({ status: 'published' }), 'close', TODAY, 'expired')).toMatchObject({ ok: false, code: 'bad_reason' });
  });

  it('reopens withdrawn or expired listings but not filled ones', () => {
    expect(decide(base({ status: 'closed', closeReason: 'withdrawn' }), 'reopen', TODAY)).toEqual({ ok: true });
    expect(decide(base({ status: 'closed', closeReason: 'expired', deadline: '2026-11-01' }), 'reopen', TODAY)).toMatchObject({ ok: false, code: 'deadline_past' });
    expect(decide(base({ status: 'closed', closeReason: 'filled' }), 'reopen', TODAY)).toMatchObject({ ok: false, code: 'filled' });
  });

  it('does not edit closed listings', () => {
    expect(decide(base({ status: 'closed', closeReason: 'filled' }), 'edit', TODAY)).toMatchObject({ ok: false });
    expect(decide(base({ status: 'published' }), 'edit', TODAY)).toEqual({ ok: true });
  });

  it('treats a published listing past its deadline as expired (inclusive of the deadline day)', () => {
    expect(effectiveStatus(base({ status: 'published', deadline: TODAY }), TODAY)).toBe('published');
    expect(effectiveStatus(base({ status: 'published', deadline: '2026-11-22' }), TODAY)).toBe('expired');
    expect(isOpen(base({ status: 'published', deadline: '2026-11-22' }), TODAY)).toBe(false);
    expect(decide(base({ status: 'published', deadline: '2026-11-22' }), 'expire', TODAY)).toEqual({ ok: true });
    expect(decide(base({ status: 'published', deadline: TODAY }), 'expire', TODAY)).toMatchObject({ ok: false });
  });

  it('maps actions to states', () => {
    expect(nextState('publish')).toEqual({ status: 'published', closeReason: null });
    expect(nextState('close', 'filled')).toEqual({ status: 'closed', closeReason: 'filled' });
    expect(nextState('expire')).toEqual({ status: 'closed', closeReason: 'expired' });
  });
});
