
/*
 * An individual's profile: the words for availability, how career rows read, and the photo rules.
 * Pure and client-safe.
 */

export type OnsiteFrequency = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'remote_only';
export type CareerEntry = { employer: string; role: string; fromYear: number; toYear: number | null };

export const ONSITE_FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'quarterly', 'remote_only'] as const satisfies readonly OnsiteFrequency[];
export const ONSITE_FREQUENCY_LABELS: Record<OnsiteFrequency, string> = {
  weekly: '毎週',
  biweekly: '2週に1回程度',
  monthly: '月に1回程度',
  quarterly: '3か月に1回程度',
  remote_only: '現地には行けない（リモートのみ）',
};

/** Career rows the form offers (a row left empty is not kept). */
export const CAREER_ROWS = 3;

export const PHOTO_RULES = {
  /** what may be uploaded, judged by content */
  mimeTypes: ['image/jpeg', 'image/png', 'image/webp'] as const,
  maxBytes: 5 * 1024 * 1024,
  /** the stored photo: a square WebP of this size */
  size: 400,
} as const;

/** 「2018年〜現在」「2010年〜2018年」 */
export function careerPeriod(c: Pick<CareerEntry, 'fromYear' | 'toYear'>): string {
  return `${c.fromYear}年〜${c.toYear === null ? '現在' : `${c.toYear}年`}`;
}

/** 「月8日・32時間程度」 from what was given. */
export function availabilityText(days: number | null, hours: number | null): string | null {
  const parts = [days ? `月${days}日` : null, hours ? `${hours}時間` : null].filter(Boolean);
  return parts.length ? `${parts.join('・')}程度` : null;
}
