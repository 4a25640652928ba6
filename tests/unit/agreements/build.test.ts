import { describe, expect, it } from 'vitest';
import {
  agreementTemplateSchema,
  AgreementTemplateError,
  buildAgreement,
  DEFAULT_TEMPLATES,
  documentLines,
  selectTemplate,
  type AgreementDocument,
  type AgreementTemplate,
} from '../../../app/domain/agreements';
import { draftOf } from './drafts';

const text = (doc: AgreementDocument) => documentLines(doc).join('\n');
const article = (doc: AgreementDocument, key: string) => doc.articles.find((a) => a.key === key);

/** The clauses every agreement must have (issue: 目的 … 協議), by template key. */
const REQUIRED_KEYS = ['purpose', 'duties', 'placeOfWork', 'term', 'workPattern', 'service', 'reporting', 'payment', 'handling', 'confidentiality', 'personalInformation', 'results', 'accidents', 'termination', 'consultation'];

describe('clause templates', () => {
  it.each(DEFAULT_TEMPLATES.map((t) => [t.id, t] as const))('%s is valid template data with every required clause', (_, t) => {
    expect(agreementTemplateSchema.parse(t)).toEqual(t);
    const keys = t.articles.map((a) => a.key);
    for (const k of REQUIRED_KEYS) expect(keys).toContain(k);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a year without its own template uses the newest earlier one, marked provisional', () => {
    const r8 = selectTemplate(DEFAULT_TEMPLATES, 'dispatch', 2026);
    expect(r8).toMatchObject({ provisional: false, template: { id: 'dispatch-fy2026' } });
    expect(selectTemplate(DEFAULT_TEMPLATES, 'dispatch', 2028)).toMatchObject({ provisional: true, template: { id: 'dispatch-fy2026' } });
    const r9: AgreementTemplate = { ...DEFAULT_TEMPLATES[0], id: 'dispatch-fy2027', fiscalYear: 2027, title: '令和9年度版の協定書' };
    const set = [...DEFAULT_TEMPLATES, r9];
    expect(selectTemplate(set, 'dispatch', 2027)).toMatchObject({ provisional: false, template: { id: 'dispatch-fy2027' } });
    expect(selectTemplate(set, 'dispatch', 2026)).toMatchObject({ provisional: false, template: { id: 'dispatch-fy2026' } });
    expect(buildAgreement(draftOf('dispatch', { fiscalYear: 2027 }), set).title).toBe('令和9年度版の協定書');
  });
});

