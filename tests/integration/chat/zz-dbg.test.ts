import { it } from 'vitest';
import { seedSteps } from '../../../db/seed';
import { startTestServer } from '../../../tests/helpers/server';
it('dbg', async () => {
  const server = await startTestServer();
  for (const step of seedSteps.filter((s) => ['accounts'].includes(s.name))) await step.run(server.db);
  const r = await fetch(server.url + '/login', { method: 'POST', redirect: 'manual', body: new URLSearchParams({ email: 'company@example.jp', password: 'demo-company-2026' }) });
  console.log(r.status, r.headers.get('location'), (await r.text()).slice(0, 300));
  const r2 = await fetch(server.url + '/login', { method: 'POST', redirect: 'manual', headers: { origin: server.url, 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ email: 'company@example.jp', password: 'demo-company-2026' }) });
  console.log(r2.status, r2.headers.get('location'));
  await server.close();
});
