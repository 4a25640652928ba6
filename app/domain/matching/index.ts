export * from './types';
export { eligibleTypes, newEligibilityCache, senderFor, type EligibilityCache } from './eligibility';
export { BODY_SKILL_SHARE, cosine, fit, freshness, scorePair, skillMatches, typesReason, WEIGHTS, type ScoreContext } from './score';
export { compareRanked, EXHAUSTIVE_LIMIT, MatchIndex, QUERY_TERMS, rankAll, type Ranked } from './rank';
