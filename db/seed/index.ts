import type { Kysely } from 'kysely';
import type { Database } from '../database';
import { importMunicipalities, readMunicipalityMaster } from '../municipalities/import';
import { seedAccounts } from './accounts';
import { seedAgreementDemo } from './agreements';
import { seedListings } from './listings';

export type SeedStep = { name: string; run: (db: Kysely<Database>) => Promise<string> };

/**
 * Demo data, in dependency order. Every step is idempotent: running the seed twice leaves the
 * same data as running it once.
 */
export const seedSteps: SeedStep[] = [
  {
    name: 'municipalities',
    run: async (db) => `${await importMunicipalities(db, await readMunicipalityMaster())} municipalities`,
  },
  { name: 'accounts', run: seedAccounts },
  { name: 'listings', run: seedListings },
  { name: 'agreement-demo', run: seedAgreementDemo },
];

export async function seedDemo(db: Kysely<Database>, log: (line: string) => void = () => {}) {
  for (const step of seedSteps) log(`seed ${step.name}: ${await step.run(db)}`);
}
