import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { DEFAULT_TEMPLATES, type AgreementKind, type AgreementTemplate } from '../../../app/domain/agreements';
import { formFromTemplate, templateJson } from '../../../app/domain/agreements/template-form';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';
import { PERSONA_LOGINS } from '../accounts/matrix';

/*
 * The template editor over HTTP on the real server: list, preview, save with a note, errors next to
 * their field with the input kept, stale saves, the JSON box, the history diff and the next fiscal year.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const operator = new Map<string, Client>();
const op = () => operator.get('operator')!;
const PAGE = '/admin/templates/dispatch/2026';
const dispatch = DEFAULT_TEMPLATES.find((t) => t.kind === 'dispatch')! as AgreementTemplate;
const PURPOSE = 'articles.0.paragraphs.0.text';

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
  for (const persona of ['operator', 'company'] as const) {
    const c = await Client.signedInAs(server.url, persona);
    operator.set(persona, c);
  }
});
afterAll(() => server?.close());

/** The page's HTML without React's text separators, with &quot; etc. decoded enough to read attributes' text. */
const read = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');

/** The text of the error list tied to a form control (ids from app/components/forms.tsx). */
function fieldErrors(html: string, name: string): string {
  const m = new RegExp(`id="field-${name.replace(/\./g, '\\.')}-error"[^>]*>(.*?)</ul>`, 's').exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '') : '';
}

const rows = (kind: AgreementKind = 'dispatch', fy = 2026) => server.db.selectFrom('agreement_templates').selectAll().where('kind', '=', kind).where('fiscal_year', '=', fy).orderBy('version').execute();

function post(values: Record<string, string>, path = PAGE) {
  return op().post(path, values);
}

const form = (t: AgreementTemplate = dispatch, changes: Record<string, string> = {}) => ({ ...formFromTemplate(t), json: templateJson(t), ...changes });

