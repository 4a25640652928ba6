import { createDb, dbOptionsFromConfig } from '../db/client';
import { clearOutbox, countSearchDocuments, listSearchDocuments, listSynonymGroups } from '../db/queries/search';
import { MeiliSearchEngine } from '../search/meilisearch';
import { runCli } from './lib/cli';

// Rebuilds the Meilisearch index from PostgreSQL (search_documents): settings first, then every
// published document in pages, then the outbox is cleared up to the moment the rebuild started.
// Without MEILI_HOST there is nothing to rebuild: the embedded index is maintained transactionally.
await runCli(async ({ config }) => {
  const handle = await createDb(dbOptionsFromConfig(config));
  try {
    const { n } = await countSearchDocuments(handle.db);
    if (!config.meili) {
      console.log(`embedded index: ${n} documents, kept up to date in each listing's transaction; set MEILI_HOST to rebuild Meilisearch`);
      return;
    }
    const started = new Date();
    const meili = new MeiliSearchEngine({ ...config.meili, timeoutMs: 60_000 });
    await meili.applySettings((await listSynonymGroups(handle.db)).map((g) => g.terms));
    await meili.clear();
    let after: { kind: string; id: string } | undefined;
    let sent = 0;
    for (;;) {
      const page = await listSearchDocuments(handle.db, after, 1000);
      if (!page.length) break;
      await meili.upsert(page.filter((d) => d.status === 'published'));
      sent += page.filter((d) => d.status === 'published').length;
      after = { kind: page[page.length - 1].kind, id: page[page.length - 1].id };
    }
    // Changes enqueued after the start are kept: the worker delivers them on top of the rebuild.
    await clearOutbox(handle.db, started);
    console.log(`meilisearch: ${sent} published documents indexed (of ${n})`);
  } finally {
    await handle.close();
  }
});
