import { describe, expect, it } from 'vitest';
import {
  eligibleTypes,
  MatchIndex,
  newEligibilityCache,
  rankAll,
  scorePair,
  type MatchListing,
  type SolutionParty,
} from '../../../app/domain/matching';
import { buildDictionary } from '../../../search/dictionary';
import { analyseAll, splitSkills } from '../../../search/match-text';
import { muni } from '../eligibility/master';

const dict = buildDictionary({ synonymGroups: [['空き家', '空家', '空き屋'], ['DX', 'デジタル化']] });
const NOW = new Date('2026-12-01T00:00:00Z');
const ctx = () => ({ fiscalYear: 2026, now: NOW, cache: newEligibilityCache() });

type Spec = Partial<Omit<MatchListing, 'text'>> & { title: string; skills?: string; body?: string };

/** Listings analysed together, as the store analyses them (one idf for the set). */
function listings(specs: Spec[]): MatchListing[] {
  const texts = analyseAll(specs.map((s) => ({ title: s.title, skills: s.skills ?? '', body: s.body ?? '' })), dict);
  return specs.map((s, i) => ({
    id: s.id ?? i + 1,
    kind: s.kind ?? 'solution',
    title: s.title,
    categories: s.categories ?? [],
    types: s.types ?? ['dispatch'],
    termMinMonths: s.termMinMonths ?? 12,
    termMaxMonths: s.termMaxMonths ?? 24,
    startFrom: s.startFrom ?? null,
    remoteOk: s.remoteOk ?? false,
    prefCode: s.prefCode ?? null,
    regionPrefCodes: s.regionPrefCodes ?? [],
    regionAnywhere: s.regionAnywhere ?? false,
    publishedAt: s.publishedAt ?? new Date('2026-11-01T00:00:00Z'),
    text: texts[i],
    municipality: s.municipality,
    party: s.party,
  }));
}

const tokyo: SolutionParty = { kind: 'company', hq: muni('東京都千代田区') };
const sapporo: SolutionParty = { kind: 'company', hq: muni('北海道札幌市') };
const amacho = muni('島根県海士町');
const higashikawa = muni('北海道東川町');

describe('eligibleTypes', () => {
  const opening = { types: ['dispatch', 'side_job', 'senior'] as const, municipality: amacho };
  it('keeps the types both listings accept that the sender may take and the rules allow', () => {
    expect(eligibleTypes({ ...opening, types: ['dispatch', 'side_job', 'senior'] }, { types: ['dispatch', 'side_job'], party: tokyo }, 2026)).toEqual(['dispatch', 'side_job']);
    expect(eligibleTypes({ ...opening, types: ['side_job'] }, { types: ['dispatch', 'side_job'], party: tokyo }, 2026)).toEqual(['side_job']);
  });
  it('refuses a class-B company within its own prefecture and in a 県庁所在市', () => {
    expect(eligibleTypes({ types: ['dispatch'], municipality: higashikawa }, { types: ['dispatch'], party: sapporo }, 2026)).toEqual([]);
    expect(eligibleTypes({ types: ['dispatch'], municipality: muni('島根県松江市') }, { types: ['dispatch'], party: sapporo }, 2026)).toEqual([]);
    expect(eligibleTypes({ types: ['dispatch'], municipality: amacho }, { types: ['dispatch'], party: sapporo }, 2026)).toEqual(['dispatch']);
  });
  it('never gives a freelancer, an individual without an employer or a company outside the classes a type', () => {
    const all = ['dispatch', 'side_job', 'senior'] as ('dispatch' | 'side_job' | 'senior')[];
    expect(eligibleTypes({ types: all, municipality: amacho }, { types: all, party: { kind: 'individual', track: 'freelance', employerHq: muni('東京都千代田区') } }, 2026)).toEqual([]);
    expect(eligibleTypes({ types: all, municipality: amacho }, { types: all, party: { kind: 'individual', track: 'side_job', employerHq: null } }, 2026)).toEqual([]);
    expect(eligibleTypes({ types: all, municipality: amacho }, { types: all, party: { kind: 'company', hq: muni('北海道東川町') } }, 2026)).toEqual([]);
    expect(eligibleTypes({ types: all, municipality: amacho }, { types: all, party: { kind: 'individual', track: 'senior', employerHq: muni('大阪府大阪市') } }, 2026)).toEqual(['senior']);
  });
  it('gives the same answers from its memo', () => {
    const cache = newEligibilityCache();
    const a = eligibleTypes({ types: ['dispatch'], municipality: higashikawa }, { types: ['dispatch'], party: sapporo }, 2026, cache);
    const b = eligibleTypes({ types: ['dispatch'], municipality: higashikawa }, { types: ['dispatch'], party: sapporo }, 2026, cache);
    expect([a, b, cache.size]).toEqual([[], [], 1]);
  });
});

describe('splitSkills', () => {
  it('splits a skills text at list markers, 、 and ・ and drops Markdown', () => {
    expect(splitSkills('- 観光DX、データ分析\n- **英語**・中国語（日常会話）')).toEqual(['観光DX', 'データ分析', '英語', '中国語']);
  });
});

