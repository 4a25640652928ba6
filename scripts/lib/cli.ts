import { ConfigError, loadConfig, type Config } from '../../app/server/config';
import { MunicipalityCsvError } from '../../db/municipalities/csv';
import { MigrationError } from '../../db/migrate';

/** Thrown by a CLI for bad arguments or unknown input: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs a command-line entry point: configuration problems and known failures become one line per
 * problem on stderr and a non-zero exit code, never a stack trace.
 */
export async function runCli(main: (ctx: { config: Config }) => Promise<void | number>): Promise<void> {
  try {
    const config = loadConfig();
    const code = await main({ config });
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (error) {
    process.exitCode = reportCliError(error);
  }
}

export function reportCliError(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error('Configuration error:');
    for (const p of error.problems) console.error(`  ${p}`);
    return 1;
  }
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}`);
    return 2;
  }
  if (error instanceof MunicipalityCsvError) {
    console.error('municipality master is malformed:');
    for (const p of error.problems) console.error(`  line ${p.line}: ${p.reason}`);
    return 1;
  }
  if (error instanceof MigrationError) {
    console.error(`error: ${error.message}`);
    return 1;
  }
  const e = error as { code?: string; message?: string };
  if (e?.code === 'ECONNREFUSED') {
    console.error(`error: cannot reach the database (${e.message}); is PostgreSQL running and DATABASE_URL right?`);
    return 1;
  }
  console.error(`error: ${e?.message ?? String(error)}`);
  return 1;
}
