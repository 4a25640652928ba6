import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../app/domain/listings';
import { OpeningForm, SolutionForm } from '../../../app/schemas/listings';
import { parseSubmission } from '../../../app/utils/forms.server';

function form(entries: [string, string][]) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

const opening: [string, string][] = [
  ['title', '島の宿泊施設のDX'],
  ['summary', '予約と会計を一つに'],
  ['body', '課題'],
  ['duties', '業務'],
  ['skills', 'スキル'],
  ['categories', 'dx'],
  ['categories', 'tourism'],
  ['types', 'dispatch'],
  ['termMinMonths', '１２'],
  ['termMaxMonths', '24'],
  ['startFrom', '2027-04-01'],
  ['daysOnSite', ''],
  ['budgetMin', '400'],
  ['budgetMax', '560'],
  ['contactName', '大野 健太'],
  ['contactEmail', 'ono@example.lg.jp'],
  ['contactPhone', '０８５１－４２－０１１１'],
  ['deadline', '2027-01-31'],
];

describe('listing form schemas', () => {
  it('has the ministry’s 15 categories', () => {
    expect(CATEGORIES).toHaveLength(15);
    expect(CATEGORIES.map((c) => c.label)).toContain('DX（自治体DX・地域社会DX）');
  });

  it('parses a complete opening, normalising full-width digits and repeated checkboxes', async () => {
    const r = await parseSubmission(form(opening), OpeningForm);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.termMinMonths).toBe(12);
    expect(r.value.categories).toEqual(['dx', 'tourism']);
    expect(r.value.daysOnSite).toBeUndefined();
    expect(r.value.remoteOk).toBe(false);
    expect(r.value.contactPhone).toBe('0851-42-0111');
  });

  it('reports every problem in Japanese and keeps what was typed', async () => {
    const r = await parseSubmission(form([['title', '  途中まで書いた題名 '], ['termMinMonths', '40'], ['termMaxMonths', '5'], ['startFrom', '2027-02-30'], ['contactEmail', 'x']]), OpeningForm);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reply().initialValue?.title).toBe('  途中まで書いた題名 ');
    expect(r.errors.termMinMonths).toEqual(['期間（最短）は36か月以下にしてください。']);
    expect(r.errors.termMaxMonths![0]).toContain('6か月以上');
    expect(r.errors.startFrom).toEqual(['開始時期に存在する日付を入力してください。']);
    expect(r.errors.categories).toEqual(['分野を1つ以上選んでください。']);
    expect(r.errors.contactEmail![0]).toContain('メールアドレスの形式');
    expect(r.errors.deadline).toEqual(['応募締切日を入力してください。']);
  });

  it('checks term order, budget order and the category limit', async () => {
    const bad = opening.filter(([k]) => !['termMinMonths', 'budgetMax', 'categories'].includes(k));
    const r = await parseSubmission(form([...bad, ['termMinMonths', '30'], ['budgetMax', '100'], ['categories', 'dx'], ['categories', 'gx'], ['categories', 'education'], ['categories', 'other']]), OpeningForm);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.termMaxMonths).toEqual(['期間（最長）は期間（最短）以上にしてください。']);
    expect(r.errors.budgetMax).toEqual(['負担金（上限）は下限以上にしてください。']);
    expect(r.errors.categories).toEqual(['分野は3つまで選べます。']);
  });

  it('refuses unknown categories and types rather than storing them', async () => {
    const r = await parseSubmission(form([...opening.filter(([k]) => k !== 'types'), ['types', 'freelance']]), OpeningForm);
    expect(r.ok).toBe(false);
  });

  it('asks a solution for regions unless it works anywhere', async () => {
    const sol: [string, string][] = [
      ['title', 'DX支援'], ['summary', '概要'], ['body', '解決'], ['skills', 'BPR'], ['categories', 'dx'], ['types', 'side_job'],
      ['termMinMonths', '6'], ['termMaxMonths', '12'], ['startFrom', '2027-01-01'], ['headcount', '2'], ['contactName', '佐藤'], ['contactEmail', 'sato@example.jp'],
    ];
    const none = await parseSubmission(form(sol), SolutionForm);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors.regionPrefCodes![0]).toContain('全国どこでも');
    expect((await parseSubmission(form([...sol, ['regionAnywhere', 'on']]), SolutionForm)).ok).toBe(true);
    expect((await parseSubmission(form([...sol, ['regionPrefCodes', '32'], ['regionPrefCodes', '46']]), SolutionForm)).ok).toBe(true);
    expect((await parseSubmission(form([...sol, ['regionPrefCodes', '48']]), SolutionForm)).ok).toBe(false);
  });
});

describe('numbers in forms', () => {
  it('asks for a missing number and explains a malformed one', async () => {
    const r = await parseSubmission(form([['termMinMonths', ''], ['termMaxMonths', '十二']]), OpeningForm);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.termMinMonths).toEqual(['期間（最短）を入力してください。']);
    expect(r.errors.termMaxMonths).toEqual(['期間（最長）は半角数字で入力してください。']);
  });
});
