import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/server/config';
import { ALL_JOBS, startJobs, type JobServices } from '../../../app/server/jobs';
import { createDb } from '../../../db/client';
import { createSearch } from '../../../search/create-search';
import { createTestDb } from '../../helpers/test-db';
import { makeParty, type Party } from '../applications/fixtures';

/*
 * The background jobs of app/server/jobs.ts against a real database: each one runs, the retention
 * job deletes what is past keeping (and nothing else) in one sweep, the timers run the jobs and stop
 * cleanly, and on PostgreSQL a job another process is running is skipped, not run twice.
 */

let handle: Awaited<ReturnType<typeof createTestDb>>;
let services: JobServices;
let party: Party;
const warnings: string[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  handle = await createTestDb();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-jobs-')), SESSION_SECRET: 'j'.repeat(40), LOG_LEVEL: 'silent' });
  const log = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line && JSON.parse(line).level >= 40) warnings.push(line);
      done();
    },
  });
  services = { db: handle.db, driver: handle.driver, config, logger: pino({ level: 'info' }, log), search: createSearch({ db: handle.db, config: {} }) };
  party = await makeParty(services, { kind: 'operator', name: '運営事務局' });
});
afterAll(() => handle?.close());
beforeEach(() => {
  warnings.length = 0;
});

const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

async function sessionsOf(userId: string) {
  return (await handle.db.selectFrom('sessions').select('id').where('user_id', '=', userId).orderBy('id').execute()).map((r) => r.id);
}

async function addSession(id: string, expires: Date) {
  await handle.db.insertInto('sessions').values({ id, user_id: party.user.id, expires_at: expires, ip: '', user_agent: '', mfa_pending: false }).execute();
}

describe('background jobs', () => {
  it('each job runs without failing', async () => {
    const jobs = startJobs(services, { timers: false });
    for (const name of ALL_JOBS) expect(await jobs.runOnce(name)).toBe(true);
    await jobs.stop();
    expect(warnings).toEqual([]);
  });

  it('one retention sweep deletes what is past keeping and keeps the rest', async () => {
    const { db } = handle;
    await addSession('expired-session', ago(1000));
    await db.insertInto('rate_limits').values([
      { key: 'login:ended', points: 3, expire: ago(1000).getTime() },
      { key: 'login:open', points: 1, expire: ahead(60_000).getTime() },
    ]).execute();
    const mail = (dedupe: string, status: 'pending' | 'sent' | 'failed', at: Date) =>
      ({ user_id: party.user.id, kind: 'message', to_email: 'a@example.jp', subject: 's', body: 'b', dedupe_key: dedupe, status, sent_at: status === 'sent' ? at : null, next_attempt_at: at, created_at: at });
    await db.insertInto('notification_outbox').values([
      mail('sent-old', 'sent', ago(31 * DAY)),
      mail('sent-new', 'sent', ago(29 * DAY)),
      mail('failed-old', 'failed', ago(91 * DAY)),
      mail('failed-new', 'failed', ago(31 * DAY)),
      mail('pending-old', 'pending', ago(100 * DAY)),
    ]).execute();
    const token = (hash: string, expires: Date) => ({ purpose: 'password_reset' as const, token_hash: hash, user_id: party.user.id, organisation_id: null, email: 'a@example.jp', created_by: null, expires_at: expires });
    await db.insertInto('auth_tokens').values([token('token-old', ago(31 * DAY)), token('token-recent', ago(DAY))]).execute();
    await db.insertInto('form_submissions').values({ id: 'answer-old', status: 303, location: '/', created_at: sql<Date>`now() - interval '25 hours'` }).execute();

    const jobs = startJobs(services, { timers: false });
    expect(await jobs.runOnce('retention')).toBe(true);
    await jobs.stop();

    expect(await sessionsOf(party.user.id)).toHaveLength(1); // the fixture's live session only
    expect((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['login:open']);
    expect((await db.selectFrom('notification_outbox').select('dedupe_key').orderBy('dedupe_key').execute()).map((r) => r.dedupe_key)).toEqual(['failed-new', 'pending-old', 'sent-new']);
    expect((await db.selectFrom('auth_tokens').select('token_hash').execute()).map((r) => r.token_hash)).toEqual(['token-recent']);
    expect(await db.selectFrom('form_submissions').select('id').where('id', '=', 'answer-old').execute()).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('the timers run a job at start-up, and stop waits for the run under way', async () => {
    await addSession('expired-at-start', ago(1000));
    const jobs = startJobs(services, { only: ['retention'] });
    for (let i = 0; i < 100 && (await sessionsOf(party.user.id)).includes('expired-at-start'); i++) await new Promise((r) => setTimeout(r, 50));
    await jobs.stop();
    expect(await sessionsOf(party.user.id)).not.toContain('expired-at-start');
    await expect(async () => jobs.runOnce('listing-expiry')).rejects.toThrow(/not started here/);
  });

  it('a job another process is running is skipped there, then runs once it is free', async (ctx) => {
    if (!handle.url) return ctx.skip('an embedded database belongs to one process: its jobs need no lock');
    await addSession('expired-while-locked', ago(1000));
    const other = await createDb({ databaseUrl: handle.url, poolSize: 1 });
    try {
      const jobs = startJobs(services, { timers: false });
      await other.db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(hashtext('km_job:retention'))`.execute(conn);
        expect(await jobs.runOnce('retention')).toBe(false);
        expect(await sessionsOf(party.user.id)).toContain('expired-while-locked');
        await sql`select pg_advisory_unlock(hashtext('km_job:retention'))`.execute(conn);
      });
      expect(await jobs.runOnce('retention')).toBe(true);
      expect(await sessionsOf(party.user.id)).not.toContain('expired-while-locked');
      await jobs.stop();
    } finally {
      await other.close();
    }
  });
});
