import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createAppServer, type AppServer } from '../../app/server/app';
import { WORKER_JOBS } from '../../app/server/jobs';
import { loadConfig } from '../../app/server/config';
import { seedSteps } from '../../db/seed';
import { createTestDb } from './test-db';

/** A line of the server's log that a test must not leave behind: a 5xx answer or an error logged. */
export type ServerLogProblem = { level: number; msg: string; status?: number; url?: string; err?: string };

/**
 * The server's log, kept in memory while the server runs: every line is parsed and the 5xx answers
 * and error-level lines are kept (in order), so a browser test fails when the server broke during it
 * even if the page looked fine.
 */
export class ServerLog {
  readonly problems: ServerLogProblem[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line) this.take(line);
      done();
    },
  });

  private take(line: string) {
    let entry: { level?: number; msg?: string; res?: { statusCode?: number }; req?: { url?: string }; url?: string; err?: { message?: string; stack?: string } };
    try {
      entry = JSON.parse(line);
    } catch {
      this.problems.push({ level: 50, msg: line });
      return;
    }
    const status = entry.res?.statusCode;
    if ((status !== undefined && status >= 500) || (entry.level ?? 0) >= 50) {
      this.problems.push({ level: entry.level ?? 0, msg: entry.msg ?? '', status, url: entry.req?.url ?? entry.url, err: entry.err?.stack ?? entry.err?.message });
    }
  }

  /** A position in the log, for `since`. */
  mark(): number {
    return this.problems.length;
  }

  since(mark: number): ServerLogProblem[] {
    return this.problems.slice(mark);
  }
}

/** The servers of the running test file, so the browser checks can read their logs after every test. */
export const runningServers = new Set<{ log: ServerLog }>();

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
  // The request log is written (not silenced) into memory: 5xx answers are logged at info level.
  const log = new ServerLog();
  const server: AppServer = await createAppServer({ config, dbHandle, logger: pino({ level: 'info' }, log.stream) , jobs: WORKER_JOBS });
  const port = await server.listen();
  const handle = {
    ...server,
    db: dbHandle.db,
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    close: async () => {
      runningServers.delete(handle);
      await server.close();
    },
  };
  runningServers.add(handle);
  return handle;
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
