import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LEGAL_VERSIONS, PRIVACY, TERMS, type PolicyDocument } from '../../../app/domain/legal';
import { PRIVACY_V1, PRIVACY_V2, PRIVACY_V3, PRIVACY_V4 } from '../../../app/domain/legal/privacy';

/*
 * Sign-up records the version id a user agreed to, so the text behind an id must never change. Every
 * published version's text is pinned here by its SHA-256: a change of wording needs a new id (and
 * effectiveOn) in the document, plus its line below; editing the text of a pinned id fails.
 */
const PUBLISHED: Record<string, string> = {
  'terms-v1': '2b20e2836c45f905dbca6483d2ff810711cfdf9e08ddb1907a322ce55ebf334c',
  'privacy-v1': '88b2731861dfeca04bb429e60e379d1f12b4f24b4b6fd05597cf9998dbc21186',
  'privacy-v2': '9eeb75be17026816c3a7d8596009b1a02f149e9ae492bde918836c6076893d0b',
  'privacy-v3': 'b1ece3648d0f79dfcedfd9887c9192f2ca5e8f67d7a621a7619e7b164af92482',
  'privacy-v4': 'ab672da67c5eaeb422f05219cac7c5418a7bc33b33cdbd67d906459c8a39b365',
  'privacy-v5': '4cbc8f79db0bd545ab83e7cf0aa6c8600e1c000362c0a3729168fabaeafc921d',
};

const textHash = (doc: PolicyDocument) => createHash('sha256').update(JSON.stringify({ title: doc.title, intro: doc.intro, sections: doc.sections })).digest('hex');

describe('versioned policies', () => {
  it.each([TERMS, PRIVACY_V1, PRIVACY_V2, PRIVACY_V3, PRIVACY_V4, PRIVACY])('$title: the text of version $id is the one that was published', (doc) => {
    expect(PUBLISHED[doc.id], `new version ${doc.id}: add its hash ${textHash(doc)}`).toBeDefined();
    expect(textHash(doc)).toBe(PUBLISHED[doc.id]);
  });

  it('LEGAL_VERSIONS names the versions in force, with a real date', () => {
    expect(LEGAL_VERSIONS.terms).toEqual({ id: TERMS.id, effectiveOn: TERMS.effectiveOn });
    expect(LEGAL_VERSIONS.privacy).toEqual({ id: PRIVACY.id, effectiveOn: PRIVACY.effectiveOn });
    for (const v of Object.values(LEGAL_VERSIONS)) expect(new Date(`${v.effectiveOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(v.effectiveOn);
  });
});
