import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, exampleJson } from '../../unit/agreements/drafts';

const root = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'agreement-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/agreement.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run agreement', () => {
  it('check prints the rule check and the estimate as JSON, exit 0', () => {
    const r = cli('check', EXAMPLE_FILES.dispatch);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.violations).toEqual([]);
    expect(out.taxEstimate.byFiscalYear.map((y: { fiscalYear: number; months: number }) => [y.fiscalYear, y.months])).toEqual([
      [2026, 6],
      [2027, 12],
    ]);
    expect(out.taxEstimate.total).toBe(8_640_000);
  });

  it('check of a draft that breaks rules is still a completed check: exit 0, ok false', () => {
    const file = path.join(work, 'short.json');
    writeFileSync(file, JSON.stringify({ ...exampleJson('dispatch'), term: { start: '2026-10-01', end: '2027-03-30' } }));
    const r = cli('check', file);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.violations).toEqual([{ field: 'term.end', code: 'term_too_short', message_ja: expect.stringContaining('6か月以上') }]);
  });

  it('exit 2 with a precise message for a missing file, broken JSON or an invalid draft', () => {
    const missing = cli('check', path.join(work, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: file not found/);

    const broken = path.join(work, 'broken.json');
    writeFileSync(broken, '{"kind": "dispatch",');
    const bad = cli('check', broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/broken\.json: not valid JSON/);

    const invalid = path.join(work, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ ...exampleJson('senior'), version: 0, term: { start: '2026-04-01', end: '2026-13-01' } }));
    const r = cli('check', invalid);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('version: 版は1以上です');
    expect(r.stderr).toContain('term.end: 終了日はYYYY-MM-DD形式の実在する日付で入力してください');
  });

  it('render writes the document and reports version and hash', () => {
    const out = path.join(work, 'side-job.docx');
    const r = cli('render', EXAMPLE_FILES.side_job, '--format', 'docx', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/draft version 1, sha256 [0-9a-f]{64}/);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('render refuses a bad format, and with --strict a draft that breaks rules', () => {
    expect(cli('render', EXAMPLE_FILES.senior, '--format', 'odt', '--out', path.join(work, 'x')).code).toBe(2);
    const file = path.join(work, 'unapproved.json');
    writeFileSync(file, JSON.stringify({ ...exampleJson('side_job'), employer: { ...exampleJson('side_job').employer, approval: { obtained: false } } }));
    const strict = cli('render', file, '--format', 'html', '--out', path.join(work, 'strict.html'), '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('employer_approval_missing');
    const lax = cli('render', file, '--format', 'html', '--out', path.join(work, 'lax.html'));
    expect(lax.code).toBe(0);
    expect(lax.stderr).toContain('warning: employer.approval.obtained');
  });
});
