import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

// Browser tests need Debian's chromium. Without it a local run leaves them out and says so; CI always
// runs them (`.ci/system-deps` installs the browser), so a missing browser there fails loudly.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runBrowserTests = existsSync(chromium) || process.env.CI === 'true';
if (!runBrowserTests) console.warn(`browser tests left out: ${chromium} not found (apt-get install -y chromium)`);

export default defineConfig({
  root,
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Each embedded database is a WebAssembly PostgreSQL of its own; two workers fit two cores.
    maxWorkers: 2,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], globalSetup: [] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      {
        extends: true,
        // e2e-setup.ts fails a test on what its pages and the server reported (tests/helpers/browser.ts).
        test: {
          name: 'e2e',
          include: runBrowserTests ? ['tests/e2e/**/*.test.ts'] : [],
          setupFiles: ['tests/helpers/e2e-setup.ts'],
          maxWorkers: 1,
          testTimeout: 120_000,
          // expect.poll waits 1 s by default: a form post that indexes and refreshes proposals can take
          // longer on a loaded 2-core host. Waiting longer changes no assertion, only when it gives up.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
