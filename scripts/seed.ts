import { createDb, dbOptionsFromConfig } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { seedDemoWithScale } from '../db/seed';
import { DEMO_SCALE_APPLICATIONS } from '../db/seed/demo-scale';
import { runCli } from './lib/cli';

await runCli(async ({ config }) => {
  const handle = await createDb(dbOptionsFromConfig(config));
  try {
    await migrateToLatest(handle.db);
    // --demo-scale=N: N applications over two fiscal years for the dashboard's funnel (default 3000; 0 leaves them out)
    const scale = process.argv.slice(2).find((a) => a.startsWith('--demo-scale='));
    const applications = scale ? Number(scale.split('=')[1]) : DEMO_SCALE_APPLICATIONS;
    if (!Number.isInteger(applications) || applications < 0) throw new Error('--demo-scale=N: N is a whole number of applications (0 leaves them out)');
    await seedDemoWithScale(handle.db, console.log, { applications });
  } finally {
    await handle.close();
  }
});
