import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';

/**
 * The authorisation matrix: every role against every protected route. Each feature adds a file
 * `tests/integration/<feature>/authorisation.rows.ts` exporting `rows(ctx)`; the matrix test picks
 * them all up, so a new route is one row: who gets which HTTP status.
 */
export const PERSONAS = ['anonymous', 'municipalityX', 'municipalityY', 'company', 'individual', 'ministry', 'operator', 'pending'] as const;
export type Persona = (typeof PERSONAS)[number];

/** The demo accounts behind each persona (db/seed/accounts.ts). */
export const PERSONA_LOGINS: Record<Exclude<Persona, 'anonymous'>, { email: string; password: string; slug: string }> = {
  municipalityX: { email: 'municipality@example.jp', password: 'demo-municipality-2026', slug: 'amacho' },
  municipalityY: { email: 'higashikawa@example.jp', password: 'demo-password-2026', slug: 'higashikawa' },
  company: { email: 'company@example.jp', password: 'demo-company-2026', slug: 'mirai-chiiki' },
  individual: { email: 'individual@example.jp', password: 'demo-individual-2026', slug: 'ind-sato-haruka' },
  ministry: { email: 'ministry@example.jp', password: 'demo-ministry-2026', slug: 'soumu' },
  operator: { email: 'operator@example.jp', password: 'demo-operator-2026', slug: 'operator' },
  pending: { email: 'pending-shoji@example.jp', password: 'demo-password-2026', slug: 'pending-shoji' },
};

/** Expected status per persona; `others` fills the personas not named. 302 for anonymous means "sent to /login". */
export type Expectation = Partial<Record<Persona, number>> & { others?: number };

export type MatrixRow = {
  method: 'GET' | 'POST';
  path: string;
  form?: Record<string, string>;
  expect: Expectation;
  /** what the row checks, shown in the test name */
  note?: string;
};

export type MatrixContext = {
  db: Kysely<Database>;
  /** organisation id by seed slug */
  orgId(slug: string): string;
};

export type RowsModule = { rows(ctx: MatrixContext): MatrixRow[] | Promise<MatrixRow[]> };

export function expected(row: MatrixRow, persona: Persona): number {
  const e = row.expect[persona] ?? row.expect.others;
  if (e === undefined) throw new Error(`${row.method} ${row.path}: no expectation for ${persona}`);
  return e;
}
