import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseJsonLines } from '../search/corpus';
import { ndcgAt, recallAt } from '../search/metrics';
import { runCli, UsageError } from './lib/cli';

const RunLineSchema = z.object({ id: z.string(), ranked: z.array(z.string()) });
const JudgedLineSchema = z.object({ id: z.string(), relevant: z.record(z.number().int().min(0).max(2)) });
const round = (x: number) => Math.round(x * 10000) / 10000;

// Scores the output of match:eval against judged needs: NDCG@10 and capped recall@10 per need and
// their means (a need the run does not answer scores 0). The judged set: tests/fixtures/matching.
await runCli(async () => {
  const { values } = parseArgs({ options: { run: { type: 'string' }, judged: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } } });
  if (!values.run || !values.judged) throw new UsageError('usage: match:score -- --run <match-eval-output.jsonl> --judged <judged.jsonl> [-v]');
  const run = parseJsonLines(await readFile(values.run, 'utf8'), RunLineSchema, values.run);
  const judged = parseJsonLines(await readFile(values.judged, 'utf8'), JudgedLineSchema, values.judged);
  const answers = new Map(run.map((r) => [r.id, r.ranked]));
  let ndcg = 0;
  let recall = 0;
  for (const j of judged) {
    const ids = answers.get(j.id) ?? [];
    const s = { ndcg: ndcgAt(ids, j.relevant), recall: recallAt(ids, j.relevant, 10, true) };
    ndcg += s.ndcg;
    recall += s.recall;
    if (values.verbose) console.log(`${s.ndcg.toFixed(3)}  ${s.recall.toFixed(2)}  ${j.id}`);
  }
  const m = judged.length || 1;
  console.log(JSON.stringify({ needs: judged.length, ndcg10: round(ndcg / m), cappedRecall10: round(recall / m) }));
});
