import { describe, expect, it } from 'vitest';
import { checkAgreement, parseAgreementDraft, type AgreementKind } from '../../../app/domain/agreements';
import { canonicalJson, diffDrafts, draftFromForm, fieldForPath, formFromDraft, groupByField } from '../../../app/domain/agreements/form';
import { mayorTitle, prefillDraft, termEndAfter, type PrefillFacts } from '../../../app/domain/agreements/prefill';
import { exampleJson, municipalities } from './drafts';

describe('agreement form ⇄ draft', () => {
  it.each<AgreementKind>(['dispatch', 'side_job', 'senior'])('round-trips the %s example through the form unchanged', (kind) => {
    const example = exampleJson(kind);
    const back = draftFromForm(kind, example.version, formFromDraft(kind, example));
    const a = parseAgreementDraft(example);
    const b = parseAgreementDraft(back);
    expect(b.ok).toBe(true);
    expect(canonicalJson(b.ok && b.draft)).toBe(canonicalJson(a.ok && a.draft));
  });

  it('reads amounts as people type them and leaves mistyped numbers for the schema to name', () => {
    const values = formFromDraft('dispatch', exampleJson('dispatch'));
    const draft = draftFromForm('dispatch', 2, { ...values, 'amounts.contributionMonthly': '４８０，０００円', 'workPattern.daysPerMonth': '二十' });
    expect((draft.amounts as { contributionMonthly: unknown }).contributionMonthly).toBe(480000);
    const parsed = parseAgreementDraft(draft);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.map((i) => i.field)).toEqual(['workPattern.daysPerMonth']);
  });

  it('turns one duty per line into a list, dropping bullets and blank lines, and leaves optional blanks out', () => {
    const values = formFromDraft('side_job', exampleJson('side_job'));
    const draft = draftFromForm('side_job', 1, { ...values, duties: '- 一つ目\n\n・二つ目\n3. 三つ目', specialProvisions: '', agreementDate: '', 'employer.approval.obtained': 'no' });
    expect(draft.duties).toEqual(['一つ目', '二つ目', '三つ目']);
    expect('specialProvisions' in draft).toBe(false);
    expect('agreementDate' in draft).toBe(false);
    expect((draft.employer as { approval: { obtained: boolean } }).approval.obtained).toBe(false);
  });

  it('puts each problem next to its control, and what has no control in the general list', () => {
    expect(fieldForPath('dispatch', 'duties.3')).toBe('duties');
    expect(fieldForPath('dispatch', 'employer.name')).toBeNull();
    const grouped = groupByField('dispatch', [
      { field: 'term.end', message_ja: 'A' },
      { field: 'duties.0', message_ja: 'B' },
      { field: '(draft)', message_ja: 'C' },
    ]);
    expect(grouped).toEqual({ fields: { 'term.end': ['A'], duties: ['B'] }, general: ['C'] });
  });

  it('diffs two versions field by field with option labels', () => {
    const before = exampleJson('dispatch');
    const after = { ...before, reporting: { frequency: 'quarterly' }, person: { ...before.person, name: '西 太郎' } };
    expect(diffDrafts('dispatch', before, after)).toEqual([
      { name: 'person.name', label: '派遣される社員の氏名', section: 'person', before: before.person.name, after: '西 太郎' },
      { name: 'reporting.frequency', label: '報告の頻度', section: 'other', before: '毎月', after: '四半期ごと' },
    ]);
  });
});

describe('prefilled first version', () => {
  const facts: PrefillFacts = {
    kind: 'dispatch',
    municipality: { lgCode: '325252', prefecture: '島根県', name: '海士町', department: '企画課' },
    partner: { name: '株式会社みらい地域創生', hqLgCode: '131016', hqPlace: '東京都千代田区', employerName: null },
    listing: { title: '島のDX', duties: '- 聞き取り\n- 導入支援', startFrom: null, termMinMonths: 12, daysOnSite: 16, budgetMaxYen: 5_600_000 },
    today: '2026-11-23',
  };

  it('fills what the platform knows and asks only for what it cannot know', () => {
    const draft = prefillDraft(facts);
    const parsed = parseAgreementDraft(draft);
    expect(!parsed.ok && parsed.issues.map((i) => i.field).sort()).toEqual([
      'company.representative.name',
      'municipality.address',
      'municipality.representative.name',
      'person.name',
      'person.position',
    ]);
    expect(draft).toMatchObject({ term: { start: '2027-01-01', end: '2027-12-31' }, duties: ['聞き取り', '導入支援'], amounts: { contributionMonthly: 466000 } });
  });

  it('passes the rule check once the blanks are filled', () => {
    const draft = prefillDraft(facts) as any;
    draft.municipality.address = '島根県隠岐郡海士町大字海士1490番地';
    draft.municipality.representative.name = '大江 和彦';
    draft.company.representative.name = '高橋 美咲';
    draft.person.name = '山本 翔太';
    draft.person.position = '主任';
    const parsed = parseAgreementDraft(draft);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && checkAgreement(parsed.draft, { municipalities }).violations).toEqual([]);
  });

  it('computes term ends and mayor titles', () => {
    expect(termEndAfter('2026-10-01', 18)).toBe('2028-03-31');
    expect(termEndAfter('2027-01-31', 1)).toBe('2027-02-27');
    expect(mayorTitle('海士町')).toBe('海士町長');
    expect(mayorTitle('西粟倉村')).toBe('西粟倉村長');
  });
});
