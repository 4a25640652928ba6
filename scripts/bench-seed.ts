import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../db/seed';
import { DEMO_SCALE_APPLICATIONS, seedDemoScale } from '../db/seed/demo-scale';

/*
 * What `npm start` spends before it serves, on a fresh embedded database (PGlite) in a temporary
 * directory: the migrations (with the municipality master), the demo seed and the scale seed that
 * gives the ministry dashboard its funnel; then, when the app is built, the real `npm start` process
 * (`node build/server/index.js --demo` on a new DATA_DIR) from launch to serving. Prints the figures;
 * asserts nothing.
 */
const applications = Number(process.argv.find((a) => a.startsWith('--applications='))?.split('=')[1] ?? DEMO_SCALE_APPLICATIONS);
const dir = mkdtempSync(path.join(os.tmpdir(), 'km-bench-seed-'));
const handle = await createDb({ dataDir: dir });
try {
  const t0 = performance.now();
  await migrateToLatest(handle.db);
  const t1 = performance.now();
  await seedDemo(handle.db);
  const t2 = performance.now();
  const result = await seedDemoScale(handle.db, { applications });
  const t3 = performance.now();
  const again = performance.now();
  await seedDemoScale(handle.db, { applications });
  const t4 = performance.now();
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`migrate + municipality master: ${s(t1 - t0)}`);
  console.log(`demo seed:                     ${s(t2 - t1)}`);
  console.log(`scale seed (${result}): ${s(t3 - t2)}`);
  console.log(`scale seed again (nothing to add): ${s(t4 - again)}`);
  console.log(`total before serving:          ${s(t3 - t0)}  (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}

const entry = path.resolve(import.meta.dirname, '../build/server/index.js');
if (!existsSync(entry)) {
  console.log('npm start: not measured (run `npm run build` first)');
} else {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'km-bench-start-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [entry, '--demo'], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('is running')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code} before serving`)));
    });
    console.log(`npm start (fresh .data, embedded database) until serving: ${((performance.now() - t0) / 1000).toFixed(1)} s  (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
