import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/server/config';
import { applyToListing, changeApplicationState } from '../../../app/services/applications.server';
import { markRead, postMessage } from '../../../app/services/chat.server';
import { listMail } from '../../../app/services/mail.server';
import { drainOutbox, getPreferences, queueMessageDigests, savePreferences } from '../../../app/services/notifications.server';
import { createTestDb } from '../../helpers/test-db';
import { addMember, scenario } from './fixtures';
import { createChatLimiters } from '../../../app/services/rate-limit.server';

/** the limits a server process would apply to these direct posts */
const limits = createChatLimiters();

let handle: Awaited<ReturnType<typeof createTestDb>>;
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-notify-')), SESSION_SECRET: 'n'.repeat(40), LOG_LEVEL: 'silent' });
let s: Awaited<ReturnType<typeof scenario>>;
let conversationId: number;
let applicationId: number;
const opts = { ip: '127.0.0.1', publicUrl: config.publicUrl };
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

beforeAll(async () => {
  handle = await createTestDb();
  s = await scenario({ db: handle.db, config });
  const app = await applyToListing(handle.db, s.company.user, 'opening', s.opening, { programType: 'dispatch', message: '応募します', proposal: '', asInquiry: false }, opts);
  conversationId = app.conversationId;
  applicationId = app.id;
});
afterAll(() => handle?.close());

const outbox = () => handle.db.selectFrom('notification_outbox').selectAll().orderBy('id').execute();

describe('unread-message digest', () => {
  it('mails each member once per batch of unread messages after the delay, not per message, and not what they have read', async () => {
    const colleague = await addMember({ db: handle.db, config }, s.municipality.organisationId, '海士町の同僚');
    await markRead(handle.db, colleague.user, conversationId, 100); // the colleague has read the application itself
    for (let i = 0; i < 3; i++) await postMessage(handle.db, s.company.user, { conversationId, clientKey: `digest-${i}-xxxx`, body: `追伸 ${i}` }, { limits });
    await markRead(handle.db, colleague.user, conversationId, 100); // …and the follow-ups

    expect(await queueMessageDigests(handle.db, config, new Date())).toBe(0); // too early
    expect(await queueMessageDigests(handle.db, config, minutes(20))).toBe(1); // the municipality's user only
    const rows = (await outbox()).filter((r) => r.kind === 'message');
    expect(rows).toHaveLength(1);
    expect(rows[0].to_email).toBe(s.municipality.user.email);
    expect(rows[0].subject).toContain('未読のメッセージが4件');
    expect(rows[0].body).toContain(`/applications/${applicationId}`);
    // the same messages are never mailed twice
    expect(await queueMessageDigests(handle.db, config, minutes(40))).toBe(0);

    const { sent } = await drainOutbox(handle.db, config, minutes(20));
    expect(sent).toBeGreaterThanOrEqual(1);
    const mails = await listMail(config);
    expect(mails.some((m) => m.to === s.municipality.user.email && m.subject.includes('未読のメッセージ'))).toBe(true);
  });

  it('respects a user who turned the e-mail off', async () => {
    const prefs = await getPreferences(handle.db, s.company.user);
    await savePreferences(handle.db, s.company.user, { ...prefs, message: { inApp: false, email: false } });
    await postMessage(handle.db, s.municipality.user, { conversationId, clientKey: 'reply-0001-xxxx', body: 'ご応募ありがとうございます' }, { limits });
    expect(await queueMessageDigests(handle.db, config, minutes(20))).toBe(0);
  });
});

describe('outbox', () => {
  it('retries a failing mail with back-off and gives up after the last attempt', async () => {
    await changeApplicationState(handle.db, s.municipality.user, applicationId, 'in_dialogue', opts);
    const pending = (await outbox()).filter((r) => r.status === 'pending' && r.kind === 'state_change');
    expect(pending.map((r) => r.to_email)).toEqual([s.company.user.email]);
    let now = new Date();
    const failing = async () => {
      throw new Error('SMTP 451 try again later');
    };
    for (let attempt = 1; attempt <= 6; attempt++) {
      const r = await drainOutbox(handle.db, config, now, failing);
      expect(r.failed).toBe(1);
      const row = (await outbox()).find((x) => x.id === pending[0].id)!;
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < 6 ? 'pending' : 'failed');
      expect(row.last_error).toContain('451');
      // not due again before its back-off
      expect((await drainOutbox(handle.db, config, now, failing)).failed).toBe(0);
      now = new Date(new Date(row.next_attempt_at).getTime() + 1000);
    }
    expect((await drainOutbox(handle.db, config, minutes(24 * 60), failing)).failed).toBe(0);
  });

  it('sends a due mail once even when two workers drain at the same time', async () => {
    await changeApplicationState(handle.db, s.municipality.user, applicationId, 'interview', opts);
    const sentTo: string[] = [];
    const send = async (m: { to: string }) => {
      sentTo.push(m.to);
    };
    await Promise.all([drainOutbox(handle.db, config, minutes(1), send), drainOutbox(handle.db, config, minutes(1), send)]);
    expect(sentTo.filter((t) => t === s.company.user.email)).toHaveLength(1);
  });
});
