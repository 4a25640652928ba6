import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMunicipalitiesCsv } from '../../../db/municipalities/csv';
import { MUNICIPALITIES_CSV } from '../../../db/municipalities/import';
import { parseAgreementDraft, type AgreementDraft, type AgreementKind } from '../../../app/domain/agreements';

export const EXAMPLES_DIR = path.resolve(import.meta.dirname, '../../../scripts/examples');
export const EXAMPLE_FILES: Record<AgreementKind, string> = {
  dispatch: path.join(EXAMPLES_DIR, 'agreement-dispatch.json'),
  side_job: path.join(EXAMPLES_DIR, 'agreement-side-job.json'),
  senior: path.join(EXAMPLES_DIR, 'agreement-senior.json'),
};

/** The shipped municipality master, parsed once per test file. */
export const municipalities = parseMunicipalitiesCsv(readFileSync(MUNICIPALITIES_CSV, 'utf8'));

export function exampleJson(kind: AgreementKind): Record<string, any> {
  return JSON.parse(readFileSync(EXAMPLE_FILES[kind], 'utf8'));
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge(base: any, patch: any): any {
  if (patch === undefined) return base;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = { ...base };
  // an explicit undefined removes the field
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = merge(base?.[k], v);
  }
  return out;
}

/** The example draft of a kind with some fields changed; fails the test if the result is not a valid draft. */
export function draftOf<K extends AgreementKind>(kind: K, patch: DeepPartial<Extract<AgreementDraft, { kind: K }>> = {}): Extract<AgreementDraft, { kind: K }> {
  const parsed = parseAgreementDraft(merge(exampleJson(kind), patch));
  if (!parsed.ok) throw new Error(`invalid test draft: ${JSON.stringify(parsed.issues)}`);
  return parsed.draft as Extract<AgreementDraft, { kind: K }>;
}
