import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { claimSubmission, deleteOldSubmissions, findSubmission, recordSubmission, releaseSubmission, takeOverStaleSubmission, type RecordedAnswer } from '../../db/queries/submissions';
import { RETENTION } from '../domain/retention';
import { ServiceError } from '../utils/errors';

export type { RecordedAnswer };

/*
 * The same submission answered once. The first request with a submission id does the work and
 * records its answer (an accepted submission only: a refused one is forgotten, so the corrected form
 * is worked on again); a request with the same id that arrives meanwhile waits for that answer, one
 * that arrives later gets it at once. Requests of one process wait on each other directly, requests
 * of different processes through the table. A claim whose process stopped is taken over after a minute.
 */

const POLL_MS = 100;
const WAIT_MS = 20_000;
const STALE_SECONDS = 60;

const inflight = new Map<string, Promise<RecordedAnswer | null>>();

export type Once<T> = { first: true; value: T } | { first: false; answer: RecordedAnswer };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` unless the submission `id` was already answered. `toRecord` says what to keep of the
 * value (null: nothing, the submission was refused and may be sent again).
 */
export async function answerOnce<T>(db: Kysely<Database>, id: string, work: () => Promise<T>, toRecord: (value: T) => Promise<RecordedAnswer | null>): Promise<Once<T>> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const local = inflight.get(id);
    if (local) {
      const answer = await local;
      if (answer) return { first: false, answer };
      continue; // the first was refused: this one is worked on as a submission of its own
    }
    if ((await claimSubmission(db, id)) || (await takeOverStaleSubmission(db, id, STALE_SECONDS))) return { first: true, value: await runClaimed(db, id, work, toRecord) };
    const found = await findSubmission(db, id);
    if (found !== null && found !== 'pending') return { first: false, answer: found };
    if (found === 'pending') await sleep(POLL_MS);
  }
  throw new ServiceError(409, '同じ内容の送信を処理しています。しばらくしてから、ページを再読み込みして結果を確かめてください。', 'submission_pending');
}

async function runClaimed<T>(db: Kysely<Database>, id: string, work: () => Promise<T>, toRecord: (value: T) => Promise<RecordedAnswer | null>): Promise<T> {
  let settle: (answer: RecordedAnswer | null) => void = () => {};
  inflight.set(id, new Promise((resolve) => (settle = resolve)));
  let answer: RecordedAnswer | null = null;
  try {
    const value = await work();
    answer = await toRecord(value);
    if (answer) await recordSubmission(db, id, answer);
    else await releaseSubmission(db, id);
    return value;
  } catch (error) {
    answer = null;
    await releaseSubmission(db, id).catch(() => {});
    throw error;
  } finally {
    inflight.delete(id);
    settle(answer);
  }
}

/** Forgets the answers kept for more than a day (run by the server's hourly sweep); returns how many. */
export function forgetOldSubmissions(db: Kysely<Database>): Promise<number> {
  return deleteOldSubmissions(db, RETENTION.submissionHours);
}
