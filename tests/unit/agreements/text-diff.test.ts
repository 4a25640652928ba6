import { describe, expect, it } from 'vitest';
import { buildAgreement, DEFAULT_TEMPLATES, type AgreementTemplate } from '../../../app/domain/agreements';
import { diffAgreementDocuments, diffAgreementTemplates, diffUnits, splitSentences } from '../../../app/domain/agreements/text-diff';
import { draftOf } from './drafts';

const dispatch = () => structuredClone(DEFAULT_TEMPLATES.find((t) => t.kind === 'dispatch')!) as AgreementTemplate;

describe('splitSentences and diffUnits', () => {
  it('splits after each 。 and keeps a text without one whole', () => {
    expect(splitSentences('甲は、支払う。ただし、日割りとする。')).toEqual(['甲は、支払う。', 'ただし、日割りとする。']);
    expect(splitSentences('旅費　甲が負担する')).toEqual(['旅費　甲が負担する']);
    expect(splitSentences('')).toEqual([]);
  });

  it('finds what was removed and added around what stayed (longest common subsequence)', () => {
    expect(diffUnits(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual({ removed: ['b'], added: ['x', 'e'] });
    expect(diffUnits(['a', 'b'], ['a', 'b'])).toEqual({ removed: [], added: [] });
    expect(diffUnits([], ['a'])).toEqual({ removed: [], added: ['a'] });
  });
});

describe('diffAgreementDocuments', () => {
  it('finds nothing between two builds of the same draft', () => {
    const doc = buildAgreement(draftOf('dispatch'));
    expect(diffAgreementDocuments(doc, buildAgreement(draftOf('dispatch')))).toEqual({ changes: [], renumbered: [] });
  });

  it('names the changed article with only the sentence that changed', () => {
    const before = buildAgreement(draftOf('dispatch'));
    const after = buildAgreement(draftOf('dispatch', { amounts: { contributionMonthly: 500_000 } }));
    const { changes, renumbered } = diffAgreementDocuments(before, after);
    expect(renumbered).toEqual([]);
    expect(changes).toEqual([
      {
        key: 'article:contribution',
        status: 'changed',
        label: '第9条',
        heading: '負担金',
        removed: ['負担金の額は、月額金480,000円とする。'],
        added: ['負担金の額は、月額金500,000円とする。'],
      },
    ]);
  });

  it('reports an article added by a condition, the renumbering it causes and the cross-references that follow', () => {
    const before = buildAgreement(draftOf('dispatch'));
    const after = buildAgreement(draftOf('dispatch', { specialProvisions: ['甲は、起業人の活動を広報することができる。'] }));
    const { changes, renumbered } = diffAgreementDocuments(before, after);
    expect(changes).toEqual([expect.objectContaining({ key: 'article:specialProvisions', status: 'added', label: '第17条', heading: '特記事項', removed: [] })]);
    expect(changes[0].added).toContain('甲は、起業人の活動を広報することができる。');
    expect(renumbered).toEqual([{ key: 'article:consultation', heading: '協議', from: '第17条', to: '第18条' }]);
  });

  it('reports a removed article and an item changed in a list, and the closing date', () => {
    const before = buildAgreement(draftOf('dispatch', { specialProvisions: ['甲は、広報することができる。'] }));
    const after = buildAgreement(draftOf('dispatch', { duties: ['観光案内の企画', '研修の実施'], agreementDate: undefined }));
    const { changes } = diffAgreementDocuments(before, after);
    const byKey = Object.fromEntries(changes.map((c) => [c.key, c]));
    expect(byKey['article:specialProvisions']).toMatchObject({ status: 'removed', label: '第17条', added: [] });
    expect(byKey['article:duties'].added).toEqual(['観光案内の企画', '研修の実施']);
    expect(byKey['article:duties'].removed).toHaveLength(3);
    expect(byKey.closing).toMatchObject({ removed: ['令和8年9月15日'], added: ['令和　　年　　月　　日'] });
  });
});

describe('diffAgreementTemplates', () => {
  it('shows reworded sentences, a new heading, a changed condition and a removed article', () => {
    const before = dispatch();
    const after = dispatch();
    after.articles[0].paragraphs[0].text = 'この協定は、{{purpose}}を目的とする。';
    after.articles[1].heading = '派遣される社員';
    const results = after.articles.find((a) => a.key === 'results')!;
    results.paragraphs[2].when = 'results.ipOwner=partner';
    after.articles = after.articles.filter((a) => a.key !== 'accidents');
    const { changes, renumbered } = diffAgreementTemplates(before, after);
    const byKey = Object.fromEntries(changes.map((c) => [c.key, c]));
    expect(byKey['article:purpose']).toMatchObject({ status: 'changed', added: ['この協定は、{{purpose}}を目的とする。'] });
    expect(byKey['article:person']).toMatchObject({ status: 'changed', heading: '派遣される社員', headingBefore: '派遣する社員', removed: [], added: [] });
    expect(byKey['article:results'].removed).toContain('〔条件：results.ipOwner=shared〕');
    expect(byKey['article:results'].added).toContain('〔条件：results.ipOwner=partner〕');
    expect(byKey['article:accidents']).toMatchObject({ status: 'removed', label: '第15条', heading: '事故及び損害' });
    expect(renumbered.map((r) => r.key)).toEqual(['article:termination', 'article:specialProvisions', 'article:consultation']);
  });
});
