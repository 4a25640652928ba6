import { fromJapanTime, japanParts } from '../../utils/dates';
import type { ActiveFrequency } from './frequency';

/*
 * The periods of the alert digests. A search is due when the period it was last worked on is not the
 * current one; each period yields at most one mail per user. 即時: five-minute slots (new listings
 * within minutes, several batched into one mail); 毎日: from 8:00 Japan time; 毎週: from Monday 8:00.
 */

export const IMMEDIATE_SLOT_MINUTES = 5;
export const DIGEST_HOUR_JST = 8;

export type AlertPeriod = { frequency: ActiveFrequency; key: string; start: Date };

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of `frequency` that `now` falls in. */
export function alertPeriod(frequency: ActiveFrequency, now: Date): AlertPeriod {
  if (frequency === 'immediate') {
    const slot = IMMEDIATE_SLOT_MINUTES * 60_000;
    const start = new Date(Math.floor(now.getTime() / slot) * slot);
    return { frequency, key: `i:${start.toISOString().slice(0, 16)}`, start };
  }
  const p = japanParts(now);
  // The Japanese calendar day whose 8:00 starts the period: today, or yesterday before 8:00.
  let start = fromJapanTime(p.year, p.month, p.day, DIGEST_HOUR_JST);
  if (start > now) start = new Date(start.getTime() - 86_400_000);
  if (frequency === 'weekly') {
    const weekday = japanParts(start).weekday; // 0 = Sunday
    start = new Date(start.getTime() - ((weekday + 6) % 7) * 86_400_000);
  }
  const d = japanParts(start);
  return { frequency, key: `${frequency === 'daily' ? 'd' : 'w'}:${d.year}-${pad(d.month)}-${pad(d.day)}`, start };
}

/** A search needs working on when its last period is not the current one. */
export function isDue(frequency: ActiveFrequency, alertedPeriod: string | null, now: Date): boolean {
  return alertedPeriod !== alertPeriod(frequency, now).key;
}
