import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, type AgreementTemplate } from '../../../app/domain/agreements';
import {
  cleanTemplateText,
  formControlFor,
  formFromTemplate,
  templateFromForm,
  templateFromSubmission,
  templateJson,
  templateLocation,
} from '../../../app/domain/agreements/template-form';
import { selectTemplateVersion, templateIdFor, templatesInEffect, templateVersionLabel } from '../../../app/domain/agreements/template-versions';

const shipped = (kind: AgreementTemplate['kind']) => DEFAULT_TEMPLATES.find((t) => t.kind === kind)!;

describe('the editor form', () => {
  it('round-trips every text of a template through the form fields', () => {
    const t = shipped('side_job');
    const values = formFromTemplate(t);
    expect(values.title).toBe(t.title);
    expect(values['articles.0.heading']).toBe('目的');
    const termination = t.articles.findIndex((a) => a.key === 'termination');
    expect(values[`articles.${termination}.paragraphs.0.items`].split('\n')).toHaveLength(3);
    // a list filled from the draft ({ each }) has no form field
    expect(values['articles.3.paragraphs.0.items']).toBeUndefined();
    expect(templateFromForm(t, values)).toEqual(t);
  });

  it('puts the posted texts in, joining wrapped lines and one item per line', () => {
    const t = shipped('dispatch');
    const handling = t.articles.findIndex((a) => a.key === 'handling');
    const edited = templateFromForm(t, {
      ...formFromTemplate(t),
      preamble: '  {{municipality.name}}（以下「甲」という。）と\r\n  {{company.name}}（以下「乙」という。）とは、次のとおり協定を締結する。 ',
      [`articles.${handling}.paragraphs.0.items`]: '旅費　{{handling.travel}}\n\n  住居　{{handling.housing}}  \n',
    });
    expect(edited.preamble).toBe('{{municipality.name}}（以下「甲」という。）と{{company.name}}（以下「乙」という。）とは、次のとおり協定を締結する。');
    expect(edited.articles[handling].paragraphs[0].items).toEqual(['旅費　{{handling.travel}}', '住居　{{handling.housing}}']);
    expect(edited.articles[handling].key).toBe('handling');
    expect(cleanTemplateText('a\n b\r\nc')).toBe('abc');
  });

  it('uses the JSON box when it was changed, the form otherwise, and refuses both at once', () => {
    const t = shipped('senior');
    const values = { ...formFromTemplate(t), json: templateJson(t) };
    expect(templateFromSubmission(t, values)).toEqual({ ok: true, mode: 'form', input: t });

    const moved = { ...t, articles: [t.articles[1], t.articles[0], ...t.articles.slice(2)] };
    expect(templateFromSubmission(t, { ...values, json: JSON.stringify(moved) })).toEqual({ ok: true, mode: 'json', input: moved });

    const both = templateFromSubmission(t, { ...values, title: '新しい表題', json: JSON.stringify(moved) });
    expect(both).toMatchObject({ ok: false, mode: 'both', field: 'json' });

    const broken = templateFromSubmission(t, { ...values, json: '{\n  "title": "x",\n  oops\n}' });
    expect(broken).toMatchObject({ ok: false, mode: 'json', field: 'json' });
    if (!broken.ok) expect(broken.message_ja).toMatch(/^JSONとして読み取れません/);

    // The same JSON re-indented is not a change.
    expect(templateFromSubmission(t, { ...values, title: '新しい表題', json: JSON.stringify(t) })).toMatchObject({ ok: true, mode: 'form' });
  });

  it('names places in Japanese and maps problems to their control', () => {
    const t = shipped('dispatch');
    expect(templateLocation(t, 'articles.2.paragraphs.1.text')).toBe('第3条（業務内容）第2項');
    expect(templateLocation(t, 'articles.10.paragraphs.0.items.2')).toBe('第11条（旅費、住居及び物品等の取扱い）第1項第3号');
    expect(templateLocation(t, 'articles.16.when')).toBe('第17条（特記事項）の条件（when）');
    expect(templateLocation(t, 'signatories.1.lines.1')).toBe('署名欄（乙）2行目');
    expect(templateLocation(t, 'preamble')).toBe('前文');
    expect(formControlFor(t, 'articles.10.paragraphs.0.items.2')).toBe('articles.10.paragraphs.0.items');
    expect(formControlFor(t, 'articles.16.when')).toBeNull();
    expect(formControlFor(t, 'title')).toBe('title');
  });
});

describe('template versions', () => {
  it('labels and ids versions, 0 being the shipped one', () => {
    expect(templateVersionLabel(0)).toBe('版0「標準」');
    expect(templateVersionLabel(3)).toBe('版3');
    expect(templateIdFor('dispatch', 2026, 0)).toBe('dispatch-fy2026');
    expect(templateIdFor('dispatch', 2027, 2)).toBe('dispatch-fy2027-v2');
  });

  it('puts saved versions over the shipped ones and adds years of their own', () => {
    const d = shipped('dispatch');
    const edited = { template: { ...d, id: 'dispatch-fy2026-v2', title: '改訂した協定書' }, version: 2 };
    const r9 = { template: { ...d, id: 'dispatch-fy2027-v1', fiscalYear: 2027 }, version: 1 };
    const set = templatesInEffect(DEFAULT_TEMPLATES, [edited, r9]);
    expect(set.map((v) => `${v.template.id}@${v.version}`).sort()).toEqual(['dispatch-fy2026-v2@2', 'dispatch-fy2027-v1@1', 'senior-fy2026@0', 'side_job-fy2026@0']);
    expect(selectTemplateVersion(set, 'dispatch', 2026)).toMatchObject({ version: 2, provisional: false, template: { title: '改訂した協定書' } });
    expect(selectTemplateVersion(set, 'dispatch', 2027)).toMatchObject({ version: 1, provisional: false });
    expect(selectTemplateVersion(set, 'dispatch', 2030)).toMatchObject({ version: 1, provisional: true, template: { fiscalYear: 2027 } });
    expect(selectTemplateVersion(set, 'senior', 2026)).toMatchObject({ version: 0, template: { id: 'senior-fy2026' } });
    expect(templatesInEffect(DEFAULT_TEMPLATES, []).every((v) => v.version === 0)).toBe(true);
  });
});
