import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { localesDir } from '../../platform/paths.js';
import { labelOf } from '../../platform/i18n/labels.js';
import { translator } from '../../platform/i18n/i18n.js';
import { fieldNameLabel } from '../../platform/field-labels.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { memberColumns, workplaceColumns } from '../import/columns.js';
import { adminSession, testApp, type TestApp } from '../../test/app.js';

/**
 * The audit log names the fields an entry changed (`fields`), never their values. Every name that can
 * get there must read in the reader's language, not as the code's `checkedInAt` or `tokenHash`. The
 * names come from four places, and each is walked here:
 * - the columns of the tables the use cases write (updates are audited with `changedFields` over a
 *   row, and many entries name a column: `emailConfirmedAt`, `checkedInAt`, `tokenHash`);
 * - the keys of the inputs that use cases audit with `Object.keys(input)` or `changedFields(before, input)`;
 * - the names written out in the code's `fields: [...]` and `fields.push('…')`;
 * - the register imports' columns (their `field` is what the import's entry names).
 */

const srcDir = join(localesDir, '..');

/** Tables no person's action changes, so no audit entry names their columns; each with the reason. */
const unaudited: Record<string, string> = {
  audit_events: 'the audit log itself',
  mail_outbox: 'the outbox’s delivery state, written by the mailer',
  mailing_recipients: 'a mailing’s frozen recipients and their delivery, written in bulk by the sender (the mailing is audited)',
  instance_secrets: 'the installation’s own secrets, made once by the server',
  membership_insight_facts: 'the insights’ facts of the membership history, written only by triggers on membership_events',
  membership_insight_counts: 'the insights’ monthly counts, written only by triggers on membership_events',
  workplace_coverage_now: 'the insights’ coverage per workplace, written only by triggers on employments, memberships and workplaces',
};

/** Inputs whose keys are audited under another name. */
const inputsNamedOtherwise: Record<string, string> = {
  privacyNoticeInput: 'its languages are audited as the whole `privacyNotice`',
};

function sourceFiles(dir: string, name: RegExp = /\.tsx?$/): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p, name);
    return name.test(e.name) && !/\.(test|fixture)\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const where = (file: string) => relative(srcDir, file);

/** Every column of every table in the schema (the files drizzle-kit reads), but generated ones. */
async function tableColumns(): Promise<{ name: string; where: string }[]> {
  const out: { name: string; where: string }[] = [];
  for (const file of sourceFiles(srcDir, /tables\.ts$/)) {
    for (const value of Object.values(await import(file))) {
      if (!is(value, PgTable)) continue;
      const table = getTableConfig(value).name;
      if (Object.hasOwn(unaudited, table)) continue;
      for (const [key, column] of Object.entries(getTableColumns(value))) {
        // A generated column (a sort key, a search vector) is never written, so never changed.
        if ((column as { generated?: unknown }).generated) continue;
        out.push({ name: key, where: `${where(file)} ${table}` });
      }
    }
  }
  return out;
}

/** The keys of every input schema (`…Input`, `…Patch`, `…Update`, `…Change`) the features and the kernel export. */
async function inputKeys(): Promise<{ name: string; where: string }[]> {
  const out: { name: string; where: string }[] = [];
  for (const file of sourceFiles(srcDir, /schema\.ts$/)) {
    for (const [exported, value] of Object.entries(await import(file))) {
      if (!(value instanceof z.ZodObject) || !/(Input|Patch|Update|Change)$/.test(exported) || Object.hasOwn(inputsNamedOtherwise, exported)) continue;
      for (const key of Object.keys(value.shape)) out.push({ name: key, where: `${where(file)} ${exported}` });
    }
  }
  return out;
}

/**
 * The names written out where audited field lists are made: in a file that audits (or plans an
 * import, whose rows' fields the import's audit writes), the quoted names inside `[…]` on a line that
 * assigns a `fields`/`…Fields` list or passes `fields:`, and those pushed with `fields.push('…')`.
 */
