import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetOldSubmissions } from '../../../app/services/submissions.server';
import { createTestDb } from '../../helpers/test-db';

/* The answers kept for repeated form submissions are forgotten after a day, newer ones kept. */

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle?.close());

describe('submission answers', () => {
  it('are forgotten after 24 hours', async () => {
    const { db } = handle;
    await db
      .insertInto('form_submissions')
      .values([
        { id: 'old', status: 303, location: '/signup/sent', created_at: sql<Date>`now() - interval '25 hours'` },
        { id: 'new', status: 303, location: '/signup/sent', created_at: sql<Date>`now() - interval '23 hours'` },
      ])
      .execute();
    expect(await forgetOldSubmissions(db)).toBe(1);
    const left = await db.selectFrom('form_submissions').select('id').execute();
    expect(left.map((r) => r.id)).toEqual(['new']);
  });
});
