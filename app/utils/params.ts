import { textResponse } from './errors';

/**
 * A numeric id from the URL (route params or a hidden field): 1–9 digits, else a 404 that names
 * what was not found (「掲載が見つかりません。」), so `/openings/abc` never reaches a query.
 */
export function idParam(value: string | null | undefined, what: string): number {
  if (!/^\d{1,9}$/.test(value ?? '')) throw textResponse(`${what}が見つかりません。`, 404);
  return Number(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its canonical 8-4-4-4-12 form: anything else (36 dashes, 36 letters) would make PostgreSQL's uuid cast fail. */
export function isUuid(value: string | null | undefined): value is string {
  return UUID.test(value ?? '');
}
