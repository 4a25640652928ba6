import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/server/config';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { HOSTILE_REDIRECTS } from '../../helpers/hostile-corpus';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * The server-wide protections: who may read the mail viewer, where the server listens, whose
 * forwarded address is believed, and the proxy configuration shipped for deployment.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startSeededServer({}, ['accounts']);
});
afterAll(() => server?.close());

describe('the mail viewer (/dev/mail)', () => {
  it('is not shown to an anonymous visitor without DEV_MAIL=1, nor to a signed-in account that is not an operator', async () => {
    const anonymous = await new Client(server.url).get('/dev/mail');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
    expect((await new Client(server.url).get('/dev/mail/x.eml')).status).toBe(302);

    const member = new Client(server.url);
    await member.login('municipality@example.jp', DEMO_PASSWORDS.municipality);
    const refused = await member.get('/dev/mail');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('運営者だけ');
  });

  it('is shown to a signed-in operator', async () => {
    const operator = new Client(server.url);
    await operator.login('operator@example.jp', DEMO_PASSWORDS.operator);
    const res = await operator.get('/dev/mail');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('送信メール（開発用）');
  });

  it('with DEV_MAIL=1 is shown to anyone on this machine, but not to a request forwarded by a proxy', async () => {
    const local = await startSeededServer({ DEV_MAIL: '1' }, []);
    try {
      expect((await new Client(local.url).get('/dev/mail')).status).toBe(200);
      const forwarded: Record<string, string>[] = [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }];
      for (const header of forwarded) {
        expect((await new Client(local.url).get('/dev/mail', header)).status, JSON.stringify(header)).toBe(302);
      }
    } finally {
      await local.close();
    }
  });

  it('is absent in production, even for DEV_MAIL=1 from this machine', async () => {
    const prod = await startSeededServer({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DEV_MAIL: '1' }, []);
    try {
      expect((await new Client(prod.url).get('/dev/mail')).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});

describe('listening address', () => {
  it('is 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadConfig({ DATA_DIR: server.services.config.dataDir }).host).toBe('127.0.0.1');
    expect(loadConfig({ DATA_DIR: server.services.config.dataDir, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('forwarded client addresses (TRUST_PROXY)', () => {
  const lastLoginFailureIp = async (db: TestServer['db'], email: string) =>
    (await db.selectFrom('audit_log').select('ip').where('target_id', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow()).ip;

  it('by default believes only a proxy on loopback: an address a private-range hop put in front is not recorded', async () => {
    // Client → (forges 198.51.100.7) → a host in a private range 10.0.0.5 → this server over loopback.
    await new Client(server.url).post('/login', { email: 'nobody-1@example.jp', password: 'wrong-password-1' }, { headers: { 'x-forwarded-for': '198.51.100.7, 10.0.0.5' } });
    expect(await lastLoginFailureIp(server.db, 'nobody-1@example.jp')).toBe('10.0.0.5');
  });

  it('with TRUST_PROXY=none records the address that connected, whatever the headers say', async () => {
    const direct = await startSeededServer({ TRUST_PROXY: 'none' }, []);
    try {
      await new Client(direct.url).post('/login', { email: 'nobody-2@example.jp', password: 'wrong-password-2' }, { headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(await lastLoginFailureIp(direct.db, 'nobody-2@example.jp')).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    } finally {
      await direct.close();
    }
  });

  it('refuses a TRUST_PROXY that is not a list of addresses or ranges', () => {
    expect(() => loadConfig({ DATA_DIR: server.services.config.dataDir, TRUST_PROXY: 'proxy.example.jp' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ DATA_DIR: server.services.config.dataDir, TRUST_PROXY: '172.28.0.10, 10.0.0.0/8' }).trustProxy).toEqual(['172.28.0.10', '10.0.0.0/8']);
  });
});

describe('scripts/deploy/nginx.conf', () => {
  const conf = readFileSync(path.resolve(import.meta.dirname, '../../../scripts/deploy/nginx.conf'), 'utf8');

  it('passes Host and X-Forwarded-For in every location that sets headers of its own', () => {
    // nginx inherits proxy_set_header from the server block only when a location sets none itself.
    const locations = [...conf.matchAll(/location\s+(\S+)\s*\{([^}]*)\}/g)];
    expect(locations.length).toBeGreaterThan(1);
    for (const [, where, body] of locations) {
      if (!/proxy_set_header/.test(body!)) continue;
      expect(body, where).toMatch(/proxy_set_header\s+Host\s+\$host;/);
      expect(body, where).toMatch(/proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for;/);
      expect(body, where).toMatch(/proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;/);
    }
  });

  it('the compose file names the proxy the app trusts, and the image listens on every interface', () => {
    const compose = readFileSync(path.resolve(import.meta.dirname, '../../../scripts/deploy/docker-compose.yml'), 'utf8');
    const proxyIp = /ipv4_address:\s*([\d.]+)/.exec(compose)?.[1];
    expect(proxyIp).toBeDefined();
    expect(compose).toContain(`TRUST_PROXY: ${proxyIp}`);
    expect(readFileSync(path.resolve(import.meta.dirname, '../../../scripts/deploy/Dockerfile'), 'utf8')).toMatch(/HOST=0\.0\.0\.0/);
  });
});

describe('redirectTo after log-in', () => {
  it('stays on the site for every hostile target (log-in form, signed-in visit to /login), never a 5xx', async () => {
    // NUL is refused everywhere with 400 before any page runs (server-wide rule).
    for (const h of HOSTILE_REDIRECTS.filter((x) => !x.value.includes('\u0000'))) {
      const client = new Client(server.url);
      const res = await client.post('/login', { email: 'company@example.jp', password: DEMO_PASSWORDS.company, redirectTo: h.value });
      expect(res.status, h.name).toBe(302);
      expect(res.headers.get('location'), h.name).toBe('/');
      const again = await client.get(`/login?redirectTo=${encodeURIComponent(h.value)}`);
      expect(again.status, `signed in ${h.name}`).toBe(302);
      expect(again.headers.get('location'), `signed in ${h.name}`).toBe('/');
    }
    // A raw %0a, %0d and %E3%80%80 in the query string (not double-encoded) used to answer 500.
    const client = new Client(server.url);
    await client.login('company@example.jp', DEMO_PASSWORDS.company);
    for (const raw of ['/%0a/evil.example', '/%0d/evil.example', '/%E3%80%80/evil.example', '/%09/evil.example']) {
      const res = await client.get(`/login?redirectTo=${raw}`);
      expect(res.status, raw).toBe(302);
      expect(res.headers.get('location'), raw).toBe('/');
    }
    const nul = await client.post('/login', { email: 'company@example.jp', password: DEMO_PASSWORDS.company, redirectTo: '/\u0000/evil.example' });
    expect(nul.status).toBe(400);
    // A path on the site is kept, resolved and encoded.
    const ok = await client.get(`/login?redirectTo=${encodeURIComponent('/search?q=観光')}`);
    expect(ok.headers.get('location')).toBe('/search?q=%E8%A6%B3%E5%85%89');
  });

  it('after the second factor too (/login/totp)', async () => {
    const secret = await enableTotp('ministry@example.jp', DEMO_PASSWORDS.ministry);
    for (const h of HOSTILE_REDIRECTS.filter((x) => ['tab', 'lf', 'ideographic-space', 'dot-dot-slash', 'encoded-tab'].includes(x.name))) {
      const client = new Client(server.url);
      const first = await client.post('/login', { email: 'ministry@example.jp', password: DEMO_PASSWORDS.ministry, redirectTo: h.value });
      expect(first.headers.get('location'), h.name).toBe('/login/totp?redirectTo=%2F');
      // A code is accepted once (replay protection); these log-ins are about the redirect, so forget the last step.
      await server.db.updateTable('users').set({ totp_last_step: null }).where('email', '=', 'ministry@example.jp').execute();
      const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
      const res = await client.post('/login/totp', { code, redirectTo: h.value });
      expect(res.status, h.name).toBe(302);
      expect(res.headers.get('location'), h.name).toBe('/');
    }
  });
});

/** Turns TOTP on for an account through the settings page; returns the secret. */
async function enableTotp(email: string, password: string): Promise<string> {
  const client = new Client(server.url);
  await client.login(email, password);
  const page = await (await client.get('/settings/totp')).text();
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)?.[1];
  if (!secret) throw new Error('no TOTP secret on /settings/totp');
  const res = await client.post('/settings/totp', { intent: 'enable', code: await generate({ secret }) });
  if (res.status !== 302) throw new Error(`enabling TOTP answered ${res.status}`);
  return secret;
}
