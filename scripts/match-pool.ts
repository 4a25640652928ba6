import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { cosine, eligibleTypes, MatchIndex, newEligibilityCache, type MatchListing } from '../app/domain/matching';
import { CorpusLineSchema, indexCorpus, parseJsonLines, type CorpusLine } from '../search/corpus';
import { loadDictionary } from '../search/load-dictionary';
import { normalize } from '../search/text';
import { PostgresSearchEngine } from '../search/postgres';
import { runCli, UsageError } from './lib/cli';
import { matchCorpus, openEvalDb } from './lib/match-corpus';

// Pools candidate solutions for judging from four different rankers, each with eligibility applied:
// the matching engine, the text similarity alone, the site search queried with the need's skills,
// and shared skills written alike. Prints, per need, the need and its pooled candidates in id order
// (the ranker that found a candidate is not shown, so it cannot sway the judgement).
await runCli(async () => {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, needs: { type: 'string' }, depth: { type: 'string', default: '8' } } });
  if (!values.corpus || !values.needs) throw new UsageError('usage: match-pool --corpus <file.jsonl> --needs n001,n008,… [--depth 8]');
  const depth = Number(values.depth);
  const lines = parseJsonLines(await readFile(values.corpus, 'utf8'), CorpusLineSchema, values.corpus);
  const byId = new Map<string, CorpusLine>(lines.map((l) => [l.id, l]));
  const wanted = values.needs.split(',');
  const handle = await openEvalDb();
  try {
    const { needs, solutions } = await matchCorpus(handle.db, lines);
    await indexCorpus(handle.db, lines);
    const dict = await loadDictionary(handle.db);
    const search = new PostgresSearchEngine(handle.db, () => dict);
    const ctx = { fiscalYear: 2026, now: new Date('2026-04-01T00:00:00Z'), cache: newEligibilityCache() };
    const index = new MatchIndex(solutions);
    const skillSet = (l: MatchListing) => new Set(l.text.skills.map((s) => s.forms[0]));
    for (const id of wanted) {
      const need = needs.find((n) => n.id === id);
      if (!need) throw new UsageError(`no need ${id}`);
      const eligible = solutions.filter((s) => eligibleTypes(need, s, ctx.fiscalYear, ctx.cache).length > 0);
      const engine = index.rank(need, ctx, depth + 2).map((r) => String(r.listing.id));
      const text = [...eligible].sort((a, b) => cosine(need.text.vector, b.text.vector) - cosine(need.text.vector, a.text.vector)).slice(0, depth).map((s) => String(s.id));
      const q = byId.get(id)!.skills.join(' ');
      const hits = await search.search({ q, filters: { kind: 'solution' }, perPage: 50 });
      const ok = new Set(eligible.map((s) => String(s.id)));
      const searched = hits.hits.map((h) => h.id).filter((h) => ok.has(h)).slice(0, depth);
      const mine = skillSet(need);
      const shared = [...eligible]
        .map((s) => ({ id: String(s.id), n: [...skillSet(s)].filter((x) => mine.has(x)).length + (s.categories[0] === need.categories[0] ? 0.5 : 0) }))
        .sort((a, b) => b.n - a.n)
        .slice(0, depth)
        .map((s) => s.id);
      const pool = [...new Set([...engine, ...text, ...searched, ...shared])].sort();
      const n = byId.get(id)!;
      console.log(`## ${id} ${n.title} | ${n.category} | ${n.types.join(',')} | ${n.skills.join('、')} | ${normalize(n.body).slice(0, 160)}`);
      for (const s of pool) {
        const x = byId.get(s)!;
        console.log(`  ${s} ${x.title} | ${x.category.replace(/（.*/, '')} | ${x.skills.join('、')} | ${x.body.slice(0, 60)}`);
      }
    }
  } finally {
    await handle.close();
  }
});
