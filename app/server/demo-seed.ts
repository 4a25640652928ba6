import { isMainThread } from 'node:worker_threads';
import { pino } from 'pino';
import { createDb, dbOptionsFromConfig } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { seedDemoWithScale } from '../../db/seed';
import { reportCliError } from '../../scripts/lib/cli';
import { loadConfig } from './config';

/*
 * `--demo`: the migrations and the demo seed, run in a worker thread of the server process before it
 * opens its own database (app/server/index.ts). What they allocate — the municipality master, thousands
 * of rows, the embedded database's memory while it writes them — and their code go away with the worker
 * instead of staying in the server's heap for good. Built apart (build/server/demo-seed.js), so the
 * server's own bundle does not hold the seed.
 */
if (!isMainThread) {
  migrateAndSeedDemo().catch((error) => {
    process.exitCode = reportCliError(error);
  });
}

export async function migrateAndSeedDemo() {
  const config = loadConfig({ DEV_MAIL: '1', ...process.env });
  const logger = pino({ level: config.logLevel, base: { service: 'kigyojin-match' } });
  const dbHandle = await createDb(dbOptionsFromConfig(config));
  try {
    await migrateToLatest(dbHandle.db);
    await seedDemoWithScale(dbHandle.db, (line) => logger.info(line));
  } finally {
    await dbHandle.close();
  }
}
