import { parseArgs } from 'node:util';
import { checkPairing, fiscalYearOf, pairingErrorsText } from '../app/domain/eligibility';
import { readMunicipalityMaster } from '../db/municipalities/import';
import { reportCliError, UsageError } from './lib/cli';

const USAGE =
  'usage: npm run --silent eligibility -- --municipality <code|name> --company-hq <code|name> --type dispatch|side_job|senior [--employment employed|retired|freelance] [--fy 2026] [--csv file]';

// Reads the master CSV directly, so it answers without a database; exit 0 = decided (eligible or not), 2 = bad input.
async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        municipality: { type: 'string' },
        'company-hq': { type: 'string' },
        type: { type: 'string' },
        employment: { type: 'string' },
        fy: { type: 'string' },
        csv: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.municipality === undefined || values.type === undefined) throw new UsageError(`--municipality and --type are required (${USAGE})`);
  const list = await readMunicipalityMaster(typeof values.csv === 'string' ? values.csv : undefined);
  const outcome = checkPairing(
    { municipality: values.municipality, companyHq: values['company-hq'], type: values.type, employment: values.employment, fy: values.fy },
    list,
    fiscalYearOf(new Date()),
  );
  if (!outcome.ok) throw new UsageError(pairingErrorsText(outcome.errors));
  const { result, ...pairing } = outcome;
  console.log(JSON.stringify({ ...result, type: pairing.type, employment: pairing.employment, municipality: pairing.municipality, companyHq: pairing.companyHq }, null, 2));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = reportCliError(error);
}
