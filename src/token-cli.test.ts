import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from './runtime.js';
import { persons, units } from './kernel/tables.js';
import { memberships, membershipTypes } from './features/members/tables.js';
import { testApp, testConfig } from './test/app.js';

/**
 * `forening token create --person …` as an operator runs it: the real entry as a child process
 * against an embedded database in a temporary folder, then the printed token used on the API.
 */

const main = join(import.meta.dirname, 'main.ts');
// Run from the temporary folder (no .env of the checkout), so tsx is named by its full path.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let dir: string;

function forening(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
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

/** The embedded database, opened by this process between two commands (it belongs to one process at a time). */
const config = () => testConfig({ DATA_DIR: join(dir, 'data') });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forening-token-cli-'));
  const admin = await forening('create-admin', '--email', 'alma@example.org', '--first-name', 'Alma', '--last-name', 'Admin');
  expect(admin.code, admin.stderr).toBe(0);
  const database = await openMigratedDatabase(config());
  try {
    const [national] = await database.db.insert(units).values({ kind: 'national', name: 'Forbundet' }).returning();
    const [type] = await database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
    const [mette] = await database.db.insert(persons).values({ firstName: 'Mette', lastName: 'Møller', email: 'mette@example.org' }).returning();
    await database.db.insert(memberships).values({ personId: mette.id, typeId: type.id, unitId: national.id, status: 'active', memberNumber: '770001' });
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tokenIn = (stdout: string) => /^(fo_\S+)$/m.exec(stdout)?.[1] ?? '';

describe('forening token create --person', () => {
  it('prints a personal token for a member number or an e-mail, which acts as that person on the API', { timeout: 120_000 }, async () => {
    const byNumber = await forening('token', 'create', '--name', 'Mettes script', '--person', '770001');
    expect(byNumber.code, byNumber.stderr).toBe(0);
    expect(byNumber.stdout).toContain('Personal API token "Mettes script" for Mette Møller created.');
    const byEmail = await forening('token', 'create', '--name', 'Almas script', '--person', 'ALMA@example.org');
    expect(byEmail.code, byEmail.stderr).toBe(0);
    expect(byEmail.stdout).toContain('for Alma Admin created.');

    const database = await openMigratedDatabase(config());
    const t = await testApp({}, database);
    try {
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${tokenIn(byNumber.stdout)}` } });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json()).toMatchObject({ firstName: 'Mette', membership: { memberNumber: '770001' } });
      // Alma's token has Alma's rights: she is an administrator.
      const roles = await t.app.inject({ method: 'GET', url: '/api/v1/roles', headers: { authorization: `Bearer ${tokenIn(byEmail.stdout)}` } });
      expect(roles.statusCode, roles.body).toBe(200);
      expect(roles.json().items).toEqual([expect.objectContaining({ firstName: 'Alma', role: 'admin' })]);
    } finally {
      await t.close();
      await database.close();
    }
  });

  it('exits 1 for an unknown person, and for --role with --person, without a token', { timeout: 120_000 }, async () => {
    const [unknown, both, neither] = await Promise.all([
      forening('token', 'create', '--name', 'X', '--person', '999999'),
      forening('token', 'create', '--name', 'X', '--role', 'staff', '--person', '770001'),
      forening('token', 'create', '--name', 'X'),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('token create: no person with member number or e-mail "999999"');
    expect(both.code).toBe(1);
    expect(both.stderr.split('\n')[0]).toBe('token create: --role and --person exclude each other');
    expect(neither.code).toBe(1);
    expect(neither.stderr.split('\n')[0]).toBe('token create: --role or --person is required');
    for (const run of [unknown, both, neither]) expect(tokenIn(run.stdout)).toBe('');
  });
});
