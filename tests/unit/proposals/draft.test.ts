import { describe, expect, it } from 'vitest';
import { actStep, eligibleTypesText, proposalMessageDraft } from '../../../app/domain/proposals';

describe('acting on a proposal', () => {
  it('is 応募 to the opening for a solution owner, スカウト to the solution for an opening owner', () => {
    expect(actStep('solution', { openingId: 3, solutionId: 7 })).toEqual({ label: '応募', href: '/openings/3/apply?proposal=7', ownListingId: 7 });
    expect(actStep('opening', { openingId: 3, solutionId: 7 })).toEqual({ label: 'スカウト', href: '/solutions/7/scout?proposal=3', ownListingId: 3 });
  });

  it('names the eligible types', () => {
    expect(eligibleTypesText(['dispatch', 'side_job'])).toBe('企業派遣型・副業型で対象');
    expect(eligibleTypesText([])).toBe('');
  });

  it('drafts a message naming both listings and every reason', () => {
    const text = proposalMessageDraft({ own: 'solution', ownTitle: '観光DXの伴走', targetTitle: '島の観光DX担当', types: ['dispatch'], reasons: ['求めるスキル『観光DX』が一致', '期間が重なる（12〜24か月）'] });
    expect(text).toContain('「島の観光DX担当」に、当方のソリューション「観光DXの伴走」で応募します。');
    expect(text).toContain('・企業派遣型で対象');
    expect(text).toContain('・求めるスキル『観光DX』が一致');
    expect(text).toContain('・期間が重なる（12〜24か月）');
    const scout = proposalMessageDraft({ own: 'opening', ownTitle: '島の観光DX担当', targetTitle: '観光DXの伴走', types: [], reasons: [] });
    expect(scout).toContain('起業人募集「島の観光DX担当」');
    expect(scout).toContain('ソリューション「観光DXの伴走」');
  });
});
