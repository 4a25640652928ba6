import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { deleteSearchDocument, enqueueSearchOutbox, findEligibilityFlags, upsertSearchDocument } from '../db/queries/search';
import { monthLexeme, quoteLexeme, toTsvector } from './text';
import type { ListingKind, SearchDocument } from './types';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Upserts a listing into the embedded index and queues it for the external engine, in the caller's
 * transaction: the listing, its index entry and its outbox row commit or roll back together.
 */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  let { eligible1433 = null, eligible1375 = null } = doc;
  if (doc.lgCode && (eligible1433 === null || eligible1375 === null)) {
    const flags = await findEligibilityFlags(db, doc.lgCode);
    eligible1433 ??= flags?.eligible_1433 ?? null;
    eligible1375 ??= flags?.eligible_1375 ?? null;
  }
  const vectors = documentVectors(doc);
  await upsertSearchDocument(db, {
    kind: doc.kind,
    id: doc.id,
    title: doc.title,
    body: doc.body,
    skills: doc.skills,
    category: doc.category,
    types: doc.types,
    prefecture: doc.prefecture,
    pref_code: doc.prefCode,
    municipality: doc.municipality,
    lg_code: doc.lgCode,
    remote_ok: doc.remoteOk,
    term_months: doc.termMonths,
    status: doc.status,
    published_at: doc.publishedAt,
    updated_at: doc.updatedAt,
    eligible_1433: eligible1433,
    eligible_1375: eligible1375,
    search_vector: vectors.all,
    head_vector: vectors.head,
  });
  await enqueueSearchOutbox(db, doc.kind, doc.id, 'upsert');
}

/** Removes a listing from the embedded index and queues the removal for the external engine. */
export async function removeDocument(db: Executor, kind: ListingKind, id: string): Promise<void> {
  await deleteSearchDocument(db, kind, id);
  await enqueueSearchOutbox(db, kind, id, 'delete');
}

/**
 * The weighted vectors: title A > skills B > category and place C > body D. The head vector (title
 * and skills, no unigrams) stays small and inline so every match can be pre-ranked cheaply. Both
 * carry the month of publication (see monthLexeme).
 */
export function documentVectors(doc: Pick<SearchDocument, 'title' | 'body' | 'skills' | 'category' | 'prefecture' | 'municipality' | 'publishedAt'>) {
  const title = { text: doc.title, weight: 'A' as const };
  const skills = { text: doc.skills.join('\n'), weight: 'B' as const };
  const place = { text: [doc.category, doc.prefecture, doc.municipality].filter(Boolean).join('\n'), weight: 'C' as const };
  const month = doc.publishedAt ? ` ${quoteLexeme(monthLexeme(doc.publishedAt))}` : '';
  return {
    head: toTsvector([title, skills], { unigrams: false }) + month,
    all: toTsvector([title, skills, place, { text: doc.body, weight: 'D' }]) + month,
  };
}
