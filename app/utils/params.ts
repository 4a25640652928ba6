import { textResponse } from './errors';

/**
 * A numeric id from the URL (route params or a hidden field): 1–9 digits, else a 404 that names
 * what was not found (「掲載が見つかりません。」), so `/openings/abc` never reaches a query.
 */
export function idParam(value: string | null | undefined, what: string): number {
  if (!/^\d{1,9}$/.test(value ?? '')) throw textResponse(`${what}が見つかりません。`, 404);
  return Number(value);
}
