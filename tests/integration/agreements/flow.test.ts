import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConcludedAgreements } from '../../../db/queries/agreements';
import { seedSteps } from '../../../db/seed';
import { AGREED_DEMO, seedAgreementDemo } from '../../../db/seed/agreements';
import { formFromDraft } from '../../../app/domain/agreements/form';
import { formatWareki, japanToday } from '../../../app/utils/dates';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * The agreement flow over HTTP on the real server: from the demo application in 合意 between 海士町
 * and みらい地域創生 to 締結済, with the refusals on the way (third parties, stale saves, rule
 * violations, approvals voided by a new version).
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let applicationId: number;
const municipality = () => clients.get('municipalityX')!;
const company = () => clients.get('company')!;
const clients = new Map<string, Client>();

beforeAll(async () => {
  server = await startTestServer();
  for (const step of seedSteps.filter((s) => ['accounts', 'listings', 'agreement-demo'].includes(s.name))) await step.run(server.db);
  const listing = await server.db.selectFrom('listings').select('id').where('title', '=', AGREED_DEMO.opening).executeTakeFirstOrThrow();
  ({ id: applicationId } = await server.db.selectFrom('applications').select('id').where('listing_id', '=', listing.id).executeTakeFirstOrThrow());
  for (const persona of ['municipalityX', 'municipalityY', 'company', 'individual', 'ministry', 'operator'] as const) {
    const c = await Client.signedInAs(server.url, persona);
    clients.set(persona, c);
  }
});
afterAll(() => server?.close());

const page = () => `/applications/${applicationId}/agreement`;
const state = async () => (await server.db.selectFrom('applications').select('state').where('id', '=', applicationId).executeTakeFirstOrThrow()).state;
const draftRow = () => server.db.selectFrom('agreement_drafts').selectAll().where('application_id', '=', applicationId).executeTakeFirstOrThrow();
const versionCount = async () => (await server.db.selectFrom('agreement_versions').select('version').execute()).length;
const approvals = () => server.db.selectFrom('agreement_approvals').select(['version', 'organisation_id']).execute();

async function latestValues(): Promise<Record<string, string>> {
  const d = await draftRow();
  const v = await server.db.selectFrom('agreement_versions').select('draft').where('draft_id', '=', d.id).where('version', '=', d.current_version).executeTakeFirstOrThrow();
  return formFromDraft('dispatch', v.draft);
}

async function save(client: Client, baseVersion: number, changes: Record<string, string>) {
  return client.post(page(), { ...(await latestValues()), ...changes, intent: 'save', baseVersion: String(baseVersion) });
}

/** The text of the error list tied to a form control (ids from app/components/forms.tsx). */
function fieldErrors(html: string, name: string): string {
  const m = new RegExp(`id="field-${name.replace(/\./g, '\\.')}-error"[^>]*>(.*?)</ul>`, 's').exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '') : '';
}

/** The hint tied to a form control. */
function fieldHint(html: string, name: string): string {
  const m = new RegExp(`id="field-${name.replace(/\./g, '\\.')}-description"[^>]*>(.*?)</p>`, 's').exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '') : '';
}

/** The links of the form's error summary (the kit's ErrorSummary), in order. */
function summaryLinks(html: string): string[] {
  const summary = /data-testid="error-summary"[\s\S]*?<ul[^>]*>([\s\S]*?)<\/ul>/.exec(html);
  return summary ? [...summary[1].matchAll(/href="([^"]+)"/g)].map((m) => m[1]) : [];
}

/** The page's HTML without React's text separators (<!-- -->), so sentences read as rendered. */
const read = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');

const COMPLETE = {
  'municipality.address': '島根県隠岐郡海士町大字海士1490番地',
  'municipality.representative.name': '大江 和彦',
  'company.address': '東京都千代田区丸の内一丁目1番1号',
  'company.representative.name': '高橋 美咲',
  'person.name': '山本 翔太',
  'person.position': '地域連携推進室 主任',
  'amounts.contributionMonthly': '450,000',
};

