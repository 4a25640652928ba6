import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { indexDocument } from './indexing';
import { PROGRAM_TYPES } from '../app/domain/vocabulary';
import type { ListingKind, SearchDocument, SearchFilters } from './types';

// The evaluation files call openings `need` (their own format, echoed back as written); the
// documents and filters are mapped to the app's kinds where they reach the search.
const FileKindSchema = z.enum(['need', 'solution']);
const appKind = (k: z.infer<typeof FileKindSchema>): ListingKind => (k === 'need' ? 'opening' : k);

/** One line of a corpus file in the evaluation format (see README, "Search"). */
export const CorpusLineSchema = z.object({
  id: z.string().min(1),
  kind: FileKindSchema,
  title: z.string(),
  body: z.string(),
  category: z.string(),
  types: z.array(z.enum(PROGRAM_TYPES)),
  prefecture: z.string().nullable().optional(),
  municipality: z.string().nullable().optional(),
  skills: z.array(z.string()).default([]),
  term_months: z.number().int().nullable().optional(),
  remote_ok: z.boolean().default(false),
});
export type CorpusLine = z.infer<typeof CorpusLineSchema>;

export const QueryLineSchema = z.object({
  q: z.string(),
  filters: z
    .object({
      kind: FileKindSchema.optional(),
      category: z.string().optional(),
      types: z.array(z.enum(PROGRAM_TYPES)).optional(),
      prefecture: z.string().optional(),
    })
    .default({}),
  relevant: z.record(z.number()).optional(),
});
export type QueryLine = z.infer<typeof QueryLineSchema>;

/** Parses JSON lines, naming the first bad line. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, file: string): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'line'} ${x.message}`).join('; ')}`);
    out.push(parsed.data);
  });
  return out;
}

/** Indexes corpus lines through the same indexing code the app uses, resolving place codes from the master. */
export async function indexCorpus(db: Kysely<Database>, lines: CorpusLine[], publishedAt = new Date('2026-04-01T00:00:00Z')) {
  const munis = await db.selectFrom('municipalities').select(['lg_code', 'pref_code', 'pref_name', 'name']).execute();
  const prefCode = new Map(munis.map((m) => [m.pref_name, m.pref_code]));
  const lgCode = new Map(munis.map((m) => [`${m.pref_name}/${m.name}`, m.lg_code]));
  const docs: SearchDocument[] = lines.map((l) => ({
    id: l.id,
    kind: appKind(l.kind),
    title: l.title,
    body: l.body,
    skills: l.skills,
    category: l.category,
    types: l.types,
    prefecture: l.prefecture ?? null,
    prefCode: l.prefecture ? (prefCode.get(l.prefecture) ?? null) : null,
    municipality: l.municipality ?? null,
    lgCode: l.prefecture && l.municipality ? (lgCode.get(`${l.prefecture}/${l.municipality}`) ?? null) : null,
    remoteOk: l.remote_ok,
    termMonths: l.term_months ?? null,
    status: 'published',
    publishedAt,
    updatedAt: publishedAt,
  }));
  for (let i = 0; i < docs.length; i += 200) {
    await db.transaction().execute(async (trx) => {
      for (const d of docs.slice(i, i + 200)) await indexDocument(trx, d);
    });
  }
  return docs.length;
}

export const queryFilters = (f: QueryLine['filters']): SearchFilters => ({ ...f, kind: f.kind && appKind(f.kind) });