function writtenNames(): { name: string; where: string }[] {
  const out: { name: string; where: string }[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    if (!/\baudit(?:Import)?\(/.test(text) && !where(file).startsWith(join('features', 'import'))) continue;
    for (const m of text.matchAll(/\b\w*[fF]ields\b\s*[:=]\s*([^;\n]*)/g)) {
      for (const list of m[1].matchAll(/\[([^[\]]*)\]/g)) for (const q of list[1].matchAll(/'([A-Za-z][\w.]*)'/g)) out.push({ name: q[1], where: where(file) });
    }
    for (const m of text.matchAll(/\b\w*[fF]ields\.push\(\s*'([A-Za-z][\w.]*)'/g)) out.push({ name: m[1], where: where(file) });
  }
  return out;
}

const unlabelled = (names: { name: string; where: string }[]) => [...new Set(names.filter((n) => !labelOf(fieldNameLabel, n.name)).map((n) => `${n.name} (${n.where})`))];

describe('the audit log’s field names', () => {
  it('label every column of the tables a use case writes', async () => {
    const columns = await tableColumns();
    // The walk must find the tables, or this test would pass for nothing.
    expect(columns.length).toBeGreaterThan(300);
    expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['tokenHash', 'checkedInAt', 'emailConfirmedAt', 'passwordHash', 'totpSecret']));
    expect(unlabelled(columns)).toEqual([]);
  });

  it('label every key of the inputs the use cases audit', async () => {
    const keys = await inputKeys();
    expect(keys.length).toBeGreaterThan(150);
    expect(keys.map((k) => k.name)).toEqual(expect.arrayContaining(['contents', 'defaultSubscribed', 'isPrimary', 'direction']));
    expect(unlabelled(keys)).toEqual([]);
  });

  it('label every name the code writes into an audit entry, and every imported column', () => {
    const written = writtenNames();
    expect(written.length).toBeGreaterThan(80);
    // Names from a multi-line call, from a push and from a conditional list are all found.
    expect(written.map((n) => n.name)).toEqual(expect.arrayContaining(['checkedInAt', 'tokenHash', 'emailConfirmedAt', 'hiddenReason', 'hidden', 'contents', 'contacts', 'subscribed', 'frozenAt']));
    const imported = [...memberColumns, ...workplaceColumns].map((c) => ({ name: c.field, where: `import column ${c.key}` }));
    expect(unlabelled([...written, ...imported])).toEqual([]);
  });

  it('names a secret for what it is, never as a hash or secret of the code', () => {
    const secrets = Object.keys(fieldNameLabel).filter((k) => /(Hash|Secret)$/.test(k));
    expect(secrets).toEqual(expect.arrayContaining(['tokenHash', 'passwordHash', 'totpSecret', 'codeHash', 'idHash', 'followTokenHash']));
    for (const locale of ['da', 'sv', 'en'] as const) {
      const t = translator(locale);
      for (const k of secrets) expect(t(labelOf(fieldNameLabel, k)!), `${locale}:${k}`).not.toMatch(/hash|secret$|^[a-z]+[A-Z]/);
    }
  });
});

describe('the audit log page', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await testApp();
    cookie = (await adminSession(t.database)).cookie;
  });
  afterAll(() => t?.close());

  it('shows the changed fields by their names in the reader’s language', async () => {
    await t.database.db.insert(auditEvents).values([
      { actorKind: 'system', action: 'update', entityType: 'event_registration', entityId: 'AUD-FIELDS-1', fields: ['checkedInAt'] },
      { actorKind: 'system', action: 'update', entityType: 'event_calendar_feed', entityId: 'AUD-FIELDS-2', fields: ['tokenHash'] },
      { actorKind: 'system', action: 'update', entityType: 'membership', entityId: 'AUD-FIELDS-3', fields: ['emailConfirmedAt', 'status'] },
    ]);
    const page = async (language: string) => (await t.app.inject({ url: '/admin/audit', headers: { cookie, accept: 'text/html', 'accept-language': language } })).body;
    const da = await page('da');
    expect(da).toContain('>Tjekket ind<');
    expect(da).toContain('>Hemmelig nøgle<');
    expect(da).toContain('>E-mailadresse bekræftet, Status<');
    for (const raw of ['checkedInAt', 'tokenHash', 'emailConfirmedAt']) expect(da).not.toContain(raw);
    const en = await page('en');
    expect(en).toContain('>Checked in<');
    expect(en).toContain('>Secret key<');
    expect(await page('sv')).toContain('>E-postadress bekräftad, Status<');
  });
});
