import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, type AgreementTemplate } from '../../../app/domain/agreements';
import { formFromTemplate, templateJson } from '../../../app/domain/agreements/template-form';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { containsRawMarkup, HOSTILE_NUMBERS, HOSTILE_TEXT } from '../../helpers/hostile-corpus';
import { Client } from '../accounts/client';
import { counts, expectHandled, startSeededServer, type Server } from '../hostile/harness';

/* The template editor fed the hostile corpus: never a 5xx, refusals in Japanese, nothing written, nothing unescaped. */

let server: Server;
let operator: Client;
const PAGE = '/admin/templates/dispatch/2026';
const PURPOSE = 'articles.0.paragraphs.0.text';
const TABLES = ['agreement_templates', 'audit_log'];
const dispatch = DEFAULT_TEMPLATES.find((t) => t.kind === 'dispatch')! as AgreementTemplate;
const form = (changes: Record<string, string>) => ({ ...formFromTemplate(dispatch), json: templateJson(dispatch), baseVersion: '0', ...changes });

beforeAll(async () => {
  server = await startSeededServer();
  operator = await Client.signedIn(server.url, 'operator@example.jp', DEMO_PASSWORDS.operator);
});
afterAll(() => server?.close());

describe('template editor with hostile input', () => {
  it('answers every hostile text, JSON and number with a page or a Japanese refusal, and writes nothing', async () => {
    const before = await counts(server.db, TABLES);
    for (const h of HOSTILE_TEXT) {
      for (const intent of ['preview', 'save']) {
        // no note: a save must be refused whatever the texts say
        await expectHandled(await operator.post(PAGE, form({ intent, [PURPOSE]: h.value, note: '' })), `${intent} text ${h.name}`, [200, 400]);
        await expectHandled(await operator.post(PAGE, form({ intent, 'articles.2.paragraphs.0.items': h.value, note: '' })), `${intent} items ${h.name}`, [200, 400]);
        await expectHandled(await operator.post(PAGE, form({ intent, json: h.value, note: '' })), `${intent} json ${h.name}`, [200, 400]);
        await expectHandled(await operator.post(PAGE, form({ intent, sample: h.value, note: h.value })), `${intent} sample/note ${h.name}`, [200, 400]);
      }
      await expectHandled(await operator.post(PAGE, { intent: 'copy', targetFiscalYear: h.value, copyNote: h.value }), `copy ${h.name}`, [400]);
      await expectHandled(await operator.post(PAGE, { intent: h.value }), `intent ${h.name}`, [400]);
    }
    for (const n of HOSTILE_NUMBERS) {
      await expectHandled(await operator.post(PAGE, form({ intent: 'save', baseVersion: n.value, note: '理由' })), `baseVersion ${n.name}`, [400, 409]);
      await expectHandled(await operator.post(PAGE, { intent: 'copy', targetFiscalYear: n.value, copyNote: '理由' }), `target ${n.name}`, [400]);
    }
    const jsonTraps = {
      deep: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      nul: templateJson({ ...dispatch, title: 'a\u0000b' }),
      surrogate: templateJson(dispatch).replace('"title": "', '"title": "\\ud800'),
      proto: JSON.stringify({ ...dispatch, __proto__: { admin: true } }).replace('{', '{"__proto__":{"admin":true},'),
      huge: JSON.stringify({ ...dispatch, closing: 'あ'.repeat(400_000) }),
    };
    for (const [name, json] of Object.entries(jsonTraps)) {
      const body = await expectHandled(await operator.post(PAGE, form({ intent: 'save', json, note: '理由' })), `json ${name}`, [400]);
      expect(body, name).toMatch(/JSON|制御文字|壊れた文字|不明な項目|大きすぎ/);
    }
    for (const path of ['/admin/templates/dispatch/99999', '/admin/templates/dispatch/2026%00', '/admin/templates/%3Cscript%3E/2026']) {
      await expectHandled(await operator.get(path), path, [400, 404]);
    }
    expect(await counts(server.db, TABLES)).toEqual(before);
  });

  it('stores markup as text and never renders it unescaped in the preview, the editor or the list', async () => {
    const markup = HOSTILE_TEXT.find((h) => h.name === 'xss-script')!.value;
    const preview = await operator.post(PAGE, form({ intent: 'preview', [PURPOSE]: `${markup}{{purpose}}を目的とする。` }));
    expect(containsRawMarkup(await expectHandled(preview, 'preview', [200]))).toBe(false);
    const saved = await operator.post(PAGE, form({ intent: 'save', [PURPOSE]: `${markup}{{purpose}}を目的とする。`, note: `${markup}理由` }));
    expect(saved.status).toBe(302);
    expect(containsRawMarkup(await expectHandled(await operator.get(PAGE), 'editor', [200]))).toBe(false);
    expect(containsRawMarkup(await expectHandled(await operator.get('/admin/templates'), 'list', [200]))).toBe(false);
  });
});
