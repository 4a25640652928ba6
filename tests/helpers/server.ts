import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createAppServer, type AppServer } from '../../app/server/app';
import { loadConfig } from '../../app/server/config';
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
