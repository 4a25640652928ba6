import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../../db/client';
import { migrateToLatest } from '../../../db/migrate';
import { seedDemo } from '../../../db/seed';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { Client } from '../accounts/client';
import { ask, client as socketClient, connected, type Client as Socket } from '../chat/helpers';
import { startOn } from '../chat/helpers';
import { Cluster, canRunClusters } from './cluster';

/*
 * PostgreSQL goes away in the middle of a chat and a listing edit, on a cluster of our own
 * (never the shared server). The app must say so, recover by itself, and lose or duplicate nothing.
 */

describe.skipIf(!canRunClusters)('PostgreSQL restarts during a chat and a listing edit', () => {
  let cluster: Cluster;
  let handle: DbHandle;
  let server: Awaited<ReturnType<typeof startOn>>;
  let company: Client;
  let municipality: Client;
  let listingId: number;
  let applicationId: number;
  let conversationId: number;
  let socket: Socket;

  const readyz = async () => (await fetch(`${server.url}/readyz`)).status;
  const waitReady = () => expect.poll(readyz, { timeout: 30_000, interval: 250 }).toBe(200);

  beforeAll(async () => {
    cluster = await Cluster.create('km_faults_db');
    handle = await createDb({ databaseUrl: cluster.url, poolSize: 5 });
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    server = await startOn(handle);
    company = new Client(server.url);
    await company.login('company@example.jp', DEMO_PASSWORDS.company);
    municipality = new Client(server.url);
    await municipality.login('municipality@example.jp', DEMO_PASSWORDS.municipality);
    const amacho = await handle.db.selectFrom('organisations').select('id').where('slug', '=', 'amacho').executeTakeFirstOrThrow();
    const mirai = await handle.db.selectFrom('organisations').select('id').where('slug', '=', 'mirai-chiiki').executeTakeFirstOrThrow();
    const taken = handle.db.selectFrom('applications').select('listing_id').where('applicant_organisation_id', '=', mirai.id);
    const listing = await handle.db
      .selectFrom('listings')
      .select('id')
      .where('organisation_id', '=', amacho.id)
      .where('kind', '=', 'opening')
      .where('status', '=', 'published')
      .where('id', 'not in', taken)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    listingId = listing.id;
    const applied = await company.post(`/openings/${listingId}/apply`, { programType: 'dispatch', message: '障害試験の応募です。' });
    expect(applied.status).toBe(302);
    applicationId = Number(/\/applications\/(\d+)/.exec(applied.headers.get('location') ?? '')![1]);
    conversationId = (await handle.db.selectFrom('conversations').select('id').where('application_id', '=', applicationId).executeTakeFirstOrThrow()).id;
    socket = socketClient(server.url, company.cookie, {}, true);
    await connected(socket);
    const joined = await ask(socket, 'conversation:join', { conversationId, afterSeq: 0 });
    expect(joined.ok).toBe(true);
  }, 180_000);

  afterAll(async () => {
    socket?.close();
    await server?.close();
    // socket.io's postgres adapter keeps its LISTEN client checked out, so pool.end() would wait
    // for it forever: drop the cluster first, which ends every connection.
    cluster?.drop();
    await Promise.race([handle?.close(), new Promise((r) => setTimeout(r, 5000))]);
  });

  it('reports the outage (503 from /readyz, a Japanese error page), then recovers by itself', async () => {
    expect(await readyz()).toBe(200);
    cluster.ctl('stop');
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
      const page = await fetch(`${server.url}/openings/${listingId}`);
      expect(page.status).toBeGreaterThanOrEqual(500);
      expect(await page.text()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    } finally {
      cluster.ctl('start');
    }
    await waitReady();
    expect((await fetch(`${server.url}/openings/${listingId}`)).status).toBe(200);
  });

  it('a listing edit during the outage fails cleanly; resent afterwards it is saved exactly once', async () => {
    const before = await handle.db.selectFrom('listings').select(['title', 'revision']).where('id', '=', listingId).executeTakeFirstOrThrow();
    const edit = async (title: string) => {
      const form = await municipality.get(`/openings/${listingId}/edit`);
      expect(form.status).toBe(200);
      const row = await handle.db.selectFrom('listings').selectAll().where('id', '=', listingId).executeTakeFirstOrThrow();
      return {
        title,
        summary: row.summary, body: row.body, duties: row.duties ?? '', skills: row.skills, conditions: row.conditions ?? '',
        categories: row.categories[0]!, types: row.types[0]!, termMinMonths: String(row.term_min_months), termMaxMonths: String(row.term_max_months),
        startFrom: new Date(row.start_from as unknown as string).toISOString().slice(0, 10),
        deadline: row.deadline ? new Date(row.deadline as unknown as string).toISOString().slice(0, 10) : new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        contactName: row.contact_name, contactEmail: row.contact_email, contactPhone: row.contact_phone ?? '',
      } as Record<string, string>;
    };
    const form = await edit('障害中に編集した募集タイトル');
    cluster.ctl('stop');
    try {
      const res = await municipality.post(`/openings/${listingId}/edit`, form);
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(await res.text()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    } finally {
      cluster.ctl('start');
    }
    await waitReady();
    const unchanged = await handle.db.selectFrom('listings').select(['title', 'revision']).where('id', '=', listingId).executeTakeFirstOrThrow();
    expect(unchanged).toEqual(before);
    const res = await municipality.post(`/openings/${listingId}/edit`, form);
    expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(302);
    const after = await handle.db.selectFrom('listings').select(['title', 'revision']).where('id', '=', listingId).executeTakeFirstOrThrow();
    expect(after).toEqual({ title: '障害中に編集した募集タイトル', revision: before.revision + 1 });
    const revisions = await handle.db.selectFrom('listing_revisions').select('revision').where('listing_id', '=', listingId).where('revision', '=', after.revision).execute();
    expect(revisions).toHaveLength(1);
  });

  it('a chat message sent during the outage is refused, resent with the same key it is stored once', async () => {
    const key = `fault-${Date.now()}-key`;
    await ask(socket, 'message:send', { conversationId, clientKey: 'before-outage-0001', body: '停止前のメッセージ' });
    cluster.ctl('restart');
    // The restart closed every pooled connection: the first send may fail, and must say so.
    const during = await ask(socket, 'message:send', { conversationId, clientKey: key, body: '再起動直後のメッセージ' });
    await waitReady();
    let ack = during;
    for (let i = 0; i < 20 && !ack.ok; i++) ack = await ask(socket, 'message:send', { conversationId, clientKey: key, body: '再起動直後のメッセージ' });
    expect(ack.ok).toBe(true);
    const again = await ask(socket, 'message:send', { conversationId, clientKey: key, body: '再起動直後のメッセージ' });
    expect(again.ok).toBe(true);
    const rows = await handle.db.selectFrom('messages').select(['seq', 'client_key']).where('conversation_id', '=', conversationId).orderBy('seq').execute();
    expect(rows.filter((r) => r.client_key === key)).toHaveLength(1);
    expect(rows.filter((r) => r.client_key === 'before-outage-0001')).toHaveLength(1);
    // seq stays gapless across the outage (the catch-up cursor relies on it).
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));

    cluster.ctl('stop');
    try {
      const down = await ask(socket, 'message:send', { conversationId, clientKey: `${key}-2`, body: '停止中のメッセージ' });
      expect(down.ok).toBe(false);
      expect(JSON.stringify(down)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    } finally {
      cluster.ctl('start');
    }
    await waitReady();
    const resent = await ask(socket, 'message:send', { conversationId, clientKey: `${key}-2`, body: '停止中のメッセージ' });
    expect(resent.ok).toBe(true);
    expect(await handle.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).where('client_key', '=', `${key}-2`).execute()).toHaveLength(1);
  });
});
