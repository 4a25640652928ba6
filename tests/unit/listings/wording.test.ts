import { describe, expect, it } from 'vitest';
import { stateLabel } from '../../../app/domain/applications/states';
import { listingStatusLabel } from '../../../app/domain/listings';

describe('wording of states', () => {
  it('a published solution reads 公開中, a published opening 募集中', () => {
    expect(listingStatusLabel('solution', 'published')).toBe('公開中');
    expect(listingStatusLabel('opening', 'published')).toBe('募集中');
    expect(listingStatusLabel('solution', 'draft')).toBe('下書き');
  });

  it('a received scout is not 応募済', () => {
    expect(stateLabel('applied', 'scout')).toBe('スカウト済');
    expect(stateLabel('applied', 'application')).toBe('応募済');
    expect(stateLabel('in_dialogue', 'scout')).toBe('対話中');
  });
});
