import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/server/config';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { HOSTILE_FILE_NAMES, HOSTILE_REDIRECTS, NOT_UUIDS, UNSUPPORTED_BODIES, multipart, pdfOfSize } from '../../helpers/hostile-corpus';
import { expectHandled } from './harness';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * The server-wide protections: who may read the mail viewer, where the server listens, whose
 * forwarded address is believed, and the proxy configuration shipped for deployment.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startSeededServer({}, ['accounts', 'listings', 'agreement-demo']);
});
afterAll(() => server?.close());

describe('the mail viewer (/dev/mail)', () => {
  it('is not shown to an anonymous visitor without DEV_MAIL=1, nor to a signed-in account that is not an operator', async () => {
    const anonymous = await new Client(server.url).get('/dev/mail');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
    expect((await new Client(server.url).get('/dev/mail/x.eml')).status).toBe(302);

    const member = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const refused = await member.get('/dev/mail');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('運営者だけ');
  });

  it('is shown to a signed-in operator', async () => {
    const operator = await Client.signedIn(server.url, 'operator@example.jp', DEMO_PASSWORDS.operator);
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
    const client = await Client.signedIn(server.url, 'company@example.jp', DEMO_PASSWORDS.company);
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
  const client = await Client.signedIn(server.url, email, password);
  const page = await (await client.get('/settings/totp')).text();
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)?.[1];
  if (!secret) throw new Error('no TOTP secret on /settings/totp');
  const res = await client.post('/settings/totp', { intent: 'enable', code: await generate({ secret }) });
  if (res.status !== 302) throw new Error(`enabling TOTP answered ${res.status}`);
  return secret;
}

/** A raw HTTP request that declares `declared` bytes but sends only `sent` of them, and resolves with the answer it gets meanwhile. */
function postDeclaring(url: string, path: string, declared: number, sent: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers: { ...headers, 'content-length': String(declared) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(sent);
  });
}

describe('request body limits', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('a url-encoded body declared over 64 KB is refused with 413 before it is sent', async () => {
    // 100 MB announced, 1 KB sent: the answer comes without the rest of the body.
    const res = await postDeclaring(server.url, '/login', 100 * 1024 * 1024, Buffer.from(`email=${'a'.repeat(1000)}`), form);
    expect(res.status).toBe(413);
    expect(res.body).toContain('送信された内容が大きすぎます');
    expect(res.body).toContain('64 KB');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('64 KB is the line for ordinary forms; long-text forms and the template editor take 1 MB', async () => {
    const over = await new Client(server.url).post('/login', { email: 'a@example.jp', password: 'x'.repeat(64 * 1024) });
    expect(over.status).toBe(413);
    const under = await new Client(server.url).post('/login', { email: 'a@example.jp', password: 'x'.repeat(60 * 1024) });
    expect(under.status).toBe(401);

    const operator = await Client.signedIn(server.url, 'operator@example.jp', DEMO_PASSWORDS.operator);
    const template = await operator.post('/admin/templates/dispatch/2026', { intent: 'preview', reason: 'x'.repeat(200 * 1024) });
    expect(template.status).not.toBe(413);
    expect(template.status).toBeLessThan(500);
    const tooBig = await operator.post('/admin/templates/dispatch/2026', { intent: 'preview', reason: 'x'.repeat(1024 * 1024) });
    expect(tooBig.status).toBe(413);
  });

  it('a body without a declared length (chunked) is refused with 411', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/login`, { method: 'POST', headers: { ...form, 'transfer-encoding': 'chunked' } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('email=a');
    });
    expect(res).toBe(411);
  });

  it('a multipart body with too many parts or files is refused with 413 while it arrives', async () => {
    const many = new FormData();
    for (let i = 0; i < 150; i++) many.append(`f${i}`, 'x');
    const parts = await fetch(`${server.url}/login`, { method: 'POST', body: many, redirect: 'manual' });
    expect(parts.status).toBe(413);
    expect(await parts.text()).toContain('項目が多すぎます');

    // A file where the page takes none, and over the count where it takes some.
    const withFile = new FormData();
    withFile.set('email', 'a@example.jp');
    withFile.set('evidence', new Blob(['%PDF-1.4']), 'a.pdf');
    const refused = await fetch(`${server.url}/login`, { method: 'POST', body: withFile, redirect: 'manual' });
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain('ファイルを添付できません');

    const municipality = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const listing = await server.db.selectFrom('listings').innerJoin('organisations as o', 'o.id', 'listings.organisation_id').select('listings.id').where('o.slug', '=', 'amacho').where('listings.kind', '=', 'opening').orderBy('listings.id').executeTakeFirstOrThrow();
    const two = new FormData();
    two.append('file', new Blob([pdfOfSize(1000) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'a.pdf');
    two.append('file', new Blob([pdfOfSize(1000) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'b.pdf');
    const before = await server.db.selectFrom('listing_attachments').select('id').execute();
    const res = await fetch(`${server.url}/openings/${listing.id}/edit`, { method: 'POST', body: two, redirect: 'manual', headers: { cookie: municipality.cookie, origin: server.url } });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('1件まで');
    expect(await server.db.selectFrom('listing_attachments').select('id').execute()).toEqual(before);

    // Over the route's total: refused from the declared length alone.
    const huge = await postDeclaring(server.url, `/openings/${listing.id}/edit`, 12 * 1024 * 1024, Buffer.from('--x\r\n'), { 'content-type': 'multipart/form-data; boundary=x', cookie: municipality.cookie, origin: server.url });
    expect(huge.status).toBe(413);
    expect(huge.body).toContain('11 MB');
  });
});

describe('caching of signed-in pages', () => {
  it('every signed-in HTML page (and its ?_data= answer) is Cache-Control: private, no-store', async () => {
    const operator = await Client.signedIn(server.url, 'operator@example.jp', DEMO_PASSWORDS.operator);
    const municipality = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const pages: [Client, string][] = [
      [operator, '/admin'], [operator, '/admin/users'], [operator, '/admin/audit'], [operator, '/monitoring'], [operator, '/settings'],
      [municipality, '/'], [municipality, '/settings'], [municipality, '/settings/organisation'], [municipality, '/notifications'],
      [municipality, '/applications'], [municipality, '/my/listings'], [municipality, '/openings'], [municipality, '/search?q=観光'],
      [municipality, '/?_data=root'],
    ];
    for (const [client, path] of pages) {
      const res = await client.get(encodeURI(path));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });

  it('pages for anonymous visitors keep their own caching', async () => {
    const res = await fetch(`${server.url}/openings`);
    expect(res.headers.get('cache-control') ?? '').not.toContain('no-store');
  });
});

/** Every route module with an action, as a URL (params filled with ids that exist where it matters). */
function formRoutes(ids: { application: number; listing: number; solution: number }): string[] {
  const dir = path.resolve(import.meta.dirname, '../../../app/routes');
  return readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith('__') && /export (async function|const) action\b/.test(readFileSync(path.join(dir, f), 'utf8')))
    .map((f) => {
      const segments = f.replace(/\.tsx?$/, '').split('.').filter((s) => s !== '_index').map((s) => s.replace(/_$/, ''));
      const values: Record<string, string> = { $kind: 'company', $token: 'x'.repeat(43), $v: '1', $fy: '2026' };
      const url = segments.map((s) => {
        if (s === '$id') return String(f.startsWith('applications') ? ids.application : f.startsWith('solutions') ? ids.solution : ids.listing);
        if (s === '$kind' && f.startsWith('admin.templates')) return 'dispatch';
        return values[s] ?? s;
      });
      return `/${url.join('/')}`;
    });
}

describe('malformed input never answers 5xx', () => {
  let ids: { application: number; listing: number; solution: number; attachment?: string };
  let municipality: Client;

  beforeAll(async () => {
    municipality = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const listing = await server.db.selectFrom('listings').innerJoin('organisations as o', 'o.id', 'listings.organisation_id').select('listings.id').where('o.slug', '=', 'amacho').where('listings.kind', '=', 'opening').orderBy('listings.id').executeTakeFirstOrThrow();
    const solution = await server.db.selectFrom('listings').select('id').where('kind', '=', 'solution').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const application = await server.db.selectFrom('applications').select('id').orderBy('id').executeTakeFirstOrThrow();
    ids = { application: application.id, listing: listing.id, solution: solution.id };
  });

  it('a text/plain, JSON or XML body is 415 on every form route, signed in or not', async () => {
    const routes = formRoutes(ids);
    expect(routes).toContain('/login');
    expect(routes).toContain(`/applications/${ids.application}`);
    for (const who of [new Client(server.url), municipality]) {
      for (const route of routes) {
        for (const body of UNSUPPORTED_BODIES) {
          const res = await fetch(`${server.url}${route}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': body.type, origin: server.url, ...(who.jar.size ? { cookie: who.cookie } : {}) }, body: body.body });
          const text = await expectHandled(res, `${route} ${body.name}`, [415]);
          expect(text, route).toContain('フォームの送信');
        }
      }
    }
  });

  it('a file name with ; or = is read as the name, for listing attachments and chat files', async () => {
    for (const h of HOSTILE_FILE_NAMES) {
      const upload = multipart('file', { name: h.value, type: 'application/pdf', bytes: pdfOfSize(2000) });
      const res = await fetch(`${server.url}/openings/${ids.listing}/edit`, { method: 'POST', redirect: 'manual', headers: { cookie: municipality.cookie, origin: server.url }, body: upload });
      await expectHandled(res, `listing file ${h.name}`, [302, 400]);
      const stored = await server.db.selectFrom('listing_attachments').select(['id', 'file_name']).where('listing_id', '=', ids.listing).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      // Kept as written; only double quotes are dropped from stored names.
      expect(stored.file_name, h.name).toBe(h.value.replace(/"/g, ''));
      // Remove it again (5 attachments per listing at most), with the delete form.
      const del = await municipality.post(`/openings/${ids.listing}/edit`, { intent: 'delete-attachment', attachmentId: stored.id });
      expect(del.status, h.name).toBe(302);

      const chat = multipart('files', { name: h.value, type: 'application/pdf', bytes: pdfOfSize(2000) }, { intent: 'message', clientKey: crypto.randomUUID(), body: `添付 ${h.name}` });
      const sent = await fetch(`${server.url}/applications/${ids.application}`, { method: 'POST', redirect: 'manual', headers: { cookie: municipality.cookie, origin: server.url }, body: chat });
      await expectHandled(sent, `chat file ${h.name}`, [302, 400]);
    }
    // A part header that is not valid multipart at all is 400, never 500.
    const broken = await fetch(`${server.url}/applications/${ids.application}`, {
      method: 'POST', redirect: 'manual', headers: { cookie: municipality.cookie, origin: server.url, 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="files"; filename=a;b.pdf\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b--\r\n',
    });
    await expectHandled(broken, 'chat broken part header', [400, 413]);
  });

  it('36-character ids that are not UUIDs are 404 (downloads, profiles) or 400 (forms)', async () => {
    for (const h of NOT_UUIDS) {
      const id = encodeURIComponent(h.value);
      for (const p of [`/applications/${ids.application}/files/${id}`, `/openings/${ids.listing}/attachments/${id}`, `/solutions/${ids.solution}/attachments/${id}`, `/orgs/${id}`]) {
        await expectHandled(await municipality.get(p), `${p}`, [404]);
        await expectHandled(await new Client(server.url).get(p), `anonymous ${p}`, [302, 404]);
      }
      const del = await municipality.post(`/openings/${ids.listing}/edit`, { intent: 'delete-attachment', attachmentId: h.value });
      await expectHandled(del, `delete-attachment ${h.name}`, [400, 404]);
    }
  });
});

describe('listing contact details', () => {
  it('are not in an anonymous visitor’s page or loader data, and are for a signed-in account', async () => {
    for (const kind of ['opening', 'solution'] as const) {
      const first = await server.db.selectFrom('listings').select('id').where('kind', '=', kind).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
      await server.db.updateTable('listings').set({ contact_phone: '08514-0-0000' }).where('id', '=', first.id).execute();
      const row = await server.db.selectFrom('listings').select(['id', 'contact_email', 'contact_phone']).where('id', '=', first.id).executeTakeFirstOrThrow();
      const base = `/${kind}s/${row.id}`;
      const route = `routes/${kind}s.$id`;
      for (const p of [base, `${base}?_data=${encodeURIComponent(route)}`]) {
        const res = await fetch(`${server.url}${p}`);
        expect(res.status, p).toBe(200);
        const body = await res.text();
        expect(body, p).not.toContain(row.contact_email);
        expect(body, p).not.toContain(row.contact_phone!);
      }
      const member = await Client.signedIn(server.url, 'company@example.jp', DEMO_PASSWORDS.company);
      const signedIn = await (await member.get(`${base}?_data=${encodeURIComponent(route)}`)).text();
      expect(signedIn).toContain(row.contact_email);
      expect(signedIn).toContain(row.contact_phone!);
    }
  });
});

describe('TOTP at sign-in (OPERATOR_TOTP=required, the production default)', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startSeededServer({ OPERATOR_TOTP: 'required' }, ['accounts']);
  });
  afterAll(() => strict?.close());

  it('an operator without TOTP reaches no signed-in page before setting it up; setting it up ends the other sessions', async () => {
    const first = new Client(strict.url);
    const login = await first.post('/login', { email: 'operator@example.jp', password: DEMO_PASSWORDS.operator, redirectTo: '/admin' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/settings/totp?required=1&redirectTo=%2Fadmin');
    const gated = await first.get('/admin/users');
    expect(gated.status).toBe(302);
    expect(gated.headers.get('location')).toBe('/settings/totp?required=1&redirectTo=%2Fadmin%2Fusers');
    const setup = await first.get('/settings/totp?required=1&redirectTo=%2Fadmin');
    const page = await setup.text();
    expect(setup.status).toBe(200);
    expect(page).toContain('運営者のアカウントは、二段階認証を設定してから利用できます');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1]!;

    // Another browser signed in meanwhile (e.g. whoever else knows the password).
    const other = await Client.signedIn(strict.url, 'operator@example.jp', DEMO_PASSWORDS.operator);
    expect((await other.get('/settings/totp')).status).toBe(200);

    const enabled = await first.post('/settings/totp', { intent: 'enable', code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }), redirectTo: '/admin' });
    expect(enabled.status).toBe(302);
    expect(enabled.headers.get('location')).toBe('/admin');
    expect((await first.get('/admin/users')).status).toBe(200);
    const ended = await other.get('/settings');
    expect(ended.status).toBe(302);
    expect(ended.headers.get('location')).toMatch(/^\/login/);
    const audit = await strict.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.totp_enabled').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ sessionsEnded: 1 });
  });

  it('the ministry is offered TOTP at its first sign-in only; other roles sign in as before', async () => {
    const first = await new Client(strict.url).post('/login', { email: 'ministry@example.jp', password: DEMO_PASSWORDS.ministry });
    expect(first.headers.get('location')).toBe('/settings/totp?offered=1&redirectTo=%2F');
    const again = await new Client(strict.url).post('/login', { email: 'ministry@example.jp', password: DEMO_PASSWORDS.ministry });
    expect(again.headers.get('location')).toBe('/');
    const ministry = await Client.signedIn(strict.url, 'ministry@example.jp', DEMO_PASSWORDS.ministry);
    expect((await ministry.get('/monitoring')).status).toBe(200);
    const offer = await (await ministry.get('/settings/totp?offered=1&redirectTo=%2Fmonitoring')).text();
    expect(offer).toContain('今は設定しない');
    expect(offer).toContain('href="/monitoring"');
    const municipality = await new Client(strict.url).post('/login', { email: 'municipality@example.jp', password: DEMO_PASSWORDS.municipality });
    expect(municipality.headers.get('location')).toBe('/');
  });
});

