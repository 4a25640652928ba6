import { describe, expect, it } from 'vitest';
import { countLabel, roundEstimate } from '../../../app/domain/search/counts';

describe('count labels', () => {
  it('shows exact counts as they are', () => {
    expect(countLabel(11928, true)).toBe('11,928');
    expect(countLabel(0, true)).toBe('0');
  });

  it('rounds estimates to two significant digits and says 約', () => {
    expect(roundEstimate(11928)).toBe(12000);
    expect(roundEstimate(2152)).toBe(2200);
    expect(roundEstimate(96)).toBe(96);
    expect(roundEstimate(104)).toBe(100);
    expect(countLabel(11928, false)).toBe('約12,000');
    expect(countLabel(16, false)).toBe('約16');
  });
});
