import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ExportFormat } from '../app/documents/render.server';
import { buildAgreement, checkAgreement, parseAgreementDraft, type AgreementDraft } from '../app/domain/agreements';
import { readMunicipalityMaster } from '../db/municipalities/import';
import { reportCliError, UsageError } from './lib/cli';

const USAGE = [
  'usage: npm run --silent agreement -- check <draft.json> [--csv municipalities.csv]',
  '       npm run --silent agreement -- render <draft.json> --format docx|pdf|html --out <file> [--strict]',
].join('\n');

/** A draft file that cannot be read or does not match the draft format: exit 2 with every problem listed. */
class DraftError extends UsageError {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems`}`);
  }
}

async function readDraft(file: string): Promise<AgreementDraft> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new DraftError(file, [e.code === 'ENOENT' ? 'file not found' : `cannot read (${e.code ?? e.message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DraftError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = parseAgreementDraft(json);
  if (!parsed.ok) throw new DraftError(file, parsed.issues.map((i) => `${i.field}: ${i.message_ja}`));
  return parsed.draft;
}

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        csv: { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, file, ...rest] = positionals;
  if (!command || !file || rest.length > 0 || (command !== 'check' && command !== 'render')) throw new UsageError(USAGE);

  const draft = await readDraft(file);
  const municipalities = await readMunicipalityMaster(typeof values.csv === 'string' ? values.csv : undefined);
  const check = checkAgreement(draft, { municipalities });

  if (command === 'check') {
    console.log(JSON.stringify(check, null, 2));
    return 0;
  }

  // loaded only here: the Word and PDF libraries take a while to import, and check needs neither
  const { renderAgreement, EXPORT_FORMATS } = await import('../app/documents/render.server');
  const format = values.format;
  if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}\n${USAGE}`);
  }
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError(`--out <file> is required\n${USAGE}`);
  if (!check.ok) {
    for (const v of check.violations) console.error(`warning: ${v.field}: ${v.message_ja} [${v.code}]`);
    if (values.strict) {
      console.error(`error: the draft breaks ${check.violations.length} rule(s); nothing written (--strict)`);
      return 1;
    }
  }
  const rendered = await renderAgreement(buildAgreement(draft), format as ExportFormat);
  await writeFile(values.out, rendered.body);
  console.log(`${values.out}: ${rendered.body.length} bytes, draft version ${rendered.stamp.draftVersion}, sha256 ${rendered.stamp.contentSha256}`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof DraftError && error.problems.length > 1) {
    console.error(`error: ${error.file}: the draft is invalid:`);
    for (const p of error.problems) console.error(`  ${p}`);
    process.exitCode = 2;
  } else {
    process.exitCode = reportCliError(error);
  }
}
