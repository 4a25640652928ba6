import { describe, expect, it } from 'vitest';
import { buildAgreement, DEFAULT_TEMPLATES, type AgreementKind, type AgreementTemplate } from '../../../app/domain/agreements';
import { sampleDrafts } from '../../../app/domain/agreements/samples';
import { checkAgreementTemplate, REQUIRED_ARTICLES } from '../../../app/domain/agreements/template-check';
import { describeCondition, describePath, placeholderCatalog } from '../../../app/domain/agreements/template-paths';

const shipped = (kind: AgreementKind) => structuredClone(DEFAULT_TEMPLATES.find((t) => t.kind === kind)!) as AgreementTemplate;
const indexOf = (t: AgreementTemplate, key: string) => t.articles.findIndex((a) => a.key === key);
const check = (t: unknown, kind: AgreementKind = 'dispatch', fiscalYear = 2026) => checkAgreementTemplate(t, { kind, fiscalYear });

function problems(t: unknown, kind: AgreementKind = 'dispatch') {
  const r = check(t, kind);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('sample drafts', () => {
  it.each(['dispatch', 'side_job', 'senior'] as const)('%s: three valid drafts whose term starts in the fiscal year, with and without the optional fields', (kind) => {
    const samples = sampleDrafts(kind, 2027);
    expect(samples).toHaveLength(3);
    for (const s of samples) {
      expect(s.draft.kind).toBe(kind);
      expect(s.draft.fiscalYear).toBe(2027);
      expect(s.draft.term.start).toBe('2027-10-01');
    }
    expect(samples.some((s) => s.draft.agreementDate === undefined && s.draft.specialProvisions.length === 0)).toBe(true);
    expect(samples.some((s) => s.draft.agreementDate !== undefined && s.draft.specialProvisions.length > 0)).toBe(true);
    expect(new Set(samples.map((s) => s.draft.results.ipOwner))).toEqual(new Set(['municipality', 'shared', 'partner']));
  });
});

describe('describePath', () => {
  it('knows the draft fields of each kind, their types and which may be empty', () => {
    expect(describePath('dispatch', 'company.name')).toEqual({ type: 'text', optional: false });
    expect(describePath('side_job', 'company.name')).toBeNull();
    expect(describePath('dispatch', 'term.start')).toMatchObject({ type: 'date', optional: false });
    expect(describePath('dispatch', 'agreementDate')).toMatchObject({ type: 'date', optional: true });
    expect(describePath('side_job', 'employer.approval.date')).toMatchObject({ type: 'date', optional: true });
    expect(describePath('side_job', 'employer.approval.obtained')).toMatchObject({ type: 'boolean' });
    expect(describePath('dispatch', 'amounts.contributionMonthly')).toMatchObject({ type: 'number' });
    expect(describePath('dispatch', 'amounts.payment.daysAfterInvoice')).toMatchObject({ type: 'number', optional: false });
    expect(describePath('dispatch', 'results.ipOwner')).toEqual({ type: 'choice', optional: false, values: ['municipality', 'shared', 'partner'] });
    expect(describePath('dispatch', 'duties')).toMatchObject({ type: 'list', optional: false });
    expect(describePath('dispatch', 'specialProvisions')).toMatchObject({ type: 'list', optional: true });
    expect(describePath('dispatch', 'municipality')).toMatchObject({ type: 'group' });
    expect(describePath('dispatch', 'derived.termLength')).toMatchObject({ type: 'text' });
    expect(describePath('dispatch', 'company.fax')).toBeNull();
    expect(describePath('dispatch', 'company.name.first')).toBeNull();
  });

  it('lists what an editor can insert, with the right filter, and words conditions for readers', () => {
    const catalog = placeholderCatalog('side_job');
    expect(catalog.find((h) => h.path === 'term.start')?.example).toBe('{{term.start|wareki}}');
    expect(catalog.find((h) => h.path === 'amounts.rewardMonthly')?.example).toBe('{{amounts.rewardMonthly|num}}');
    expect(catalog.find((h) => h.path === 'employer.approval.date')?.note).toContain('when');
    expect(catalog.some((h) => h.path === 'company.name')).toBe(false);
    expect(describeCondition('dispatch', 'results.ipOwner=shared')).toBe('「成果（知的財産）の帰属」が「甲乙の共有」のとき');
    expect(describeCondition('dispatch', 'specialProvisions')).toBe('「特記事項」が入力されているとき');
  });
});

describe('checkAgreementTemplate', () => {
  it.each(DEFAULT_TEMPLATES.map((t) => [t.id, t] as const))('accepts the shipped template %s', (_, t) => {
    const r = check(t, t.kind, t.fiscalYear);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('accepts a reworded text and a new article with a condition', () => {
    const t = shipped('dispatch');
    t.articles[0].paragraphs[0].text = 'この協定は、{{company.name}}の社員の知見を活かし、{{purpose}}を目的とする。';
    t.articles.splice(3, 0, { key: 'publicity', heading: '広報', when: 'results.ipOwner=municipality', paragraphs: [{ text: '甲は、{{term.start|wareki}}以降、起業人の活動を広報することができる。' }] });
    const r = check(t);
    expect(r.ok).toBe(true);
  });

  it('names the article and paragraph of an unknown placeholder, a wrong filter and a missing article reference', () => {
    const t = shipped('dispatch');
    const i = indexOf(t, 'placeOfWork');
    t.articles[i].paragraphs[1].text = '勤務場所は{{company.fax}}とし、{{purpose|num}}円、{{ref:nothing}}、{{placeOfWork|upper}}による。';
    const found = problems(t);
    const here = found.filter((p) => p.field === `articles.${i}.paragraphs.1.text`).map((p) => p.message_ja);
    expect(here).toHaveLength(4);
    expect(here.every((m) => m.startsWith(`第${i + 1}条（勤務場所）第2項: `))).toBe(true);
    expect(here.join('\n')).toMatch(/「company\.fax」は企業派遣型で使える差し込み項目ではありません/);
    expect(here.join('\n')).toMatch(/\|num は数値の項目にだけ使えます/);
    expect(here.join('\n')).toMatch(/キー「nothing」の条がありません/);
    expect(here.join('\n')).toContain('{{placeOfWork|upper}}: 不明なフィルタ |upper です');
  });

  it('reports a broken placeholder, a group or list put into a sentence, and a |label without wording', () => {
    const t = shipped('dispatch');
    t.preamble = '{{municipality.name}（以下「甲」という。）と{{municipality}}と{{duties}}は協定する。';
    t.labels = { ...t.labels, 'reporting.frequency': { monthly: '毎月' } };
    const found = problems(t).map((p) => `${p.field} ${p.message_ja}`).join('\n');
    expect(found).toContain('preamble 前文: 「{{municipality.name}（以下「甲」という。」: 差し込み項目の書き方が正しくありません');
    expect(found).toMatch(/\{\{municipality\}\}: 項目のまとまりは差し込めません/);
    expect(found).toMatch(/\{\{duties\}\}: 一覧の項目は文中に差し込めません/);
    expect(found).toMatch(/labels\["reporting\.frequency"\] に 「quarterly」 の文言がありません/);
  });

  it('refuses an optional field used outside a condition, found by building the sample without it', () => {
    const t = shipped('side_job');
    const i = indexOf(t, 'employerApproval');
    delete t.articles[i].paragraphs[1].when;
    const found = problems(t, 'side_job');
    expect(found).toHaveLength(1);
    expect(found[0].field).toBe(`articles.${i}.paragraphs.1.text`);
    expect(found[0].message_ja).toMatch(/^第3条（勤務先の承認）第2項: \{\{employer\.approval\.date\}\} の値がありません（「見本2：.*副業承認日なし」で確認）。この項目は空のことがある/);
  });

  it('refuses a reference to an article that a condition may leave out', () => {
    const t = shipped('dispatch');
    t.articles[0].paragraphs[0].text += '特記事項は{{ref:specialProvisions}}に定める。';
    const found = problems(t);
    expect(found[0].field).toBe('articles.0.paragraphs.0.text');
    expect(found[0].message_ja).toMatch(/\{\{ref:specialProvisions\}\} の条がありません.*参照先の条は条件（when）で省かれることがあります/);
  });

  it('checks conditions: the field must exist for the kind and the value must be one of its choices', () => {
    const t = shipped('dispatch');
    t.articles[1].when = 'employer.approval.date';
    t.articles[2].paragraphs[0].when = 'results.ipOwner=nobody';
    const found = problems(t);
    expect(found.find((p) => p.field === 'articles.1.when')?.message_ja).toBe('第2条（派遣する社員）の条件（when）: 「employer.approval.date」は企業派遣型の項目ではありません');
    expect(found.find((p) => p.field === 'articles.2.paragraphs.0.when')?.message_ja).toMatch(/municipality \/ shared \/ partner のいずれかです（「nobody」はありません）/);
  });

  it('keeps the required clauses, unique keys, the document type of the kind and the page’s kind and year', () => {
    const t = shipped('dispatch');
    t.articles = t.articles.filter((a) => a.key !== 'confidentiality');
    t.articles[1].key = 'purpose';
    t.documentType = '契約書';
    const found = problems(t);
    expect(found.find((p) => p.field === 'articles')?.message_ja).toContain(`${REQUIRED_ARTICLES.confidentiality}（confidentiality）`);
    expect(found.find((p) => p.field === 'articles.1.key')?.message_ja).toContain('第1条と重複しています');
    expect(found.find((p) => p.field === 'documentType')?.message_ja).toContain('「協定書」です');
    expect(problems({ ...shipped('dispatch'), fiscalYear: 2027 }).map((p) => p.field)).toEqual(['fiscalYear']);
    expect(problems(shipped('dispatch'), 'senior').map((p) => p.field)).toContain('kind');
  });

  it('reports schema problems and unknown keys in Japanese with their place', () => {
    const t = shipped('senior') as unknown as Record<string, any>;
    t.articles[0].heading = '';
    t.articles[0].whn = 'x';
    t.articles[1].paragraphs = [];
    t.articles[2].key = 'Bad Key';
    t.closing = 42;
    const found = problems(t, 'senior').map((p) => p.message_ja);
    expect(found).toEqual(
      expect.arrayContaining([
        '第1条: 不明な項目 "whn" があります（使える項目：key, heading, when, paragraphs）',
        '第1条の見出し: 空にはできません',
        '第2条（地域活性化起業人）の項: 1つ以上必要です',
        '第3条（退職の確認）のキー（key）: 英小文字で始まる半角英数字で書いてください（例：purpose）',
        '末文: 形式が正しくありません',
      ]),
    );
    expect(problems('not a template', 'senior')[0].message_ja).toMatch(/形式が正しくありません/);
  });

  it('refuses line breaks, control characters and broken characters anywhere (jsonb could not store them)', () => {
    const t = shipped('dispatch');
    t.closing = '本書2通を作成し、\n各自1通を保有する。';
    t.labels = { ...t.labels, 'reporting.frequency': { ...t.labels['reporting.frequency'], monthly: '毎月\u0000' } };
    t.signatories[1].role = '乙\uD800';
    const found = problems(t);
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'closing', message_ja: '末文: 改行や制御文字、壊れた文字は使えません' },
        { field: 'labels.reporting.frequency.monthly', message_ja: '選択肢の文言（labels）: 改行や制御文字、壊れた文字は使えません' },
        { field: 'signatories.1.role', message_ja: expect.stringMatching(/^署名欄（.*）: 改行や制御文字、壊れた文字は使えません$/) },
      ]),
    );
  });

  it('a template it accepts builds for every sample draft of its kind', () => {
    const t = shipped('senior');
    t.articles.push({ key: 'extra', heading: '追加', when: 'agreementDate', paragraphs: [{ text: '{{agreementDate|wareki}}に締結する。', items: ['{{person.name}}', '{{derived.termLength}}'] }] });
    const r = check(t, 'senior');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const s of sampleDrafts('senior', 2026)) expect(() => buildAgreement(s.draft, [r.template])).not.toThrow();
  });
});
