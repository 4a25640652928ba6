import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { renderAgreement, EXPORT_FORMATS, type ExportFormat } from '../app/documents/render.server';
import { buildAgreement, checkAgreement, parseAgreementDraft, type AgreementDraft } from '../app/domain/agreements';
import { readMunicipalityMaster } from '../db/municipalities/import';

// Time to generate each format from a draft (build + render), over the three example drafts in turn.
// Prints figures; asserts nothing. RUNS=… changes the number of timed runs per format.
const RUNS = Number(process.env.RUNS ?? 60);
const WARMUP = 5;

const drafts: AgreementDraft[] = [];
for (const name of ['dispatch', 'side-job', 'senior']) {
  const parsed = parseAgreementDraft(JSON.parse(await readFile(new URL(`./examples/agreement-${name}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`example ${name} is invalid: ${JSON.stringify(parsed.issues)}`);
  drafts.push(parsed.draft);
}
const municipalities = await readMunicipalityMaster();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(name: string, times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  console.log(`${name.padEnd(6)} n=${s.length}  mean ${mean.toFixed(2)} ms  p50 ${percentile(s, 50).toFixed(2)} ms  p95 ${percentile(s, 95).toFixed(2)} ms  max ${s[s.length - 1].toFixed(2)} ms`);
  return percentile(s, 95);
}

const checkTimes: number[] = [];
for (let i = 0; i < RUNS + WARMUP; i++) {
  const t = performance.now();
  checkAgreement(drafts[i % drafts.length], { municipalities });
  if (i >= WARMUP) checkTimes.push(performance.now() - t);
}
summary('check', checkTimes);

const p95: Partial<Record<ExportFormat, number>> = {};
for (const format of EXPORT_FORMATS) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const t = performance.now();
    await renderAgreement(buildAgreement(drafts[i % drafts.length]), format);
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  p95[format] = summary(format, times);
}
console.log(`docx p95 ${p95.docx!.toFixed(1)} ms, pdf p95 ${p95.pdf!.toFixed(1)} ms`);
