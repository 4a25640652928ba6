import { createDb, dbOptionsFromConfig } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../db/municipalities/import';
import { runCli } from './lib/cli';

// Migrates the schema, then brings the reference data (the municipality master) up to date.
await runCli(async ({ config }) => {
  const handle = await createDb(dbOptionsFromConfig(config));
  try {
    const results = await migrateToLatest(handle.db);
    for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
    if (results.length === 0) console.log('schema is up to date');
    const n = await importMunicipalities(handle.db, await readMunicipalityMaster());
    console.log(`municipalities: ${n} rows (${handle.driver})`);
  } finally {
    await handle.close();
  }
});
