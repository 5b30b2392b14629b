import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The command line as an operator meets it: the real entry run as a child process. A broken
 * configuration and a database folder that must stay absent prove that help and usage errors
 * need neither.
 */

const main = join(import.meta.dirname, 'main.ts');
// Run from a temporary folder (no .env of the checkout), so tsx is named by its full path.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function forening(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data'), PORT: 'not-a-port', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, main, ...args], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Each call is a Node start-up loading the whole app: a few at a time, so two cores are not swamped. */
async function runAll(calls: string[][], parallel = 4): Promise<Run[]> {
  const results: Run[] = new Array(calls.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < calls.length; i = next++) results[i] = await forening(calls[i]);
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return results;
}

/** Every command, with the usage line its help must show. */
const COMMANDS: [string[], string][] = [
  [['serve'], 'Usage: forening serve'],
  [['worker'], 'Usage: forening worker'],
  [['migrate'], 'Usage: forening migrate'],
  [['seed'], 'Usage: forening seed --demo'],
  [['create-admin'], 'Usage: forening create-admin --email E [--first-name F] [--last-name L]'],
  [['token'], '  forening token create --name N [--role R] [--unit UNIT_ID] [--person MEMBER_NUMBER_OR_EMAIL]'],
  [['token', 'create'], 'Usage: forening token create --name N [--role R] [--unit UNIT_ID] [--person MEMBER_NUMBER_OR_EMAIL]'],
  [['import'], 'Usage: forening import members|workplaces FILE.csv [--dry-run] [--lang da|sv|en]'],
];

const lines = (text: string) => text.split('\n');
const stackLines = (text: string) => lines(text).filter((l) => /^\s+at /.test(l));

/** Every call the tests look at, run once up front and side by side: each is a whole Node start-up. */
const CALLS = {
  help: COMMANDS.map(([words]) => [...words, '--help']),
  short: ['token', 'create', '-h'],
  helpWord: ['help', 'import'],
  // The option parsing is shared; these cover a plain command, one with options, a group and one with positionals.
  unknownOption: [['serve'], ['create-admin'], ['token'], ['import']].map((words) => [...words, '--bogus']),
  noValue: ['create-admin', '--email'],
  noEmail: ['create-admin', '--first-name', 'Alma'],
  badRole: ['token', 'create', '--name', 'Lønsystem', '--role', 'king'],
  unknownCommand: ['frobnicate'],
  // The same environment is refused by a command that needs it.
  brokenConfig: ['migrate'],
};
let runs: { help: Run[]; short: Run; helpWord: Run; unknownOption: Run[]; noValue: Run; noEmail: Run; badRole: Run; unknownCommand: Run; brokenConfig: Run };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forening-cli-'));
  const single = [CALLS.short, CALLS.helpWord, CALLS.noValue, CALLS.noEmail, CALLS.badRole, CALLS.unknownCommand, CALLS.brokenConfig];
  const all = await runAll([...CALLS.help, ...CALLS.unknownOption, ...single]);
  const help = all.splice(0, CALLS.help.length);
  const unknownOption = all.splice(0, CALLS.unknownOption.length);
  const [short, helpWord, noValue, noEmail, badRole, unknownCommand, brokenConfig] = all;
  runs = { help, short, helpWord, unknownOption, noValue, noEmail, badRole, unknownCommand, brokenConfig };
  // Some thirty CLI processes, each starting Node with tsx: on two busy cores that took more than two minutes.
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const usageOf = (name: string) => COMMANDS.find(([words]) => words.join(' ') === name)![1];

describe('forening <command> --help', () => {
  it('prints each command’s usage to stdout and exits 0', () => {
    COMMANDS.forEach(([words, usage], i) => {
      const run = runs.help[i];
      expect(run.code, `${words.join(' ')} --help: ${run.stderr}`).toBe(0);
      expect(lines(run.stdout), words.join(' ')).toContain(usage);
      expect(run.stderr).toBe('');
    });
    expect(runs.short).toMatchObject({ code: 0, stderr: '' });
    expect(lines(runs.short.stdout)).toContain(usageOf('token create'));
    expect(runs.helpWord.code).toBe(0);
    expect(lines(runs.helpWord.stdout)).toContain(usageOf('import'));
  });

  it('needs neither a valid configuration nor the database', () => {
    // Every run has PORT=not-a-port, which a command that reads the configuration refuses.
    expect(runs.brokenConfig.code).toBe(1);
    expect(runs.brokenConfig.stderr).toContain('PORT');
    expect(runs.help.every((r) => r.code === 0)).toBe(true);
    // Nor did any run create the embedded database's folder.
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});

describe('a wrong call', () => {
  it('names an unknown option in one line, then the command’s usage, on stderr with exit code 1 and no stack trace', () => {
    CALLS.unknownOption.forEach((words, i) => {
      const run = runs.unknownOption[i];
      const name = words.slice(0, -1).join(' ');
      expect(run.code, name).toBe(1);
      expect(lines(run.stderr)[0], name).toBe(`${name}: unknown option --bogus`);
      expect(lines(run.stderr), name).toContain(usageOf(name));
      expect(stackLines(run.stderr), name).toEqual([]);
      expect(run.stdout).toBe('');
    });
  });

  it('names a missing or invalid value and an unknown command the same way', () => {
    const { noValue, noEmail, badRole, unknownCommand } = runs;
    expect(noValue).toMatchObject({ code: 1, stdout: '' });
    expect(lines(noValue.stderr)[0]).toBe('create-admin: --email needs a value');
    expect(lines(noValue.stderr)).toContain(usageOf('create-admin'));
    expect(noEmail.code).toBe(1);
    expect(lines(noEmail.stderr)[0]).toBe('create-admin: --email is required');
    expect(badRole.code).toBe(1);
    expect(lines(badRole.stderr)[0]).toBe('token create: --role must be one of member, steward, staff, board, admin');
    expect(lines(badRole.stderr)).toContain(usageOf('token create'));
    expect(unknownCommand.code).toBe(1);
    expect(lines(unknownCommand.stderr)[0]).toBe('Unknown command "frobnicate".');
    // The general usage follows, listing every command.
    expect(unknownCommand.stderr).toContain('Usage: forening <command> [options]');
    for (const [words] of COMMANDS) expect(unknownCommand.stderr).toContain(`  ${words.join(' ')}`);
    for (const run of [noValue, noEmail, badRole, unknownCommand]) expect(stackLines(run.stderr)).toEqual([]);
  });
});