describe('buildAgreement', () => {
  it('dispatch: 協定書 between the municipality and the company, values filled in', () => {
    const doc = buildAgreement(draftOf('dispatch'));
    expect(doc).toMatchObject({ kind: 'dispatch', documentType: '協定書', draftVersion: 3, fiscalYear: 2026, templateId: 'dispatch-fy2026', templateProvisional: false });
    expect(doc.title).toBe('地域活性化起業人の派遣に関する協定書');
    expect(doc.preamble).toMatch(/^函館市（以下「甲」という。）と株式会社みなとデジタル（以下「乙」という。）とは/);
    const all = text(doc);
    for (const value of ['東 健太（事業開発部主任。', '観光DX推進アドバイザー', '令和8年10月1日から令和10年3月31日まで（1年6か月）', '月額金480,000円', '1月当たり20日', '1月当たり150時間', '1月当たり12日', '企画部地域振興課', '30日以内']) {
      expect(all).toContain(value);
    }
    expect(all).not.toMatch(/\{\{|\}\}/);
    expect(doc.date).toBe('令和8年9月15日');
    expect(doc.signatories.map((s) => s.role)).toEqual(['甲', '乙']);
    expect(doc.signatories[1].lines).toEqual(['東京都千代田区丸の内9丁目9番9号', '株式会社みなとデジタル', '代表取締役　南 花子']);
  });

  it('numbers articles 第1条… in order and paragraphs 2, 3 after an unnumbered first', () => {
    const doc = buildAgreement(draftOf('dispatch'));
    doc.articles.forEach((a, i) => expect(a.label).toBe(`第${i + 1}条`));
    const duties = article(doc, 'duties')!;
    expect(duties.paragraphs.map((p) => p.label)).toEqual([null, '2']);
    expect(duties.paragraphs[0].items.map((i) => i.label)).toEqual(['（1）', '（2）', '（3）']);
    expect(duties.paragraphs[0].items[2].text).toBe('来訪者の動態データの分析と施策への反映');
  });

  it('cross-references follow the numbering when an article is left out', () => {
    const without = buildAgreement(draftOf('dispatch'));
    const handling = article(without, 'handling')!.label;
    expect(article(without, 'contribution')!.paragraphs[2].text).toContain(`${handling}に定めるもののほか`);
    expect(article(without, 'specialProvisions')).toBeUndefined();
    const withSp = buildAgreement(draftOf('dispatch', { specialProvisions: ['甲は、起業人の活動を広報することができる。'] }));
    const sp = article(withSp, 'specialProvisions')!;
    expect(sp.paragraphs[0].items).toEqual([{ label: '（1）', text: '甲は、起業人の活動を広報することができる。' }]);
    expect(withSp.articles.at(-1)!.key).toBe('consultation');
    expect(withSp.articles.length).toBe(without.articles.length + 1);
  });

  it.each([
    ['municipality', '甲に帰属する', '著作者人格権を行使せず'],
    ['shared', '甲及び乙の共有とし', '無償で利用し、又は改変することができる'],
    ['partner', '乙に帰属する', '無償で利用し、又は改変することを許諾する'],
  ] as const)('成果の帰属 follows results.ipOwner = %s', (ipOwner, first, second) => {
    const results = article(buildAgreement(draftOf('dispatch', { results: { ipOwner } })), 'results')!;
    expect(results.paragraphs).toHaveLength(3);
    expect(results.paragraphs[0].text).toContain(first);
    expect(results.paragraphs[1].text).toContain(second);
  });

  it('side job: 契約書 with the individual, the employer and its approval', () => {
    const doc = buildAgreement(draftOf('side_job'));
    expect(doc.documentType).toBe('契約書');
    expect(doc.preamble).toContain('西村 美咲（以下「乙」という。）');
    expect(doc.preamble).toContain('株式会社博多ソフトウェア（以下「勤務先」という。）に在籍したまま');
    const approval = article(doc, 'employerApproval')!;
    expect(approval.paragraphs[1].text).toBe('甲は、勤務先が令和8年5月20日付けで前項の承認をしたことを確認した。');
    const all = text(doc);
    expect(all).toContain('報償費の額は、月額金80,000円とする。');
    expect(all).toContain('各年度金900,000円の範囲内で支給する。');
    expect(doc.date).toBe('令和　　年　　月　　日');
    expect(doc.signatories[1].lines).toEqual(['福岡県福岡市中央区天神9丁目9番9号', '西村 美咲']);
  });

  it('side job without an approval date leaves that sentence out', () => {
    const approval = article(buildAgreement(draftOf('side_job', { employer: { approval: { obtained: true, date: undefined } } })), 'employerApproval')!;
    expect(approval.paragraphs.map((p) => p.text).join()).not.toContain('付けで');
    expect(approval.paragraphs.map((p) => p.label)).toEqual([null, '2']);
  });

  it('senior: 契約書 with the retired individual and the date of retirement', () => {
    const doc = buildAgreement(draftOf('senior'));
    expect(doc.title).toBe('地域活性化起業人（シニア型）に関する契約書');
    expect(article(doc, 'retirement')!.paragraphs[0].text).toBe('乙は、なにわ産業株式会社を令和7年12月31日に退職した者であることを証する書面を甲に提出するものとする。');
    expect(text(doc)).toContain('半期（4月から9月まで及び10月から3月まで）ごとに');
  });

  it('text from the draft is never read as a placeholder', () => {
    const doc = buildAgreement(draftOf('dispatch', { purpose: '{{company.name}}を宣伝すること' }));
    expect(article(doc, 'purpose')!.paragraphs[0].text).toContain('{{company.name}}を宣伝すること');
  });

  it('a template with an unknown placeholder, filter or label fails loudly', () => {
    const broken = (text: string): AgreementTemplate[] => [{ ...DEFAULT_TEMPLATES[0], preamble: text }];
    expect(() => buildAgreement(draftOf('dispatch'), broken('{{company.fax}}'))).toThrow(AgreementTemplateError);
    expect(() => buildAgreement(draftOf('dispatch'), broken('{{company.name|upper}}'))).toThrow(/不明なフィルタ/);
    expect(() => buildAgreement(draftOf('dispatch'), broken('{{purpose|label}}'))).toThrow(/labels/);
    expect(() => buildAgreement(draftOf('dispatch'), broken('{{ref:nothing}}'))).toThrow(/条がありません/);
    expect(() => buildAgreement(draftOf('senior'), [DEFAULT_TEMPLATES[0]])).toThrow(/ひな形がありません/);
  });
});
