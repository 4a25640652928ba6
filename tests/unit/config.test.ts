import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/server/config';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'km-config-'));

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has working defaults for the embedded demo', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('keeps the generated session secret across restarts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(loadConfig({ DATA_DIR: dir }).sessionSecret);
  });

  it('names every wrong variable, one line each', () => {
    const problems = problemsOf({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'mysql://localhost/x',
      PORT: 'eighty',
      MEILI_HOST: 'not a url',
      SMTP_URL: 'http://mail',
      SESSION_SECRET: 'short',
    });
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('postgres://');
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith('MEILI_HOST:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('SMTP_URL:'))).toContain('smtp://');
    const secret = problems.find((p) => p.startsWith('SESSION_SECRET:'));
    expect(secret).toContain('32 characters');
    expect(secret).not.toContain('short');
    for (const p of problems) expect(p).not.toContain('\n');
  });

  it('requires a session secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toEqual([
      'SESSION_SECRET: is required in production (32+ random characters)',
    ]);
  });

  it('rejects a port out of range and an API key without a host', () => {
    const problems = problemsOf({ DATA_DIR: dataDir(), PORT: '70000', MEILI_API_KEY: 'k' });
    expect(problems.some((p) => p.startsWith('PORT: must be between 0 and 65535'))).toBe(true);
    expect(problems).toContain('MEILI_HOST: is required when MEILI_API_KEY is set');
  });

  it('accepts a full production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      SESSION_SECRET: 'x'.repeat(40),
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_API_KEY: 'key',
      SMTP_URL: 'smtp://mail.example.jp:587',
      PUBLIC_URL: 'https://kigyojin.example.jp/',
      PORT: '8080',
      DATA_DIR: dataDir(),
    });
    expect(config.meili).toEqual({ host: 'http://127.0.0.1:7700', apiKey: 'key' });
    expect(config.publicUrl).toBe('https://kigyojin.example.jp');
    expect(config.port).toBe(8080);
  });
});
