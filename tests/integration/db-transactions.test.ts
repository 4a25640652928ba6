import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDriver } from '../helpers/test-db';

// The transaction semantics the services rely on, on both drivers (PGlite runs through db/pglite-dialect.ts).
let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
  await sql`create table tx_probe (id int primary key, note text not null)`.execute(t.db);
});
afterAll(() => t?.close());

const probe = () => sql<{ id: number; note: string }>`select id, note from tx_probe order by id`.execute(t.db).then((r) => r.rows);

describe(`transactions on ${testDriver()}`, () => {
  it('commits, rolls back on a throw, and reports affected rows', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`insert into tx_probe values (1, 'kept')`.execute(trx);
    });
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`insert into tx_probe values (2, 'dropped')`.execute(trx);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await probe()).toEqual([{ id: 1, note: 'kept' }]);
    const updated = await sql`update tx_probe set note = 'kept' where id = 1`.execute(t.db);
    expect(updated.numAffectedRows).toBe(1n);
  });

  it('a failed statement rolls the whole transaction back', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`insert into tx_probe values (3, 'dropped')`.execute(trx);
        await sql`insert into tx_probe values (1, 'duplicate')`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await probe()).map((r) => r.id)).toEqual([1]);
  });

  it('savepoints roll back only their part', async () => {
    const trx = await t.db.startTransaction().execute();
    await sql`insert into tx_probe values (4, 'outer')`.execute(trx);
    const inner = await trx.savepoint('inner').execute();
    await sql`insert into tx_probe values (5, 'inner')`.execute(inner);
    await inner.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    expect((await probe()).map((r) => r.id)).toEqual([1, 4]);
  });

  it('a query outside an open transaction never runs inside it', async () => {
    let inside!: () => void;
    const insideReached = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const transaction = t.db.transaction().execute(async (trx) => {
      await sql`update tx_probe set note = 'uncommitted' where id = 1`.execute(trx);
      inside();
      await released;
      throw new Error('rolled back');
    });
    await insideReached;
    // PostgreSQL answers from the committed state at once; PGlite queues the query until the transaction ends.
    const outside = probe();
    release();
    await expect(transaction).rejects.toThrow('rolled back');
    expect((await outside).find((r) => r.id === 1)?.note).toBe('kept');
    expect((await probe()).find((r) => r.id === 1)?.note).toBe('kept');
  });
});
