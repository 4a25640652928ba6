import { createDb, dbOptionsFromConfig } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../db/seed';
import { seedDemoScale } from '../db/seed/demo-scale';
import { runCli } from './lib/cli';

await runCli(async ({ config }) => {
  const handle = await createDb(dbOptionsFromConfig(config));
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, console.log);
    // --demo-scale[=N]: N applications (default 3000) over two fiscal years, for a real funnel on the dashboard
    const scale = process.argv.slice(2).find((a) => a === '--demo-scale' || a.startsWith('--demo-scale='));
    if (scale) console.log(`seed demo-scale: ${await seedDemoScale(handle.db, { applications: Number(scale.split('=')[1] ?? 3000) || 3000 })}`);
  } finally {
    await handle.close();
  }
});
