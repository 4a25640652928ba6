import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createAppServer, type AppServer } from '../../app/server/app';
import { loadConfig } from '../../app/server/config';
import { seedSteps } from '../../db/seed';
import { createTestDb } from './test-db';

/** The real HTTP server (Remix build, socket.io, health) on an ephemeral port over a fresh test database. */
export async function startTestServer(env: Record<string, string> = {}) {
  const dbHandle = await createTestDb();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-test-')),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server: AppServer = await createAppServer({ config, dbHandle, logger: pino({ level: 'silent' }) });
  const port = await server.listen();
  return { ...server, db: dbHandle.db, url: `http://127.0.0.1:${port}`, port };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A test server over a fresh database filled with the demo seed: every step, or only the named ones
 * (the test template already holds the municipalities).
 */
export async function startSeededServer(env: Record<string, string> = {}, steps?: string[]) {
  const server = await startTestServer(env);
  for (const step of seedSteps) if (step.name !== 'municipalities' && (!steps || steps.includes(step.name))) await step.run(server.db);
  return server;
}
