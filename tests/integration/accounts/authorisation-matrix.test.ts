import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { startTestServer } from '../../helpers/server';
import { Client } from './client';
import { expected, PERSONA_LOGINS, PERSONAS, type MatrixContext, type MatrixRow, type Persona, type RowsModule } from './matrix';

/**
 * Every persona × every protected route and action, over HTTP against the real server. The rows
 * come from every tests/integration/<feature>/authorisation.rows.ts, so features extend the
 * matrix without editing this file.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let rows: { file: string; row: MatrixRow }[] = [];
const clients = new Map<Persona, Client>();

async function loadRows(ctx: MatrixContext) {
  const root = path.resolve(import.meta.dirname, '..');
  const out: { file: string; row: MatrixRow }[] = [];
  for (const dir of readdirSync(root).sort()) {
    const file = path.join(root, dir, 'authorisation.rows.ts');
    if (!existsSync(file)) continue;
    const mod = (await import(file)) as RowsModule;
    for (const row of await mod.rows(ctx)) out.push({ file: `${dir}/authorisation.rows.ts`, row });
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
  const orgs = new Map((await server.db.selectFrom('organisations').select(['id', 'slug']).execute()).map((o) => [o.slug, o.id]));
  const ctx: MatrixContext = {
    db: server.db,
    orgId: (slug) => {
      const id = orgs.get(slug);
      if (!id) throw new Error(`no organisation ${slug}`);
      return id;
    },
  };
  rows = await loadRows(ctx);
  for (const persona of PERSONAS) {
    const client = new Client(server.url);
    if (persona !== 'anonymous') await client.login(PERSONA_LOGINS[persona].email, PERSONA_LOGINS[persona].password);
    clients.set(persona, client);
  }
});
afterAll(() => server?.close());

describe('authorisation matrix', () => {
  it('has rows from the accounts feature at least', () => {
    expect(rows.filter((r) => r.file.startsWith('accounts/')).length).toBeGreaterThan(5);
  });

  it.each(PERSONAS)('%s gets exactly the expected status on every route', async (persona) => {
    const client = clients.get(persona)!;
    const failures: string[] = [];
    for (const { file, row } of rows) {
      const want = expected(row, persona);
      const res = await client.request(row.method, row.path, { form: row.form ?? (row.method === 'POST' ? {} : undefined) });
      await res.arrayBuffer();
      const location = res.headers.get('location') ?? '';
      const got = res.status;
      if (got !== want) failures.push(`${row.method} ${row.path} → ${got}, expected ${want}${row.note ? ` (${row.note})` : ''} [${file}]`);
      else if (persona === 'anonymous' && got === 302 && !location.startsWith('/login')) failures.push(`${row.method} ${row.path} → 302 to ${location}, expected /login [${file}]`);
    }
    expect(failures).toEqual([]);
  });

  it('still sees each persona signed in as the right account after the run (no row logged anyone out)', async () => {
    for (const persona of PERSONAS) {
      if (persona === 'anonymous') continue;
      const html = await (await clients.get(persona)!.get('/settings')).text();
      expect(html).toContain(PERSONA_LOGINS[persona].email);
    }
  });
});