describe('forgotten password', () => {
  it('answers without waiting for the account lookup and the mail: the same answer while the mail server stalls', async () => {
    // A mail server that accepts the connection and never says anything.
    const sockets = new Set<Socket>();
    const stalled = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const smtpPort = (stalled.address() as AddressInfo).port;
    const slow = await startSeededServer({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }, ['accounts']);
    try {
      const answers: string[] = [];
      for (const email of ['municipality@example.jp', 'nobody@example.jp']) {
        const res = await new Client(slow.url).post('/password/forgot', { email });
        expect(res.status, email).toBe(200);
        answers.push((await res.text()).replace(/nonce="[^"]+"/g, '').replace(/"clientKey":"[^"]+"/g, ''));
      }
      expect(answers[0]).toContain('登録されているメールアドレスであれば');
      expect(answers[0]).toBe(answers[1]);
      // The work still happens after the answer: the token for the real account is stored.
      for (let i = 0; i < 100 && !(await slow.db.selectFrom('auth_tokens').select('id').where('purpose', '=', 'password_reset').executeTakeFirst()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await slow.db.selectFrom('auth_tokens').select('email').where('purpose', '=', 'password_reset').execute()).toEqual([{ email: 'municipality@example.jp' }]);
    } finally {
      for (const s of sockets) s.destroy();
      stalled.close();
      await slow.close();
    }
  });
});
