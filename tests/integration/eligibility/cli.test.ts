import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../app/server/app';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eligibility.ts', ...args], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH, NODE_ENV: 'test' } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('scripts/eligibility.ts', () => {
  it('prints the decided answer as JSON and exits 0, eligible or not', () => {
    const yes = cli('--municipality', '北海道 伊達市', '--company-hq', '131016', '--type', 'dispatch', '--fy', '2026');
    expect(yes.code).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({ eligible: true, companyClass: 'A', ruleVersion: 'fy2026' });
    const no = cli('--municipality', '北海道伊達市', '--company-hq', '北海道札幌市', '--type', 'side_job', '--employment', 'retired');
    expect(no.code).toBe(0);
    expect(JSON.parse(no.stdout).reasons.map((r: { code: string }) => r.code).sort()).toEqual(['class_b_same_prefecture', 'side_job_requires_employed']);
  });

  it('answers a freelancer without a head office', () => {
    const run = cli('--municipality', '012335', '--type', 'side_job', '--employment', 'freelance');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ eligible: false, companyClass: 'none', reasons: [{ code: 'freelance_not_eligible' }] });
  });

  it.each([
    ['an ambiguous name', ['--municipality', '府中市', '--company-hq', '131016', '--type', 'dispatch'], '「府中市」に該当する市区町村が2件あります（東京都府中市（132063）、広島県府中市（342084））'],
    ['an unknown code', ['--municipality', '011003', '--company-hq', '131016', '--type', 'dispatch'], '検査数字'],
    ['a bad type', ['--municipality', '012335', '--company-hq', '131016', '--type', 'intern'], '類型は'],
    ['an unknown option', ['--municipality', '012335', '--type', 'dispatch', '--bogus'], "Unknown option '--bogus'"],
    ['a missing option', ['--company-hq', '131016'], '--municipality and --type are required'],
  ])('exits 2 with one line for %s', (_name, args, text) => {
    const run = cli(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(text);
  });
});
