import type { Kysely } from 'kysely';
import type { Database } from '../database';
import { importMunicipalities, readMunicipalityMaster } from '../municipalities/import';
import { seedAccounts } from './accounts';
import { DEMO_SCALE_APPLICATIONS, seedDemoScale } from './demo-scale';
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

/**
 * What `npm start` and `npm run db:seed` fill: the demo and, so that the ministry dashboard shows a
 * real funnel, the scale seed of DEMO_SCALE_APPLICATIONS applications over two fiscal years
 * (`applications: 0` leaves it out). Idempotent like every step.
 */
export async function seedDemoWithScale(db: Kysely<Database>, log: (line: string) => void = () => {}, options: { applications?: number; now?: Date } = {}) {
  await seedDemo(db, log);
  const applications = options.applications ?? DEMO_SCALE_APPLICATIONS;
  if (applications > 0) log(`seed demo-scale: ${await seedDemoScale(db, { applications, until: options.now })}`);
}
