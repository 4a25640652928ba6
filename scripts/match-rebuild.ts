import { createDb, dbOptionsFromConfig } from '../db/client';
import { rebuildAllProposals } from '../app/services/proposals.server';
import { runCli } from './lib/cli';

// Recomputes the whole proposal store. A listing write and a change of an organisation's head office
// refresh their own pairings; a change of the eligibility rules (a new app/domain/rules/fyYYYY.ts) or
// of the municipality master (npm run db:migrate after a new municipalities.csv) bears on every
// pairing, so run this once after deploying either.
await runCli(async ({ config }) => {
  const handle = await createDb(dbOptionsFromConfig(config));
  try {
    const t0 = performance.now();
    const r = await rebuildAllProposals(handle.db);
    console.log(`proposals rebuilt: ${r.openings} openings × ${r.solutions} solutions, ${r.stored} pairings stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await handle.close();
  }
});
