import { afterEach, beforeEach, expect } from 'vitest';
import { takeFindings, type Finding } from './browser';
import { runningServers } from './server';

/*
 * Loaded before every browser test file (tests/vitest.config.ts): after each test, whatever the
 * pages reported (console errors, page errors, hydration warnings, failed requests, answers ≥ 400)
 * and every 5xx or error line in the server's log during the test fails it, unless the test
 * allowed it by name (tests/helpers/browser.ts: expectHttpError, expectRefusal, knownDefect).
 */

const marks = new Map<object, number>();

// What happened before the first test (in beforeAll) counts for it: findings are not reset here.
beforeEach(() => {
  marks.clear();
  for (const s of runningServers) marks.set(s, s.log.mark());
});

afterEach((ctx) => {
  const server: Finding[] = [];
  for (const s of runningServers) {
    for (const p of s.log.since(marks.get(s) ?? 0)) {
      server.push({ kind: 'server', path: p.url ?? '', status: p.status, text: `${p.status ?? ''} ${p.msg}${p.err ? `\n${p.err}` : ''}`.trim() });
    }
  }
  // Server lines go through the same allowances (a test that expects a 503 says so).
  const { unexpected, unusedKnownDefects } = takeFindings(server);
  if (unusedKnownDefects.length) console.warn(`${ctx.task.name}: listed defects not seen any more (remove them from KNOWN_DEFECTS): ${unusedKnownDefects.join(', ')}`);
  expect(unexpected.map((f) => `[${f.kind}] ${f.path}: ${f.text}`), 'the browser or the server reported problems during the test').toEqual([]);
});
