import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSteps } from '../../../db/seed';
import { AGREED_DEMO } from '../../../db/seed/agreements';
import { contentSha256 } from '../../../app/documents/stamp.server';
import { buildAgreement, DEFAULT_TEMPLATES, parseAgreementDraft, type AgreementTemplate } from '../../../app/domain/agreements';
import { formFromDraft } from '../../../app/domain/agreements/form';
import { formFromTemplate, templateJson } from '../../../app/domain/agreements/template-form';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * Agreements use the templates in effect when a version is saved, and keep them: after an operator
 * edits the template, an earlier version exports the same text and hash, and the next save shows the
 * new wording (with the article comparison on its version page).
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let applicationId: number;
const clients = new Map<string, Client>();
const c = (persona: 'municipalityX' | 'company' | 'operator') => clients.get(persona)!;
const dispatch = DEFAULT_TEMPLATES.find((t) => t.kind === 'dispatch')! as AgreementTemplate;
const OLD_PURPOSE = 'この協定は、乙の社員が有する専門的な知識、経験及び人的なつながりを活かし、';
const NEW_PURPOSE = 'この協定は、地域の課題の解決に向けて、{{purpose}}を目的とする（令和8年度改訂）。';

beforeAll(async () => {
  server = await startTestServer();
  for (const step of seedSteps.filter((s) => ['accounts', 'listings', 'agreement-demo'].includes(s.name))) await step.run(server.db);
  const listing = await server.db.selectFrom('listings').select('id').where('title', '=', AGREED_DEMO.opening).executeTakeFirstOrThrow();
  ({ id: applicationId } = await server.db.selectFrom('applications').select('id').where('listing_id', '=', listing.id).executeTakeFirstOrThrow());
  for (const persona of ['municipalityX', 'company', 'operator'] as const) {
    const client = await Client.signedInAs(server.url, persona);
    clients.set(persona, client);
  }
});
afterAll(() => server?.close());

const page = () => `/applications/${applicationId}/agreement`;
const read = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const draftRow = () => server.db.selectFrom('agreement_drafts').selectAll().where('application_id', '=', applicationId).executeTakeFirstOrThrow();
const versionRow = async (v: number) => {
  const d = await draftRow();
  return server.db.selectFrom('agreement_versions').selectAll().where('draft_id', '=', d.id).where('version', '=', v).executeTakeFirstOrThrow();
};

async function save(client: Client, baseVersion: number, changes: Record<string, string> = {}) {
  const latest = await versionRow((await draftRow()).current_version);
  return client.post(page(), { ...formFromDraft('dispatch', latest.draft), ...changes, intent: 'save', baseVersion: String(baseVersion) });
}

async function exportHtml(version: number) {
  const res = await c('company').get(`${page()}/versions/${version}/download?format=html`);
  expect(res.status).toBe(200);
  return { sha: res.headers.get('x-content-sha256'), body: await res.text() };
}

const COMPLETE = {
  'municipality.address': '島根県隠岐郡海士町大字海士1490番地',
  'municipality.representative.name': '大江 和彦',
  'company.address': '東京都千代田区丸の内一丁目1番1号',
  'company.representative.name': '高橋 美咲',
  'person.name': '山本 翔太',
  'person.position': '地域連携推進室 主任',
  'amounts.contributionMonthly': '450,000',
};

