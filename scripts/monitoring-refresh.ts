import { createDb, dbOptionsFromConfig } from '../db/client';
import { refreshMonitoringSummary } from '../db/queries/monitoring';
import { runCli } from './lib/cli';

// Rebuilds the ministry dashboard's summary now (for cron or after a bulk import). The dashboard
// also rebuilds it by itself when it is older than ten minutes.
await runCli(async ({ config }) => {
  const handle = await createDb(dbOptionsFromConfig(config));
  try {
    const r = await refreshMonitoringSummary(handle.db);
    console.log(`monitoring summary refreshed: ${r.listings} listings, ${r.applications} applications, ${r.cubeRows} summary rows in ${r.durationMs} ms`);
  } finally {
    await handle.close();
  }
});