describe('scorePair', () => {
  it('names the matching skills, the eligible types, the shared category and the term overlap', () => {
    const [o, s] = listings([
      { kind: 'opening', title: '観光DXの推進', skills: '観光DX、データ分析、英語', categories: ['tourism'], types: ['dispatch', 'side_job'], municipality: amacho, prefCode: '32', termMinMonths: 12, termMaxMonths: 36 },
      { title: '観光DXとデータ分析の伴走', skills: '観光DX、データ分析', categories: ['tourism'], types: ['dispatch', 'side_job'], party: tokyo, termMinMonths: 6, termMaxMonths: 24, regionPrefCodes: ['32'] },
    ]);
    const fit = scorePair(o, s, ctx())!;
    expect(fit.types).toEqual(['dispatch', 'side_job']);
    expect(fit.reasons).toEqual([
      '求めるスキル『観光DX』『データ分析』が一致',
      '企業派遣型・副業型で対象',
      '活動分野「観光振興・観光誘客対策・DMO設立等」が共通',
      '期間が重なる（12〜24か月）',
      '活動希望地域（島根県）',
    ]);
  });

  it('finds a skill through the synonym dictionary and the search normalisation', () => {
    const [o, s] = listings([
      { kind: 'opening', title: '空家対策', skills: '空き家対策、ＤＸ', municipality: amacho },
      { title: '空家の活用', skills: '空家対策、デジタル化', party: tokyo },
    ]);
    expect(scorePair(o, s, ctx())!.reasons[0]).toBe('求めるスキル『空き家対策』『ＤＸ』が一致');
  });

  it('is null for an ineligible pairing, however good the fit', () => {
    const [o, s] = listings([
      { kind: 'opening', title: 'データ分析', skills: 'データ分析', municipality: higashikawa },
      { title: 'データ分析', skills: 'データ分析', party: sapporo },
    ]);
    expect(scorePair(o, s, ctx())).toBeNull();
  });
});

describe('ranking', () => {
  const set = listings([
    { id: 100, kind: 'opening', title: '観光DXとデータ分析', skills: '観光DX、データ分析', body: '宿泊の予約データを分析して誘客に生かします。', categories: ['tourism'], municipality: amacho, prefCode: '32', remoteOk: true },
    { id: 1, title: '観光DXとデータ分析の専門チーム', skills: '観光DX、データ分析', body: '予約データの分析で誘客を支援します。', categories: ['tourism'], party: tokyo, remoteOk: true },
    { id: 2, title: '観光の広報', skills: 'SNS', body: '観光地の魅力を発信します。', categories: ['tourism'], party: tokyo },
    { id: 3, title: '農業の六次化', skills: '商品開発', body: '特産品の加工品をつくります。', categories: ['agriculture'], party: tokyo, termMinMonths: 30, termMaxMonths: 36 },
    { id: 4, title: '観光DXとデータ分析の専門チーム', skills: '観光DX、データ分析', body: '予約データの分析で誘客を支援します。', categories: ['tourism'], party: { kind: 'individual', track: 'freelance', employerHq: null } },
  ]);
  const [opening, ...solutions] = set;

  it('orders solutions by fit and leaves the ineligible out', () => {
    expect(rankAll(opening, solutions, ctx()).map((r) => r.listing.id)).toEqual([1, 2, 3]);
  });

  it('gives the same order and scores through the index as by scoring everything', () => {
    const all = rankAll(opening, solutions, ctx());
    const indexed = new MatchIndex(solutions).rank(opening, ctx(), 10);
    expect(indexed.map((r) => [r.listing.id, r.fit.score])).toEqual(all.map((r) => [r.listing.id, r.fit.score]));
  });

  it('above its exhaustive limit, scores only eligible listings sharing words or the category, best first', () => {
    const index = new MatchIndex(solutions, { exhaustiveLimit: 0, prefilter: 2 });
    expect([...index.candidates(opening, ctx())].map((l) => l.id)).toEqual([1, 2]);
    expect(index.rank(opening, ctx(), 10).map((r) => r.listing.id)).toEqual([1, 2]);
  });

  it('kept up to date with upsert and remove, ranks as an index built afresh over the same listings', () => {
    const many = listings([
      { id: 100, kind: 'opening', title: '観光DXとデータ分析', skills: '観光DX、データ分析', categories: ['tourism'], municipality: amacho, prefCode: '32' },
      ...Array.from({ length: 12 }, (_, i) => ({ id: i + 1, title: i % 2 ? '観光の広報とデータ分析' : '観光DXの専門チーム', skills: i % 3 ? 'データ分析' : 'SNS', categories: [i % 2 ? 'tourism' : 'dx'], party: tokyo })),
      { id: 50, title: '観光DXとデータ分析の専門チーム', skills: '観光DX、データ分析', categories: ['tourism'], party: tokyo },
    ]);
    const [target, ...rest] = many;
    const opts = { exhaustiveLimit: 0, prefilter: 5 };
    const kept = new MatchIndex(rest.slice(0, 8), opts);
    for (const l of rest.slice(8)) kept.upsert(l);
    kept.remove(3);
    kept.upsert({ ...rest[0], categories: ['tourism'] });
    const now = rest.filter((l) => l.id !== 3).map((l) => (l.id === rest[0].id ? { ...l, categories: ['tourism'] } : l));
    const fresh = new MatchIndex(now, opts);
    const ids = (index: MatchIndex) => index.rank(target, ctx(), 10).map((r) => [r.listing.id, r.fit.score]);
    expect(kept.size).toBe(fresh.size);
    expect(ids(kept)).toEqual(ids(fresh));
    expect(ids(kept).map(([id]) => id)).not.toContain(3);
    expect(ids(kept)[0][0]).toBe(50);
  });

  it('scores a pairing the same from both sides', () => {
    const fromOpening = rankAll(opening, solutions, ctx())[0].fit.score;
    const fromSolution = rankAll(solutions[0], [opening], ctx())[0].fit.score;
    expect(fromSolution).toBe(fromOpening);
  });
});