describe('agreements and edited templates', () => {
  let before: { sha: string | null; body: string };

  it('pins the template in effect (the shipped one, 版0) to each saved version', async () => {
    expect((await c('municipalityX').post(page(), { intent: 'open' })).status).toBe(302);
    expect((await save(c('company'), 1, COMPLETE)).status).toBe(302);
    const v2 = await versionRow(2);
    expect(v2.valid).toBe(true);
    expect(v2.template_version).toBe(0);
    expect(v2.template).toMatchObject({ id: 'dispatch-fy2026', title: dispatch.title });
    before = await exportHtml(2);
    expect(before.sha).toBe(v2.document_sha256);
    expect(before.body).toContain(OLD_PURPOSE);
    expect(await read(await c('company').get(`${page()}/versions/2`))).toContain('使用したひな形：令和8年度（2026年度）版0「標準」');
  });

  it('keeps rendering an earlier version with its pinned text after an operator edits the template', async () => {
    const edit = await c('operator').post('/admin/templates/dispatch/2026', {
      ...formFromTemplate(dispatch),
      json: templateJson(dispatch),
      'articles.0.paragraphs.0.text': NEW_PURPOSE,
      note: '目的の条を改訂',
      intent: 'save',
      baseVersion: '0',
    });
    expect(edit.status).toBe(302);

    const after = await exportHtml(2);
    expect(after.sha).toBe(before.sha);
    expect(after.body).toBe(before.body);
    expect(after.body).not.toContain('令和8年度改訂');
    const docx = await c('municipalityX').get(`${page()}/versions/2/download?format=docx`);
    expect(docx.headers.get('x-content-sha256')).toBe(before.sha);

    const html = await read(await c('municipalityX').get(page()));
    expect(html).toContain('data-testid="template-updated"');
    expect(html).toContain('ひな形が更新されました');
  });

  it('uses the edited template for the next save, even with the same data, and shows which articles changed', async () => {
    const res = await save(c('company'), 2);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('done=saved');
    const v3 = await versionRow(3);
    expect(v3.template_version).toBe(1);
    expect(v3.template).toMatchObject({ id: 'dispatch-fy2026-v1' });
    expect(v3.draft_sha256).toBe((await versionRow(2)).draft_sha256);

    const now = await exportHtml(3);
    expect(now.sha).toBe(v3.document_sha256);
    expect(now.sha).not.toBe(before.sha);
    expect(now.body).toContain('を目的とする（令和8年度改訂）。');
    expect(now.body).not.toContain(OLD_PURPOSE);

    const versionPage = await read(await c('municipalityX').get(`${page()}/versions/3`));
    expect(versionPage).toContain('条文の変更（版2 → 版3）');
    expect(versionPage).toContain('使用したひな形：令和8年度（2026年度）版1');
    const block = (/data-testid="text-changes"(.*?)<\/section>/s.exec(versionPage)?.[1] ?? '').replace(/<[^>]+>/g, '');
    expect(versionPage.match(/data-testid="text-change"/g)).toHaveLength(1);
    expect(block).toContain('変更第1条（目的）');
    expect(block).toContain(`削除・変更前の文${OLD_PURPOSE}`);
    expect(block).toMatch(/追加・変更後の文この協定は、地域の課題の解決に向けて、.*を目的とする（令和8年度改訂）。/);
    // the form fields did not change
    expect(versionPage).toContain('変更された項目はありません');

    const html = await read(await c('company').get(page()));
    expect(html).not.toContain('data-testid="template-updated"');
    // Saving the same data under the same template makes no new version.
    const again = await save(c('company'), 3);
    expect(again.headers.get('location')).toContain('done=unchanged');
    expect((await draftRow()).current_version).toBe(3);
  });

  it('renders a version saved before templates were pinned with the shipped template', async () => {
    const d = await draftRow();
    const v3 = await versionRow(3);
    // A row as the agreements feature wrote it before this migration: no template column set.
    await server.db
      .insertInto('agreement_versions')
      .values({ draft_id: d.id, version: 4, draft: JSON.stringify({ ...v3.draft, version: 4 }), valid: true, check_ok: v3.check_ok, draft_sha256: v3.draft_sha256, document_sha256: null, created_by_user_id: null, created_by_organisation_id: v3.created_by_organisation_id })
      .execute();
    await server.db.updateTable('agreement_drafts').set({ current_version: 4 }).where('id', '=', d.id).execute();
    const parsed = parseAgreementDraft({ ...v3.draft, version: 4 });
    if (!parsed.ok) throw new Error('invalid draft');
    const legacy = await exportHtml(4);
    expect(legacy.sha).toBe(contentSha256(buildAgreement(parsed.draft, DEFAULT_TEMPLATES)));
    expect(legacy.body).toContain(OLD_PURPOSE);
  });
});
