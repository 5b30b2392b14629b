import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
// Run from the temporary folder (no .env of the checkout), so tsx is named by its full path.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let dir: string;

/** Runs the real CLI (`forening …`) against an embedded database in a temporary folder. */
function forening(...args: string[]): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data'), LANG: 'en_GB.UTF-8', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'src', 'main.ts'), ...args], { cwd: dir, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forening-import-cli-'));
  const seeded = await forening('seed', '--demo');
  expect(seeded.out).toContain('Demo organisation seeded.');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forening import', () => {
  const members = () => file('members.csv', '\uFEFFmedlemsnummer;fornavn;efternavn;e-mail;kreds\r\n;Anne;Ærø;anne.cli@example.org;Nord\r\n;Bo;Øst;bo.cli@example.org;Midt\r\n');

  it('--dry-run prints the counts and exits 0; a file with errors prints each and exits 1; neither writes', { timeout: 90_000 }, async () => {
    const dry = await forening('import', 'members', members(), '--dry-run');
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toMatch(/New:\s+2\n\s+Updated:\s+0\n\s+Unchanged:\s+0\n\s+Errors:\s+0/);
    expect(dry.out).toContain('Nothing was saved (--dry-run)');

    const bad = file('bad.csv', 'fornavn;efternavn;e-mail;kreds\nAnne;Ærø;anne.cli@example.org;Nord\nCarl;Berg;carl@;Nord\nDina;Berg;dina.cli@example.org;Vest\n');
    const refused = await forening('import', 'members', bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Row 3, Column "e-mail": “e-mail” must be a valid e-mail address');
    expect(refused.out).toContain('Row 4, Column "kreds": “kreds”: there is no unit “Vest”.');
    expect(refused.out).toContain('Nothing was saved.');

    // Neither run wrote Anne: importing the good file now creates both.
    const applied = await forening('import', 'members', members(), '--lang', 'da');
    expect(applied.code, applied.out).toBe(0);
    expect(applied.out).toContain('Importen er gennemført: 2 nye, 0 opdaterede og 0 uændrede.');
  });

  it('imports workplaces too', { timeout: 60_000 }, async () => {
    const workplaces = await forening('import', 'workplaces', file('w.csv', 'name,employer_kind,unit\nCLI-stedet,region,Syd\n'));
    expect(workplaces.code, workplaces.out).toBe(0);
    expect(workplaces.out).toContain('1 new');
  });

  it('explains how it is used, and names a file it cannot read', async () => {
    const usage = await forening('import', 'people', 'x.csv');
    expect(usage.code).toBe(1);
    expect(usage.out).toContain('Usage: forening import members|workplaces FILE.csv [--dry-run]');
    const missing = await forening('import', 'members', join(dir, 'nowhere.csv'));
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('Cannot read');
  });
});
