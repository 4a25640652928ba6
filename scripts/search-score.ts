import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseJsonLines, QueryLineSchema } from '../search/corpus';
import { ndcgAt, recallAt } from '../search/metrics';
import { runCli, UsageError } from './lib/cli';

const round = (x: number) => Math.round(x * 10000) / 10000;
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}

const RunLineSchema = z.object({ q: z.string(), filters: z.record(z.unknown()).default({}), ids: z.array(z.string()) });

// Scores the output of search:eval against judged queries: NDCG@10, recall@10 and capped recall@10
// per query and their means (a query the run does not answer scores 0).
await runCli(async () => {
  const { values } = parseArgs({ options: { run: { type: 'string' }, queries: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } } });
  if (!values.run || !values.queries) throw new UsageError('usage: search:score -- --run <eval-output.jsonl> --queries <judged.jsonl> [-v]');
  const run = parseJsonLines(await readFile(values.run, 'utf8'), RunLineSchema, values.run);
  const judged = parseJsonLines(await readFile(values.queries, 'utf8'), QueryLineSchema, values.queries);
  const key = (q: string, f: unknown) => `${q}\u0000${JSON.stringify(sortKeys(f))}`;
  const answers = new Map(run.map((r) => [key(r.q, r.filters), r.ids]));
  let n = 0;
  let r = 0;
  let rc = 0;
  for (const j of judged) {
    const ids = answers.get(key(j.q, j.filters)) ?? [];
    const rel = j.relevant ?? {};
    const s = { ndcg: ndcgAt(ids, rel), recall: recallAt(ids, rel), cappedRecall: recallAt(ids, rel, 10, true) };
    n += s.ndcg;
    r += s.recall;
    rc += s.cappedRecall;
    if (values.verbose) console.log(`${s.ndcg.toFixed(3)}  ${s.cappedRecall.toFixed(2)}  ${j.q} ${JSON.stringify(j.filters)}`);
  }
  const m = judged.length || 1;
  console.log(JSON.stringify({ queries: judged.length, ndcg10: round(n / m), recall10: round(r / m), cappedRecall10: round(rc / m) }));
});

