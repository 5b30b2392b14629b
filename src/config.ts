import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { isProxyAddress, type ProxyTrust } from './platform/http/trust-proxy.js';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be 1 or 0 (or true/false)' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * How far X-Forwarded-For is believed: a number of proxy hops in front of the app (0: none, 1: one
 * reverse proxy), or the proxies' addresses/CIDRs, comma-separated. The old yes/no spellings mean 1
 * and 0: "yes" was always said of one proxy in front.
 */
const trustProxy = z.string().transform((value, ctx): ProxyTrust => {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes') return 1;
  if (v === 'false' || v === 'no') return 0;
  if (/^\d+$/.test(v) && Number(v) <= 20) return Number(v);
  const list = value.split(',').map((entry) => entry.trim());
  if (!/^\d+$/.test(v) && list.every((entry) => entry !== '' && isProxyAddress(entry))) return list;
  ctx.addIssue({ code: 'custom', message: 'must be a number of proxy hops from 0 to 20 or a comma-separated list of proxy addresses (e.g. 10.0.0.1,10.1.0.0/16)' });
  return z.NEVER;
});

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://forening.example.org' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Forening <no-reply@forening.localhost>'),
  FORENING_DEMO: bool.default(true),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  TRUST_PROXY: trustProxy.default(0),
  JOBS_IN_PROCESS: bool.default(true),
  LOGIN_RATE_LIMIT: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').default(10),
  // Mailings: messages per second per mailing in each worker process (N workers send up to N × this).
  MAILING_RATE: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(20),
  MAILING_BATCH_SIZE: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(5000, 'must be at most 5000').default(200),
  // Surveys: the smallest group results show (no survey may set less).
  SURVEY_MIN_GROUP: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(3, 'must be at least 3').max(100, 'must be at most 100').default(5),
  MAILING_SMTP_CONNECTIONS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(4),
});

export type Config = z.infer<typeof configSchema> & { publicUrl: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('Invalid configuration:\n' + problems.map((p) => '  - ' + p).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (if present) under the real environment: the environment wins. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env, dotenvPath = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  return { ...fromFile, ...env };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = env[name];
        return `${name} ${issue.message}${got !== undefined ? ` (got ${JSON.stringify(got)})` : ''}`;
      }),
    );
  }
  const c = result.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
  return { ...c, publicUrl };
}
