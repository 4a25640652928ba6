import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MatchIndex, newEligibilityCache } from '../app/domain/matching';
import { fiscalYearOf } from '../app/domain/rules/fiscal-year';
import { japanToday } from '../app/utils/dates';
import { CorpusLineSchema, parseJsonLines } from '../search/corpus';
import { runCli, UsageError } from './lib/cli';
import { matchCorpus, openEvalDb } from './lib/match-corpus';

// Prints the proposals for every need of a corpus, one JSON line each: {"id":"n001","ranked":[…]},
// eligibility applied as the app applies it (see scripts/lib/match-corpus.ts). Nothing else on stdout.
await runCli(async () => {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, limit: { type: 'string', default: '10' } } });
  if (!values.corpus) throw new UsageError('usage: match:eval -- --corpus <file.jsonl> [--limit 10]');
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number between 1 and 1000');
  const text = await readFile(values.corpus, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${values.corpus}: ${e.code ?? e.message}`);
  });
  const lines = parseJsonLines(text, CorpusLineSchema, values.corpus);
  const handle = await openEvalDb();
  try {
    const { needs, solutions } = await matchCorpus(handle.db, lines);
    const ctx = { fiscalYear: fiscalYearOf(japanToday()), now: new Date('2026-04-01T00:00:00Z'), cache: newEligibilityCache() };
    const index = new MatchIndex(solutions);
    for (const need of needs) console.log(JSON.stringify({ id: need.id, ranked: index.rank(need, ctx, limit).map((r) => r.listing.id) }));
    console.error(`match:eval: ${needs.length} needs, ${solutions.length} solutions`);
  } finally {
    await handle.close();
  }
});