describe('agreement flow', () => {
  it('is private to the two parties: other organisations, the ministry and operators get 403; anonymous visitors log in', async () => {
    for (const persona of ['municipalityY', 'individual', 'ministry', 'operator']) {
      expect((await clients.get(persona)!.get(page())).status, persona).toBe(403);
      expect((await clients.get(persona)!.post(page(), { intent: 'open' })).status, persona).toBe(403);
    }
    const anonymous = await new Client(server.url).get(page());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    expect(await state()).toBe('agreed');
    // The demo step is idempotent.
    expect(await seedAgreementDemo(server.db)).toMatch(/already there/);
    expect(await server.db.selectFrom('applications').select('id').execute()).toHaveLength(1);
  });

  it('opens a pre-filled draft from 合意 and moves the application to 協定/契約準備 in the same step', async () => {
    const before = await municipality().get(page());
    expect(before.status).toBe(200);
    expect(await read(before)).toContain('協定書の作成を始める');
    const res = await municipality().post(page(), { intent: 'open' });
    expect(res.status).toBe(302);
    expect(await state()).toBe('preparing');
    const d = await draftRow();
    expect(d).toMatchObject({ kind: 'dispatch', current_version: 1, concluded_version: null });
    const values = await latestValues();
    expect(values).toMatchObject({ 'municipality.lgCode': '325252', 'municipality.name': '海士町', 'municipality.representative.title': '海士町長', 'company.name': '株式会社みらい地域創生', 'company.hqLgCode': '131016' });
    expect(values.duties).toContain('宿泊事業者への聞き取りと業務の整理');
    // Opening again changes nothing.
    expect((await company().post(page(), { intent: 'open' })).status).toBe(302);
    expect(await versionCount()).toBe(1);
    const events = await server.db.selectFrom('application_events').select('to_state').where('application_id', '=', applicationId).where('to_state', '=', 'preparing').execute();
    expect(events).toHaveLength(1);
  });

  it('shows every missing field next to its control, in Japanese', async () => {
    const html = await read(await company().get(page()));
    expect(fieldErrors(html, 'municipality.address')).toContain('自治体の所在地を入力してください');
    expect(fieldErrors(html, 'person.name')).toContain('派遣される社員の氏名を入力してください');
    expect(html).toMatch(/id="field-municipality\.address"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-municipality\.address"/);
    // The two parties' representatives have the same fields: each message says whose it is.
    expect(fieldErrors(html, 'municipality.representative.name')).toBe('⚠ 甲（自治体）の代表者の氏名を入力してください');
    expect(fieldErrors(html, 'company.representative.name')).toBe('⚠ 乙（法人）の代表者の氏名を入力してください');
    const check = /data-testid="check-problems"(.*?)<\/section>/s.exec(html)?.[1] ?? '';
    expect(check.match(/代表者の氏名を入力してください/g)).toHaveLength(2);
    expect(check).toContain('甲（自治体）の代表者の氏名を入力してください');
  });

  it('saves a complete version, then refuses a save based on the stale version and keeps the input', async () => {
    const res = await save(company(), 1, COMPLETE);
    expect(res.status).toBe(302);
    // Back at the top of the page, where 「保存しました」, the rule check and the 合意 button are: no #form.
    expect(res.headers.get('location')).toBe(`${page()}?done=saved`);
    expect((await draftRow()).current_version).toBe(2);
    const html = await read(await company().get(page()));
    expect(html).toContain('data-testid="check-ok"');
    expect(html).toContain('data-testid="tax-estimate"');

    const mine = '町内の宿泊事業者の予約と会計を一元化し、観光の受入体制を強化すること（町の入力）';
    const typed = await latestValues();
    const stale = await municipality().post(page(), { ...typed, purpose: mine, intent: 'save', baseVersion: '1' });
    expect(stale.status).toBe(409);
    const body = await read(stale);
    expect(body).toContain('保存できませんでした');
    // The refusal is the kit's summary, with what changed since the version the form was based on.
    expect(body).toContain('data-testid="error-summary"');
    expect(body).toContain(mine);
    // Every field comes back as typed, the 自治体コード too (it is not a secret code).
    expect(body).toContain(`value="${typed['municipality.lgCode']}"`);
    expect(body).toContain('name="baseVersion" value="2"');
    expect(body).toContain('派遣される社員の氏名');
    expect((await draftRow()).current_version).toBe(2);
  });

  it('refuses an over-long field without saving and keeps what was typed', async () => {
    const long = 'あ'.repeat(4001);
    const res = await company().post(page(), { ...(await latestValues()), 'handling.housing': long, intent: 'save', baseVersion: '2' });
    expect(res.status).toBe(400);
    const body = await read(res);
    expect(body).toContain('4000文字を超える項目');
    expect(body).toContain(long);
    expect(fieldErrors(body, 'handling.housing')).toContain('4000文字以内');
    // The kit's one summary: the form's message first, then a link to the field that exists on the page.
    expect(summaryLinks(body)).toEqual(['#field-handling.housing']);
    expect(body).toContain('id="field-handling.housing"');
    expect((await draftRow()).current_version).toBe(2);
  });

  it('shows a rule violation next to its field and refuses to agree to that version', async () => {
    // A NUL (which PostgreSQL text cannot hold) is a field error like any other: nothing saved, input kept.
    const nul = await save(municipality(), 2, { 'workPattern.daysOnSitePerMonth': '5', 'handling.travel': '旅費は\u0000甲が負担する。' });
    expect(nul.status).toBe(400);
    const nulHtml = await read(nul);
    expect(fieldErrors(nulHtml, 'handling.travel')).toContain('使用できない文字（NUL）が含まれています。');
    expect(nulHtml).toContain('旅費の取扱い');
    expect(summaryLinks(nulHtml)).toEqual(['#field-handling.travel']);
    expect((await draftRow()).current_version).toBe(2);
    expect((await save(municipality(), 2, { 'workPattern.daysOnSitePerMonth': '5', 'handling.travel': '旅費は甲が負担する。' })).status).toBe(302);
    expect(await latestValues()).toMatchObject({ 'handling.travel': '旅費は甲が負担する。' });
    const html = await read(await municipality().get(page()));
    expect(fieldErrors(html, 'workPattern.daysOnSitePerMonth')).toContain('半分以上');
    expect(html).toContain('data-testid="check-problems"');
    const refused = await municipality().post(page(), { intent: 'approve', version: '3' });
    expect(refused.status).toBe(409);
    expect(await read(refused)).toContain('制度のルールに合わない項目');
    expect(await approvals()).toEqual([]);
  });

  it('clears earlier approvals when a new version is saved', async () => {
    expect((await save(municipality(), 3, { 'workPattern.daysOnSitePerMonth': '12' })).status).toBe(302);
    expect((await municipality().post(page(), { intent: 'approve', version: '4' })).status).toBe(302);
    expect(await approvals()).toHaveLength(1);
    // The document's own date line is filled in: the conclusion later records a different 締結日.
    const res = await save(company(), 4, { 'person.position': '地域連携推進室 課長代理', agreementDate: (await latestValues())['term.start'] });
    expect(res.headers.get('location')).toContain('saved-cleared');
    expect(await approvals()).toEqual([]);
    // Approving a version that is no longer the latest is refused.
    expect((await municipality().post(page(), { intent: 'approve', version: '4' })).status).toBe(409);
  });

  it('lets a party take back its approval before the conclusion; the conclusion then waits until both agree again', async () => {
    expect((await company().post(page(), { intent: 'approve', version: '5' })).status).toBe(302);
    expect((await municipality().post(page(), { intent: 'approve', version: '5' })).status).toBe(302);
    expect(await read(await company().get(page()))).toContain('name="intent" value="withdraw-approval"');

    // Nobody but the two parties may take an approval back.
    expect((await clients.get('municipalityY')!.post(page(), { intent: 'withdraw-approval', version: '5' })).status).toBe(403);
    expect((await clients.get('ministry')!.post(page(), { intent: 'withdraw-approval', version: '5' })).status).toBe(403);
    expect(await approvals()).toHaveLength(2);

    const { id: companyOrg } = await server.db.selectFrom('organisations').select('id').where('name', '=', '株式会社みらい地域創生').executeTakeFirstOrThrow();
    const res = await company().post(page(), { intent: 'withdraw-approval', version: '5' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('done=approval-withdrawn');
    const left = await approvals();
    expect(left).toHaveLength(1);
    expect(left[0].organisation_id).not.toBe(companyOrg);
    const html = await read(await company().get(res.headers.get('location')!));
    expect(html).toContain('合意を取り消しました');
    expect(html).not.toContain('name="intent" value="withdraw-approval"');
    expect(html).not.toContain('name="intent" value="conclude"');

    const refused = await municipality().post(page(), { intent: 'conclude', version: '5', concludedOn: japanToday() });
    expect(refused.status).toBe(409);
    expect(await read(refused)).toContain('双方が最新の版に合意してから');
    expect((await draftRow()).concluded_version).toBeNull();
    expect(await state()).toBe('preparing');

    // Taking back what is not there is refused in Japanese.
    const again = await company().post(page(), { intent: 'withdraw-approval', version: '5' });
    expect(again.status).toBe(409);
    expect(await read(again)).toContain('まだ合意していない');

    const audited = await server.db
      .selectFrom('audit_log')
      .select(['actor_organisation_id', 'details'])
      .where('action', '=', 'agreement.approval_withdrawn')
      .where('target_id', '=', String(applicationId))
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_organisation_id: companyOrg, details: { version: 5 } });
    const notified = await server.db.selectFrom('notifications').select('title').where('application_id', '=', applicationId).where('title', 'like', '%合意が取り消されました').execute();
    expect(notified.length).toBeGreaterThan(0);

    // The municipality takes its approval back too, so the conclusion starts from nobody's approval.
    expect((await municipality().post(page(), { intent: 'withdraw-approval', version: '5' })).status).toBe(302);
    expect(await approvals()).toEqual([]);
  });

  it('records the conclusion once both agreed to the latest version and moves the application to 締結済', async () => {
    expect((await company().post(page(), { intent: 'approve', version: '5' })).status).toBe(302);
    const early = await company().post(page(), { intent: 'conclude', version: '5', concludedOn: japanToday() });
    expect(early.status).toBe(409);
    expect(await read(early)).toContain('双方が最新の版に合意してから');
    expect((await municipality().post(page(), { intent: 'approve', version: '5' })).status).toBe(302);

    const future = await municipality().post(page(), { intent: 'conclude', version: '5', concludedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    const futureHtml = await read(future);
    expect(futureHtml).toContain('未来の日付');
    expect(futureHtml).toContain('value="2999-01-01"');
    expect(summaryLinks(futureHtml)).toEqual(['#field-concludedOn']);
    expect(futureHtml).toContain('id="field-concludedOn"');

    // Not before the day both agreed to the version (today): 1900-01-01 and yesterday are refused next to the field.
    const yesterday = new Date(Date.parse(`${japanToday()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const before of ['1900-01-01', yesterday]) {
      const past = await municipality().post(page(), { intent: 'conclude', version: '5', concludedOn: before });
      expect(past.status, before).toBe(400);
      const pastHtml = await read(past);
      expect(pastHtml, before).toContain('双方がこの版に合意した日');
      expect(pastHtml, before).toContain(`value="${before}"`);
      expect((await draftRow()).concluded_version).toBeNull();
    }

    const today = japanToday();
    const dateLine = (await latestValues()).agreementDate;
    expect(dateLine).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dateLine).not.toBe(today);
    expect(fieldHint(futureHtml, 'concludedOn')).toBe(`文書の日付欄は${formatWareki(dateLine)}です。署名・押印した日と同じか確かめてください。`);
    expect((await municipality().post(page(), { intent: 'conclude', version: '5', concludedOn: today })).status).toBe(302);
    expect(await state()).toBe('concluded');
    expect(await draftRow()).toMatchObject({ concluded_version: 5, pref_code: '32', lg_code: '325252' });
    const concluded = await findConcludedAgreements(server.db);
    expect(concluded).toHaveLength(1);
    expect(concluded[0]).toMatchObject({ kind: 'dispatch', concluded_on: today, pref_code: '32' });
    expect(concluded[0].categories).toContain('dx');

    const locked = await save(company(), 5, { 'person.position': '課長' });
    expect(locked.status).toBe(409);
    const html = await read(await company().get(page()));
    expect(html).toContain('data-testid="concluded"');
    expect(html).toContain(`締結日：${formatWareki(today)}`);
    expect(html).not.toContain('双方が合意できる状態です');
    expect(html).toContain(`文書の日付欄（${formatWareki(dateLine)}）と記録した締結日（${formatWareki(today)}）が異なります。`);
    expect(html).not.toContain('name="intent" value="save"');

    const actions = (await server.db.selectFrom('audit_log').select('action').where('target_type', '=', 'application').where('target_id', '=', String(applicationId)).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['agreement.open', 'agreement.save', 'agreement.approve', 'agreement.conclude', 'application.state']));
  });

  it('refuses to take back an approval after the conclusion and changes nothing', async () => {
    const before = { approvals: await approvals(), draft: await draftRow(), state: await state() };
    const withdrawn = () => server.db.selectFrom('audit_log').select('id').where('action', '=', 'agreement.approval_withdrawn').execute();
    const auditedBefore = (await withdrawn()).length;
    const res = await company().post(page(), { intent: 'withdraw-approval', version: '5' });
    expect(res.status).toBe(409);
    expect(await read(res)).toContain('締結が記録された後は、合意を取り消せません。');
    expect(await approvals()).toEqual(before.approvals);
    expect(before.approvals).toHaveLength(2);
    expect(await draftRow()).toEqual(before.draft);
    expect(await state()).toBe('concluded');
    expect((await withdrawn()).length).toBe(auditedBefore);
    expect(await read(await company().get(page()))).not.toContain('name="intent" value="withdraw-approval"');
    expect((await clients.get('municipalityY')!.post(page(), { intent: 'withdraw-approval', version: '5' })).status).toBe(403);
  });

  it('streams the concluded version as .docx, PDF and HTML to the parties only, each stamped with its version and hash', async () => {
    const { document_sha256 } = await server.db.selectFrom('agreement_versions').select('document_sha256').where('version', '=', 5).executeTakeFirstOrThrow();
    const base = `/applications/${applicationId}/agreement/versions/5/download`;
    const docx = await company().get(`${base}?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename=agreement-dispatch-v5\.docx; filename\*=UTF-8''/);
    expect(docx.headers.get('x-content-sha256')).toBe(document_sha256);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const pdf = await municipality().get(`${base}?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const printable = await municipality().get(`${base}?format=html`);
    expect(await printable.text()).toContain('山本 翔太');
    expect((await municipality().get(`${base}?format=xlsx`)).status).toBe(400);
    expect((await clients.get('municipalityY')!.get(`${base}?format=docx`)).status).toBe(403);
    expect((await clients.get('ministry')!.get(`${base}?format=pdf`)).status).toBe(403);

    // A saved version never changes, whoever asks.
    await expect(server.db.updateTable('agreement_versions').set({ valid: false }).where('version', '=', 5).execute()).rejects.toThrow(/immutable/);

    const versionPage = await read(await municipality().get(`/applications/${applicationId}/agreement/versions/5`));
    expect(versionPage).toContain('版4からの変更');
    expect(versionPage).toContain('地域連携推進室 課長代理');
  });
});
