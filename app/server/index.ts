import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { createDb, dbOptionsFromConfig } from '../../db/client';
import { reportCliError } from '../../scripts/lib/cli';
import { createAppServer } from './app';
import type * as DemoSeed from './demo-seed';
import { loadConfig } from './config';

/**
 * The one HTTP process: Remix, health checks and socket.io on one port.
 * `--demo` migrates and fills the demo data first, so a fresh checkout runs with one command.
 */
async function main() {
  const demo = process.argv.includes('--demo');
  // The demo lets a newcomer on this machine read its mails at /dev/mail (DEV_MAIL=0 turns it off).
  const config = loadConfig(demo ? { DEV_MAIL: '1', ...process.env } : process.env);
  const logger = pino({ level: config.logLevel, base: { service: 'kigyojin-match' } });
  if (demo) await migrateAndSeedDemo();
  const dbHandle = await createDb(dbOptionsFromConfig(config));
  // Every background job runs in this process (app/server/jobs.ts); they stop with server.close().
  const server = await createAppServer({ config, dbHandle, logger });
  const port = await server.listen();
  logger.info({ port, driver: dbHandle.driver }, `listening on http://${config.host}:${port}`);
  if (demo) console.log(`\n  起業人マッチ is running: http://localhost:${port}  (database: ${dbHandle.driver === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Runs the migrations and the demo seed in a worker thread (app/server/demo-seed.ts, next to this entry
 * point, build/server/demo-seed.js) and waits for it to end.
 */
async function migrateAndSeedDemo(): Promise<void> {
  const entry = process.argv[1];
  const seedFile = path.join(path.dirname(entry), `demo-seed${path.extname(entry)}`);
  if (path.extname(entry) === '.ts') {
    // Under tsx (npm run dev) a worker thread gets no TypeScript loader: the seed runs in this thread.
    const { migrateAndSeedDemo: run } = (await import(pathToFileURL(seedFile).href)) as typeof DemoSeed;
    await run();
    return;
  }
  const worker = new Worker(seedFile, { argv: process.argv.slice(2) });
  const code = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the demo seed stopped (exit code ${code})`);
}

main().catch((error) => {
  process.exit(reportCliError(error));
});
