import { performance } from 'node:perf_hooks';
import { hash, verify } from '@node-rs/argon2';
import { can } from '../app/domain/policy';
import { getUserFromCookieHeader, sessionCookie } from '../app/services/auth.server';
import { loadConfig } from '../app/server/config';
import { createDb } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../db/municipalities/import';
import { seedAccounts } from '../db/seed/accounts';

// Password hashing cost, the per-request session lookup and the policy check, on an embedded
// database. Prints figures; asserts nothing.
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const time = async (n: number, fn: (i: number) => Promise<unknown> | unknown) => {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - start) / n;
};

const stored = await hash('correct-horse-battery');
console.log(`argon2id hash   : ${fmt(await time(10, () => hash('correct-horse-battery')))} ms each (19 MiB, t=2, p=1)`);
console.log(`argon2id verify : ${fmt(await time(10, () => verify(stored, 'correct-horse-battery')))} ms each`);

const handle = await createDb({ memory: true });
await migrateToLatest(handle.db);
await importMunicipalities(handle.db, await readMunicipalityMaster());
await seedAccounts(handle.db);
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/km-bench-auth', SESSION_SECRET: 'x'.repeat(32) });
const { startSession } = await import('../app/services/auth.server');
const user = await handle.db.selectFrom('users').select('id').where('email', '=', 'company@example.jp').executeTakeFirstOrThrow();
const setCookie = await startSession({ db: handle.db, config }, new Request('http://localhost/login'), user.id, { ip: '127.0.0.1' });
const cookieHeader = setCookie.split(';')[0];
await sessionCookie(config).parse(cookieHeader);
await time(50, () => getUserFromCookieHeader({ db: handle.db, config }, cookieHeader));
const lookup = await time(1000, () => getUserFromCookieHeader({ db: handle.db, config }, cookieHeader));
console.log(`session → user  : ${fmt(lookup, 3)} ms per request (cookie check + one joined query, PGlite)`);

const u = (await getUserFromCookieHeader({ db: handle.db, config }, cookieHeader))!;
const listing = { type: 'listing' as const, listingKind: 'opening' as const, ownerOrganisationId: 'other', published: true };
const n = 1_000_000;
const start = performance.now();
let allowed = 0;
for (let i = 0; i < n; i++) if (can(u, i % 2 ? 'application.create' : 'listing.view', listing)) allowed++;
console.log(`can()           : ${fmt(((performance.now() - start) * 1e6) / n, 0)} ns per check (${allowed} of ${n} allowed)`);
await handle.close();
