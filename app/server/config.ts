import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://postgres@127.0.0.1:5432/test')
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

/** An address, a CIDR range, one of Express's named ranges, or none. */
const TRUST_PROXY_PART = /^(none|loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
    PORT: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    OPERATOR_TOTP: z.enum(['required', 'offered'], { message: 'must be required or offered' }).optional(),
    DEV_MAIL: z.enum(['0', '1'], { message: 'must be 1 (on) or 0 (off)' }).default('0'),
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .refine((v) => v.split(',').every((part) => TRUST_PROXY_PART.test(part.trim())), 'must be a comma-separated list of addresses, CIDR ranges or loopback / linklocal / uniquelocal, or "none"'),
    SESSION_SECRET: optionalString.pipe(
      z.string().min(32, 'must be at least 32 characters long').optional(),
    ),
    MEILI_HOST: optionalString.pipe(z.string().url('must be a URL such as http://127.0.0.1:7700').optional()),
    MEILI_API_KEY: optionalString,
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
        .optional(),
    ),
    REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
    DATA_DIR: z.string().min(1, 'must not be empty').default('./.data'),
    PUBLIC_URL: optionalString.pipe(z.string().url('must be a URL such as https://kigyojin.example.jp').optional()),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PAGE_CACHE_MB: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 1024')
      .max(1024, 'must be between 0 and 1024')
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production (32+ random characters)' });
    }
    if (env.MEILI_API_KEY && !env.MEILI_HOST) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_HOST'], message: 'is required when MEILI_API_KEY is set' });
    }
  });

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** /dev/mail for anonymous requests from this machine (DEV_MAIL=1; `npm start` turns it on); operators always */
  devMail: boolean;
  /** operators must set up TOTP before any signed-in page (default in production) or are only offered it */
  operatorTotp: 'required' | 'offered';
  /** the proxies whose X-Forwarded-For is believed (Express `trust proxy`); [] = none */
  trustProxy: string[];
  sessionSecret: string;
  meili: { host: string; apiKey: string | undefined } | undefined;
  smtpUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  logLevel: string;
  /** memory for rendered pages served to anonymous visitors (app/server/page-cache.ts); 0 = off */
  pageCacheMb: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError listing one line per wrong or missing variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = env[name];
      return `${name}: ${issue.message}${value !== undefined && !/SECRET|KEY|PASSWORD/.test(name) ? ` (got "${value}")` : ''}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    devMail: e.DEV_MAIL === '1',
    operatorTotp: e.OPERATOR_TOTP ?? (e.NODE_ENV === 'production' ? 'required' : 'offered'),
    trustProxy: e.TRUST_PROXY.split(',').map((v) => v.trim()).filter((v) => v !== '' && v.toLowerCase() !== 'none'),
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(dataDir),
    meili: e.MEILI_HOST ? { host: e.MEILI_HOST, apiKey: e.MEILI_API_KEY } : undefined,
    smtpUrl: e.SMTP_URL,
    redisUrl: e.REDIS_URL,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    // Off in tests unless asked for: a test that writes and then reads a page sees the write at once.
    pageCacheMb: e.PAGE_CACHE_MB ?? (e.NODE_ENV === 'test' ? 0 : 32),
  });
}

/** Outside production a secret is generated once and kept in DATA_DIR, so the demo needs no setup. */
function localSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
