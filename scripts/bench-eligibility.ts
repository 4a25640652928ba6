import { performance } from 'node:perf_hooks';
import {
  checkEligibility,
  checkPairing,
  fiscalYearOf,
  PROGRAM_TYPES,
  resolveMunicipality,
  type Sender,
} from '../app/domain/eligibility';
import { readMunicipalityMaster } from '../db/municipalities/import';

// Every pairing of the master (receiver × head office × type), then name resolution and full
// name-to-answer checks as the CLI and API run them. Prints figures; asserts nothing.
const list = await readMunicipalityMaster();
const fiscalYear = Number(process.env.FY ?? fiscalYearOf(new Date()));
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function senderFor(type: (typeof PROGRAM_TYPES)[number], hq: (typeof list)[number]): Sender {
  if (type === 'dispatch') return { kind: 'company', hq };
  return { kind: 'individual', employment: type === 'side_job' ? 'employed' : 'retired', employerHq: hq };
}

// warm-up so the JIT has compiled the hot path before timing
for (let i = 0; i < 200_000; i += 1) checkEligibility({ municipality: list[i % list.length], sender: senderFor('dispatch', list[(i * 7) % list.length]), type: 'dispatch', fiscalYear });

let checks = 0;
let eligible = 0;
const perType: Record<string, number> = {};
const start = performance.now();
for (const type of PROGRAM_TYPES) {
  let n = 0;
  for (const hq of list) {
    const sender = senderFor(type, hq);
    for (const municipality of list) {
      if (checkEligibility({ municipality, sender, type, fiscalYear }).eligible) n += 1;
      checks += 1;
    }
  }
  perType[type] = n;
  eligible += n;
}
const seconds = (performance.now() - start) / 1000;
console.log(`full table: ${fmt.format(list.length)} × ${fmt.format(list.length)} × ${PROGRAM_TYPES.length} = ${fmt.format(checks)} checks (FY${fiscalYear})`);
console.log(`  ${seconds.toFixed(2)} s, ${fmt.format(checks / seconds)} checks/s, ${((seconds * 1e9) / checks).toFixed(0)} ns/check`);
console.log(`  eligible pairings: ${fmt.format(eligible)} (${Object.entries(perType).map(([t, n]) => `${t} ${fmt.format(n)}`).join(', ')})`);

const names = list.map((m) => `${m.prefName} ${m.name}`);
let t = performance.now();
for (const name of names) resolveMunicipality(name, list);
let ms = performance.now() - t;
console.log(`resolve "都道府県 名前": ${fmt.format(names.length)} names in ${ms.toFixed(1)} ms (${((ms * 1000) / names.length).toFixed(1)} µs each)`);

const pairs = 20_000;
t = performance.now();
for (let i = 0; i < pairs; i += 1) {
  const a = list[(i * 31) % list.length];
  const b = list[(i * 17 + 5) % list.length];
  checkPairing({ municipality: `${a.prefName}${a.name}`, companyHq: b.lgCode, type: PROGRAM_TYPES[i % 3] }, list, fiscalYear);
}
ms = performance.now() - t;
console.log(`name → answer (as the CLI and API): ${fmt.format(pairs)} pairings in ${ms.toFixed(0)} ms (${((ms * 1000) / pairs).toFixed(1)} µs each)`);
