/**
 * The matching funnel, counted in listings published in the period: a listing reaches a stage when
 * at least one of its applications did. Every stage is a subset of the one before, so each rate
 * is a true conversion rate.
 */
export const FUNNEL_STAGES = [
  { id: 'published', label: '掲載' },
  { id: 'applied', label: '応募あり' },
  { id: 'in_dialogue', label: '対話' },
  { id: 'agreed', label: '合意' },
  { id: 'concluded', label: '締結' },
] as const;

export type FunnelStageId = (typeof FUNNEL_STAGES)[number]['id'];

export interface FunnelStep {
  id: FunnelStageId;
  label: string;
  count: number;
  /** share of the previous stage (null for the first stage or when the previous stage is 0) */
  rateFromPrevious: number | null;
  /** share of the first stage */
  rateFromStart: number | null;
}

export function buildFunnel(counts: Record<FunnelStageId, number>): FunnelStep[] {
  const first = counts.published;
  return FUNNEL_STAGES.map((stage, i) => {
    const count = counts[stage.id];
    const previous = i === 0 ? null : counts[FUNNEL_STAGES[i - 1]!.id];
    return {
      id: stage.id,
      label: stage.label,
      count,
      rateFromPrevious: previous ? count / previous : null,
      rateFromStart: i === 0 || !first ? null : count / first,
    };
  });
}

/** 0.4567 → 「45.7%」; null → 「—」 */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
