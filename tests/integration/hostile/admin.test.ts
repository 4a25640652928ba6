import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { containsRawMarkup, HOSTILE_NUMBERS, HOSTILE_TEXT } from '../../helpers/hostile-corpus';
import { Client } from '../accounts/client';
import { counts, expectHandled, startSeededServer, type Server } from './harness';

/* The operator forms for synonyms and user suspension fed the hostile corpus: never a 5xx, refusals in Japanese, markup never unescaped. */

/** A path segment or query value even for a lone surrogate (which encodeURIComponent refuses). */
const enc = (v: string) => encodeURIComponent(v.replace(/[\ud800-\udfff]/gu, '\ufffd'));

let server: Server;
let operator: Client;

beforeAll(async () => {
  server = await startSeededServer();
  operator = await Client.signedIn(server.url, 'operator@example.jp', DEMO_PASSWORDS.operator);
});
afterAll(() => server?.close());

describe('operator forms with hostile input', () => {
  it('synonyms: every hostile term list, note, search and id is answered, and what is stored is shown escaped', async () => {
    for (const h of HOSTILE_TEXT) {
      const added = await operator.post('/admin/synonyms', { terms: h.value, note: h.value });
      await expectHandled(added, `add ${h.name}`, [302, 400, 409]);
      // a single hostile value next to an ordinary word makes a group if it is a valid term
      await expectHandled(await operator.post('/admin/synonyms', { terms: `${h.value}\n敵対的入力${h.name}`, note: h.value }), `add pair ${h.name}`, [302, 400, 409]);
      const list = await expectHandled(await operator.get(`/admin/synonyms?q=${enc(h.value)}`), `search ${h.name}`, [200, 400]);
      expect(containsRawMarkup(list), `search ${h.name}`).toBe(false);
      await expectHandled(await operator.get(`/admin/synonyms/${enc(h.value)}`), `id ${h.name}`, [400, 404]);
      await expectHandled(await operator.post(`/admin/synonyms/${enc(h.value)}/delete`, { updatedAt: h.value }), `delete ${h.name}`, [400, 404]);
    }
    for (const n of HOSTILE_NUMBERS) await expectHandled(await operator.get(`/admin/synonyms/${enc(n.value)}`), `id ${n.name}`, [200, 404]);
    expect(containsRawMarkup(await expectHandled(await operator.get('/admin/synonyms'), 'list', [200]))).toBe(false);
  });

  it('users: hostile searches, pages, ids, intents and reasons change nobody', async () => {
    const before = await counts(server.db, ['sessions']);
    const disabledBefore = await server.db.selectFrom('users').select('id').where('disabled_at', 'is not', null).execute();
    for (const h of HOSTILE_TEXT) {
      const list = await expectHandled(await operator.get(`/admin/users?q=${enc(h.value)}&page=${enc(h.value)}`), `search ${h.name}`, [200, 400]);
      expect(containsRawMarkup(list), `search ${h.name}`).toBe(false);
      await expectHandled(await operator.post('/admin/users', { userId: h.value, intent: 'suspend', reason: h.value }), `suspend ${h.name}`, [400, 404, 409]);
      await expectHandled(await operator.post('/admin/users', { userId: h.value, intent: h.value, reason: '理由' }), `intent ${h.name}`, [400, 404]);
    }
    for (const n of HOSTILE_NUMBERS) await expectHandled(await operator.get(`/admin/users?page=${enc(n.value)}`), `page ${n.name}`, [200, 400]);
    expect(await server.db.selectFrom('users').select('id').where('disabled_at', 'is not', null).execute()).toEqual(disabledBefore);
    expect((await counts(server.db, ['sessions'])).sessions).toBeGreaterThanOrEqual(before.sessions);
  });
});