describe('template editor', () => {
  it('lists the shipped templates as 版0「標準」 for each kind and fiscal year, for operators only', async () => {
    const res = await op().get('/admin/templates');
    expect(res.status).toBe(200);
    const html = await read(res);
    expect(html.match(/>版0「標準」<\/td>/g)).toHaveLength(3);
    expect(html).toContain('令和8年度（2026年度）');
    expect(html).toContain('href="/admin/templates/side_job/2026"');
    expect((await operator.get('company')!.get('/admin/templates')).status).toBe(403);
    expect((await operator.get('company')!.post(PAGE, { intent: 'save', baseVersion: '0', note: 'x' })).status).toBe(403);
  });

  it('shows every text as a field, the JSON box and the list of placeholders', async () => {
    const html = await read(await op().get(PAGE));
    expect(html).toContain(`name="${PURPOSE}"`);
    expect(html).toContain('name="articles.10.paragraphs.0.items"');
    expect(html).toContain('上級者向け：JSONで編集');
    expect(html).toContain('差し込みできる項目の一覧');
    expect(html).toContain('data-testid="current-version">版0「標準」');
    expect(html).toContain('この条は、「特記事項」が入力されているときだけ入ります');
  });

  it('previews the edit with a sample draft as the print HTML, without saving', async () => {
    const res = await post(form(dispatch, { intent: 'preview', baseVersion: '0', sample: '1', [PURPOSE]: 'この協定は、{{purpose}}を目的とする（見直し案）。' }));
    expect(res.status).toBe(200);
    const html = await read(res);
    expect(html).toContain('data-testid="preview"');
    expect(html).toContain('プレビュー（見本2：締結日・特記事項なし、成果は甲乙の共有）');
    // the iframe holds the rendered agreement: the sample filled in, the new wording, no placeholder left
    const srcdoc = /srcDoc="([^"]*)"/i.exec(html)?.[1] ?? '';
    expect(srcdoc).toContain('この協定は、観光分野におけるデジタル技術の活用を進め、来訪者の回遊と地域経済の活性化を図ることを目的とする（見直し案）。');
    expect(srcdoc).toContain('函館市');
    expect(srcdoc).not.toContain('{{');
    expect(html).toContain('を目的とする（見直し案）。</textarea>');
    expect(await rows()).toEqual([]);
  });

  it('refuses an unknown placeholder next to its paragraph, keeping every input', async () => {
    const typed = 'この協定は、{{company.fax}}を活かし、{{purpose}}を目的とする。';
    const res = await post(form(dispatch, { intent: 'save', baseVersion: '0', note: '目的の文言を見直し', [PURPOSE]: typed }));
    expect(res.status).toBe(400);
    const html = await read(res);
    expect(fieldErrors(html, PURPOSE)).toContain('第1条（目的）第1項: {{company.fax}}: 「company.fax」は企業派遣型で使える差し込み項目ではありません');
    expect(html).toContain(`${typed}</textarea>`);
    expect(html).toContain('目的の文言を見直し</textarea>');
    expect(html).toContain('aria-invalid="true"');
    expect(await rows()).toEqual([]);
  });

  it('refuses a NUL as an error on its field, keeping every input', async () => {
    const res = await post(form(dispatch, { intent: 'save', baseVersion: '0', note: '目的の文言を見直し', [PURPOSE]: 'この協定は\u0000、{{purpose}}を目的とする。' }));
    expect(res.status).toBe(400);
    const html = await read(res);
    expect(fieldErrors(html, PURPOSE)).toContain('使用できない文字（NUL）が含まれています。');
    expect(html).toContain('目的の文言を見直し</textarea>');
    expect(await rows()).toEqual([]);
  });

  it('requires a note (変更理由) and refuses a save that changes nothing', async () => {
    const typed = 'この協定は、{{purpose}}を目的とする。';
    const res = await post(form(dispatch, { intent: 'save', baseVersion: '0', note: '  ', [PURPOSE]: typed }));
    expect(res.status).toBe(400);
    const html = await read(res);
    expect(fieldErrors(html, 'note')).toContain('変更理由を入力してください');
    expect(html).toContain(`${typed}</textarea>`);
    const same = await post(form(dispatch, { intent: 'save', baseVersion: '0', note: '確認のみ' }));
    expect(same.status).toBe(400);
    expect(await read(same)).toContain('版0から変更がないため、保存しませんでした');
    expect(await rows()).toEqual([]);
  });

  it('saves a new version with the note and who saved it, audits it and lists it as in effect', async () => {
    const res = await post(form(dispatch, { intent: 'save', baseVersion: '0', note: '目的の文言を簡潔にした', [PURPOSE]: 'この協定は、{{purpose}}を目的とする。' }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${PAGE}?done=saved`);
    const saved = await rows();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ version: 1, note: '目的の文言を簡潔にした' });
    expect(saved[0].body).toMatchObject({ id: 'dispatch-fy2026-v1', kind: 'dispatch', fiscalYear: 2026 });
    expect((saved[0].body as AgreementTemplate).articles[0].paragraphs[0].text).toBe('この協定は、{{purpose}}を目的とする。');

    const log = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'agreement_template.save').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ target_type: 'agreement_template', target_id: 'dispatch/2026', actor_email: PERSONA_LOGINS.operator.email });
    expect(log[0].details).toMatchObject({ version: 1, basedOn: 0, note: '目的の文言を簡潔にした', editedAs: 'form' });

    const list = await read(await op().get('/admin/templates'));
    expect(list).toContain('目的の文言を簡潔にした');
    expect(list.match(/>版0「標準」<\/td>/g)).toHaveLength(2);
    expect(list).toContain('>版1</td>');
    const page = await read(await op().get(`${PAGE}?done=saved`));
    expect(page).toContain('data-testid="current-version">版1');
    expect(page).toContain('版0「標準」からの変更');
    const diff = /data-testid="template-diff-1"(.*?)<\/details>/s.exec(page)?.[1] ?? '';
    expect(diff).toContain('第1条（目的）');
    expect(diff).toContain('この協定は、{{purpose}}を目的とする。');
    expect(diff).toContain('この協定は、乙の社員が有する専門的な知識、経験及び人的なつながりを活かし、{{purpose}}を目的とする。');
  });

  it('refuses a save based on an older version and keeps what was typed', async () => {
    const typed = 'この協定は、{{company.name}}の知見により{{purpose}}を目的とする。';
    const res = await post(form(dispatch, { intent: 'save', baseVersion: '0', note: '別の担当者の修正', [PURPOSE]: typed }));
    expect(res.status).toBe(409);
    const html = await read(res);
    expect(html).toContain('保存できませんでした。編集を始めた後に、ほかの人が版1を保存しています');
    expect(html).toContain(`${typed}</textarea>`);
    expect(html).toContain('別の担当者の修正</textarea>');
    expect(html).toContain('編集を始めた後の変更（版1まで）');
    expect(await rows()).toHaveLength(1);
  });

  it('saves a structural change from the JSON box and refuses broken JSON with the text kept', async () => {
    const [v1] = await rows();
    const current = v1.body as AgreementTemplate;
    const changed: AgreementTemplate = {
      ...current,
      articles: [...current.articles.slice(0, 3), { key: 'publicity', heading: '広報', when: 'results.ipOwner=municipality', paragraphs: [{ text: '甲は、起業人の活動を広報することができる。' }] }, ...current.articles.slice(3)],
    };
    const broken = templateJson(changed).replace('"広報"', '"広報",,');
    const bad = await post(form(current, { intent: 'save', baseVersion: '1', note: '広報の条を追加', json: broken }));
    expect(bad.status).toBe(400);
    const badHtml = await read(bad);
    expect(fieldErrors(badHtml, 'json')).toMatch(/JSONとして読み取れません（\d+行目付近）/);
    expect(badHtml).toContain('&quot;広報&quot;,,');

    const unknown = await post(form(current, { intent: 'save', baseVersion: '1', note: '広報の条を追加', json: templateJson({ ...changed, articles: changed.articles.map((a) => (a.key === 'publicity' ? { ...a, when: 'results.owner=municipality' } : a)) }) }));
    expect(unknown.status).toBe(400);
    expect(fieldErrors(await read(unknown), 'json')).toContain('第4条（広報）の条件（when）: 「results.owner」は企業派遣型の項目ではありません');

    const ok = await post(form(current, { intent: 'save', baseVersion: '1', note: '広報の条を追加', json: templateJson(changed) }));
    expect(ok.status).toBe(302);
    const saved = await rows();
    expect(saved.map((r) => r.version)).toEqual([1, 2]);
    expect((saved[1].body as AgreementTemplate).articles[3]).toMatchObject({ key: 'publicity', when: 'results.ipOwner=municipality' });
    const page = await read(await op().get(PAGE));
    expect(page).toContain('name="articles.3.heading"');
    expect(page).toContain('この条は、「成果（知的財産）の帰属」が「甲（自治体）に帰属」のときだけ入ります');
  });

  it('never updates or deletes a saved version', async () => {
    await expect(server.db.updateTable('agreement_templates').set({ note: '書き換え' }).where('version', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(server.db.deleteFrom('agreement_templates').where('version', '=', 1).execute()).rejects.toThrow(/append-only/);
  });

  it('copies the template in effect to the next fiscal year as its version 1, once', async () => {
    const sp = '/admin/templates/senior/2026';
    const html = await read(await op().get(sp));
    expect(html).toContain('value="2027"');
    const wrong = await post({ intent: 'copy', targetFiscalYear: '令和9', copyNote: '' }, sp);
    expect(wrong.status).toBe(400);
    const wrongHtml = await read(wrong);
    expect(fieldErrors(wrongHtml, 'targetFiscalYear')).toContain('西暦4桁');
    expect(wrongHtml).toContain('value="令和9"');

    const res = await post({ intent: 'copy', targetFiscalYear: '2027', copyNote: '令和9年度版を用意' }, sp);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/templates/senior/2027?done=copied');
    const [copy] = await rows('senior', 2027);
    expect(copy).toMatchObject({ version: 1, note: '令和9年度版を用意' });
    expect(copy.body).toMatchObject({ id: 'senior-fy2027-v1', fiscalYear: 2027, title: DEFAULT_TEMPLATES.find((t) => t.kind === 'senior')!.title });
    const page = await read(await op().get('/admin/templates/senior/2027'));
    expect(page).toContain('令和9年度（2027年度）');
    expect(page).toContain('data-testid="current-version">版1');

    const again = await post({ intent: 'copy', targetFiscalYear: '2027', copyNote: 'もう一度' }, sp);
    expect(again.status).toBe(409);
    expect(fieldErrors(await read(again), 'targetFiscalYear')).toContain('令和9年度（2027年度）のひな形はすでにあります');
    expect(await rows('senior', 2027)).toHaveLength(1);
    const log = await server.db.selectFrom('audit_log').select(['target_id', 'details']).where('action', '=', 'agreement_template.copy').execute();
    expect(log).toEqual([{ target_id: 'senior/2027', details: expect.objectContaining({ from: 'senior/2026', fromVersion: 0 }) }]);
  });
});
