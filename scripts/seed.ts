import { createDb, dbOptionsFromConfig } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../db/seed';
import { runCli } from './lib/cli';

await runCli(async ({ config }) => {
  const handle = await createDb(dbOptionsFromConfig(config));
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, console.log);
  } finally {
    await handle.close();
  }
});
