import { checkEligibility } from '../eligibility/check';
import type { Municipality, Sender } from '../eligibility/types';
import { PROGRAM_TYPES, type ProgramType } from '../vocabulary';
import type { MatchListing, SolutionParty } from './types';

/** What a solution may offer: companies dispatch or send staff on a side job; individuals their own track. */
function partyTypes(party: SolutionParty): readonly ProgramType[] {
  if (party.kind === 'company') return ['dispatch', 'side_job'];
  if (party.track === 'side_job') return ['side_job'];
  if (party.track === 'senior') return ['senior'];
  return [];
}

/** The sender the rules judge for one type: a company's side job is done by an employee of it. */
export function senderFor(party: SolutionParty, type: ProgramType): Sender | null {
  if (party.kind === 'company') {
    if (!party.hq) return null;
    if (type === 'dispatch') return { kind: 'company', hq: party.hq };
    if (type === 'side_job') return { kind: 'individual', employment: 'employed', employerHq: party.hq };
    return null;
  }
  if (party.track === 'freelance' || party.track === null) return null;
  return { kind: 'individual', employment: party.track === 'senior' ? 'retired' : 'employed', employerHq: party.employerHq };
}

/** Memo of verdicts: a verdict depends only on the municipality, the head office, the sender and the type. */
export type EligibilityCache = Map<string, boolean>;
export const newEligibilityCache = (): EligibilityCache => new Map();

function partyKey(party: SolutionParty): string {
  return party.kind === 'company' ? `c:${party.hq?.lgCode ?? '-'}` : `i:${party.track ?? '-'}:${party.employerHq?.lgCode ?? '-'}`;
}

/**
 * The programme types a pairing can be carried out under: types both listings accept, that the
 * solution's sender may take, and that pass the eligibility rules of the fiscal year. A freelancer,
 * an unknown head office or a municipality outside the lists gives none.
 */
export function eligibleTypes(
  opening: Pick<MatchListing, 'types' | 'municipality'>,
  solution: Pick<MatchListing, 'types' | 'party'>,
  fiscalYear: number,
  cache?: EligibilityCache,
): ProgramType[] {
  const m: Municipality | null | undefined = opening.municipality;
  const party = solution.party;
  if (!m || !party) return [];
  const offered = partyTypes(party);
  const out: ProgramType[] = [];
  for (const type of PROGRAM_TYPES) {
    if (!opening.types.includes(type) || !solution.types.includes(type) || !offered.includes(type)) continue;
    const key = `${fiscalYear}|${m.lgCode}|${partyKey(party)}|${type}`;
    let ok = cache?.get(key);
    if (ok === undefined) {
      const sender = senderFor(party, type);
      ok = sender !== null && checkEligibility({ municipality: m, sender, type, fiscalYear }).eligible;
      cache?.set(key, ok);
    }
    if (ok) out.push(type);
  }
  return out;
}
