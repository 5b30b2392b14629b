import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Parses and returns the ConfigError, failing the test if none is thrown. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  it('fills in defaults for an empty environment', () => {
    const c = parseConfig({});
    expect(c.NODE_ENV).toBe('development');
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe('0.0.0.0');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.SESSION_SECRET).toBeUndefined();
    expect(c.DATA_DIR).toBe('./data');
    expect(c.MAIL_FROM).toBe('Forening <no-reply@forening.localhost>');
    expect(c.FORENING_DEMO).toBe(true);
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.TRUST_PROXY).toBe(0);
    expect(c.JOBS_IN_PROCESS).toBe(true);
    expect(c.LOGIN_RATE_LIMIT).toBe(10);
    expect(c.publicUrl).toBe('http://localhost:3000');
  });

  it('reads good values and derives the public URL without a trailing slash', () => {
    const c = parseConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u@db:5432/forening',
      SMTP_URL: 'smtps://mail.example.org:465',
      FORENING_DEMO: '0',
      TRUST_PROXY: 'yes',
      SESSION_SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://forening.example.org/',
      LOG_LEVEL: 'warn',
    });
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBe('postgresql://u@db:5432/forening');
    expect(c.SMTP_URL).toBe('smtps://mail.example.org:465');
    expect(c.FORENING_DEMO).toBe(false);
    // The old yes/no spelling still means one proxy in front.
    expect(c.TRUST_PROXY).toBe(1);
    expect(c.LOG_LEVEL).toBe('warn');
    expect(c.publicUrl).toBe('https://forening.example.org');
    expect(parseConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
  });

  it('reads TRUST_PROXY as a number of proxy hops or a list of proxy addresses', () => {
    expect(parseConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(0);
    expect(parseConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ TRUST_PROXY: 'no' }).TRUST_PROXY).toBe(0);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1,fd00::/8,loopback' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['SMTP_URL', 'http://x'],
    ['FORENING_DEMO', 'maybe'],
    ['SESSION_SECRET', 'too-short'],
    ['PUBLIC_URL', 'notaurl'],
    ['PUBLIC_URL', 'ftp://forening.example.org'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '-1'],
    ['TRUST_PROXY', '21'],
    ['TRUST_PROXY', '10.0.0.1,'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.300'],
    ['NODE_ENV', 'staging'],
  ])('rejects %s=%s with a ConfigError naming the variable', (name, value) => {
    const err = configError({ [name]: value });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0].startsWith(`${name} `)).toBe(true);
    expect(err.message).toContain(name);
    // The operator sees what was given, to spot a typo.
    expect(err.message).toContain(JSON.stringify(value));
  });

  it('names every bad variable at once, not only the first', () => {
    const err = configError({ PORT: 'abc', LOG_LEVEL: 'loud', SMTP_URL: 'http://x' });
    const named = err.problems.map((p) => p.split(' ')[0]).sort();
    expect(named).toEqual(['LOG_LEVEL', 'PORT', 'SMTP_URL']);
  });

  it('treats an empty string as unset', () => {
    const c = parseConfig({ PORT: '', DATABASE_URL: '', SMTP_URL: '', SESSION_SECRET: '', PUBLIC_URL: '', FORENING_DEMO: '', LOG_LEVEL: '' });
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.SESSION_SECRET).toBeUndefined();
    expect(c.FORENING_DEMO).toBe(true);
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.publicUrl).toBe('http://localhost:3000');
  });
});

describe('the CLI with a bad configuration', () => {
  it('exits with code 1 and a message naming the variable', async () => {
    // A clean environment, so a developer's own .env or DATABASE_URL cannot change the outcome;
    // cwd is a folder without .env for the same reason.
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: 'abc' };
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts'), 'serve'], { cwd: join(root, 'src'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`CLI did not exit; stdout: ${stdout}; stderr: ${stderr}`));
      }, 25_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('must be a number');
    // It failed on the configuration, before opening a database or a port.
    expect(stdout).not.toContain('Forening is running');
  });
});
