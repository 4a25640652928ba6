import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../../db/database';
import type { TestServer } from '../../helpers/server';

export type Server = TestServer;

export { startSeededServer } from '../../helpers/server';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * The answer to a hostile request: never a 5xx; a refusal (4xx) explains itself in Japanese.
 * Returns the body so the caller can assert the specific message.
 */
export async function expectHandled(res: Response, label: string, allowed: number[] = [200, 302, 303, 400, 403, 404, 409, 413, 415, 422, 429]): Promise<string> {
  const body = await res.text();
  expect(res.status, `${label}: ${res.status} ${body.slice(0, 300)}`).toBeLessThan(500);
  // 414/431: Node's HTTP parser refuses an over-long URL or header before the app sees it.
  if (res.status === 414 || res.status === 431) return body;
  // 413: the body is over the route's size limit (app/server/body-limit.ts), refused before any page reads it.
  if (res.status === 413) {
    expect(body, `${label}: the 413 has no Japanese explanation`).toMatch(JAPANESE);
    return body;
  }
  expect(allowed, `${label}: unexpected status ${res.status} ${body.slice(0, 300)}`).toContain(res.status);
  if (res.status >= 400 && res.status !== 405) expect(body, `${label}: the refusal has no Japanese explanation`).toMatch(JAPANESE);
  return body;
}

/** A 4xx refusal carrying the given Japanese message (HTML-escaped or JSON is fine). */
export async function expectRefused(res: Response, label: string, message: RegExp, statuses: number[] = [400, 413, 415, 422]): Promise<string> {
  const body = await expectHandled(res, label, statuses);
  // An over-long value can make the whole body too large: refused (413) before the page reads it.
  if (res.status === 413 && !message.test(body)) {
    expect(body, `${label}: 413 without the size message`).toMatch(/送信された内容が大きすぎます/);
    return body;
  }
  expect(body, `${label}: expected message ${message}`).toMatch(message);
  return body;
}

/** Every row of a table, ordered by its first column, as JSON text (for "unchanged" checks). */
export async function tableSnapshot(db: Kysely<Database>, table: string, where?: { column: string; value: unknown }): Promise<string> {
  const q = where
    ? sql`select * from ${sql.table(table)} where ${sql.ref(where.column)} = ${where.value} order by 1`
    : sql`select * from ${sql.table(table)} order by 1`;
  const r = await q.execute(db);
  return JSON.stringify(r.rows);
}

/** Row counts of the tables a write could touch. */
export async function counts(db: Kysely<Database>, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}
