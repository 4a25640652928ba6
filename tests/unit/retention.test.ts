import { describe, expect, it } from 'vitest';
import { RETENTION, retentionCutoffs } from '../../app/domain/retention';

describe('retention cut-offs', () => {
  it('keep sessions and throttling windows until they end, mails and links for their days', () => {
    const now = new Date('2026-12-07T09:00:00Z');
    const cut = retentionCutoffs(now);
    expect(cut.sessions).toEqual(now);
    expect(cut.rateLimits).toEqual(now);
    expect(cut.sentMail.toISOString()).toBe('2026-11-07T09:00:00.000Z');
    expect(cut.failedMail.toISOString()).toBe('2026-09-08T09:00:00.000Z');
    expect(cut.tokens.toISOString()).toBe('2026-11-07T09:00:00.000Z');
    expect(RETENTION.failedMailDays).toBeGreaterThan(RETENTION.sentMailDays);
  });
});
