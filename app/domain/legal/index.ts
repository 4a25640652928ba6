import { PRIVACY } from './privacy';
import { TERMS } from './terms';

export type { PolicyDocument, PolicySection } from './types';
export { PRIVACY, TERMS };

/**
 * The versions in force of the texts a user agrees to. Sign-up and the contact form record these ids
 * (with the time), so what someone agreed to can always be shown again: a change of wording is a new
 * id in terms.ts / privacy.ts, never an edit of the text behind an existing id.
 */
export const LEGAL_VERSIONS = {
  terms: { id: TERMS.id, effectiveOn: TERMS.effectiveOn },
  privacy: { id: PRIVACY.id, effectiveOn: PRIVACY.effectiveOn },
} as const;
