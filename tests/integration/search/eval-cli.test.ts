import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../app/server/app';
import { testDriver } from '../../helpers/test-db';

// search:eval runs on the database the environment names: PGlite in memory, or PostgreSQL with DATABASE_URL.
describe('npm run search:eval', () => {
  it('answers every query on the configured database', () => {
    // The first 40 listings of the shipped corpus are enough to tell the databases apart.
    const corpus = path.join(tmpdir(), `eval-corpus-${process.pid}.jsonl`);
    const lines = readFileSync(path.join(ROOT_DIR, 'tests/fixtures/search/search-corpus.jsonl'), 'utf8').split('\n');
    writeFileSync(corpus, [...lines.slice(0, 20), ...lines.slice(300, 320)].join('\n'));
    const queries = path.join(tmpdir(), `eval-queries-${process.pid}.jsonl`);
    writeFileSync(queries, ['{"q":"観光","filters":{}}', '{"q":"DX","filters":{"kind":"need"}}'].join('\n'));
    const env = { PATH: process.env.PATH, NODE_ENV: 'test', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) } as NodeJS.ProcessEnv;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/search-eval.ts', '--corpus', corpus, '--queries', queries, '--top', '5'], {
      cwd: ROOT_DIR,
      env,
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(run.stderr).toContain(`40 documents, 2 queries on ${testDriver()}`);
    expect(run.status).toBe(0);
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { q: string; filters: { kind?: string }; ids: string[] });
    expect(out.map((l) => l.q)).toEqual(['観光', 'DX']);
    expect(out[0].ids.length).toBeGreaterThan(0);
    expect(out[1].filters.kind).toBe('need');
    expect(out[1].ids.length).toBeGreaterThan(0);
    expect(out[1].ids.every((id) => id.startsWith('n'))).toBe(true);
  }, 120_000);
});
