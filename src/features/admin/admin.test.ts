import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { adminSession, createPerson, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { apiTokens } from '../../kernel/auth/tables.js';
import { sha256 } from '../../platform/secrets.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { queueMail } from '../../platform/mail/mail.js';

let t: TestApp;
let org: Org;
let adminCookie: string;

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  adminCookie = (await adminSession(t.database)).cookie;
});
afterAll(() => t.close());

function get(url: string, cookie = adminCookie): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });
}

/** Everything a refused form could have written. */
async function snapshot(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'tokens', (select coalesce(json_agg(json_build_array(id, name, role, unit_id, token_hash, revoked_at) order by id), '[]') from api_tokens),
      'audit', (select count(*) from audit_events)
    )::text as s`);
  return String(r.rows[0].s);
}

describe('audit log page', () => {
  // Fixed days long ago, at noon UTC so that no time zone moves them to another date.
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  let bodil: string;

  beforeAll(async () => {
    bodil = (await createPerson(t.database, [['staff', org.north]], { firstName: 'Bodil', lastName: 'Hansen' })).id;
    const carl = (await createPerson(t.database, [['staff', org.south]], { firstName: 'Carl', lastName: 'Jensen' })).id;
    const [token] = await t.database.db.insert(apiTokens).values({ name: 'Lønsystem', role: 'admin', tokenHash: sha256('unused') }).returning();
    await t.database.db.insert(auditEvents).values([
      { at: at('2024-03-01'), actorKind: 'person', actorPersonId: bodil, action: 'create', entityType: 'unit', entityId: 'AUD-1-BODIL-CREATE' },
      { at: at('2024-03-05'), actorKind: 'person', actorPersonId: bodil, action: 'update', entityType: 'unit', entityId: 'AUD-2-BODIL-UPDATE', fields: ['name', 'email'] },
      { at: at('2024-03-10'), actorKind: 'person', actorPersonId: carl, action: 'delete', entityType: 'unit', entityId: 'AUD-3-CARL-DELETE' },
      { at: at('2024-04-01'), actorKind: 'token', actorTokenId: token.id, action: 'update', entityType: 'organisation', entityId: 'AUD-4-TOKEN-ORG', fields: ['brandColour'] },
      { at: at('2024-04-02'), actorKind: 'system', action: 'view', entityType: 'person', entityId: 'AUD-5-SYSTEM-VIEW' },
    ]);
  });

  const SEEDED = ['AUD-1-BODIL-CREATE', 'AUD-2-BODIL-UPDATE', 'AUD-3-CARL-DELETE', 'AUD-4-TOKEN-ORG', 'AUD-5-SYSTEM-VIEW'];

  /** The seeded events on the page, in page order, and the count line. */
  async function audit(query: string) {
    const res = await get(`/admin/audit?${query}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    const shown = [...body.matchAll(/AUD-\d-[A-Z-]+[A-Z]/g)].map((m) => m[0]).filter((id) => SEEDED.includes(id));
    const count = /<p class="result-count"[^>]*>([^<]*)<\/p>/.exec(body)?.[1];
    return { body, shown, count };
  }

  it('shows all events newest first with the total', async () => {
    const all = await audit('');
    expect(all.shown).toEqual([...SEEDED].reverse());
    const total = await t.database.executeSql('select count(*)::int as n from audit_events');
    expect(all.count).toBe(`${total.rows[0].n} hændelser`);
    // Who did it, by name; field names translated, never values.
    expect(all.body).toContain('Bodil Hansen');
    expect(all.body).toContain('Navn, E-mail');
    expect(all.body).toContain('Systemet');
  });

  it('filters by action', async () => {
    const res = await audit('action=delete');
    expect(res.shown).toEqual(['AUD-3-CARL-DELETE']);
    expect(res.count).toBe('1 hændelse');
    expect(res.body).toMatch(/<option value="delete" selected/);
  });

  it('filters by entity type', async () => {
    const res = await audit('entityType=organisation');
    expect(res.shown).toEqual(['AUD-4-TOKEN-ORG']);
    expect(res.count).toBe('1 hændelse');
  });

  it('filters by the actor’s name, in part and in any case', async () => {
    const bodilsEvents = await audit('actor=bodil');
    expect(bodilsEvents.shown).toEqual(['AUD-2-BODIL-UPDATE', 'AUD-1-BODIL-CREATE']);
    expect(bodilsEvents.count).toBe('2 hændelser');
    const fullName = await audit(`actor=${encodeURIComponent('Carl Jensen')}`);
    expect(fullName.shown).toEqual(['AUD-3-CARL-DELETE']);
    // The person's id works too, for links from a person's page.
    expect((await audit(`actor=${bodil}`)).shown).toEqual(['AUD-2-BODIL-UPDATE', 'AUD-1-BODIL-CREATE']);
  });

  it('treats % and _ in the actor filter as text, not as wildcards', async () => {
    const res = await audit('actor=%25');
    expect(res.shown).toEqual([]);
    expect(res.count).toBe('0 hændelser');
    expect(res.body).toContain('Ingen hændelser matcher filteret.');
    expect((await audit('actor=_')).count).toBe('0 hændelser');
  });

  it('filters by a date range, both days included', async () => {
    const march = await audit('from=2024-03-01&to=2024-03-05');
    expect(march.shown).toEqual(['AUD-2-BODIL-UPDATE', 'AUD-1-BODIL-CREATE']);
    expect(march.count).toBe('2 hændelser');
    const fromOnly = await audit('from=2024-03-06&to=2024-04-30');
    expect(fromOnly.shown).toEqual(['AUD-5-SYSTEM-VIEW', 'AUD-4-TOKEN-ORG', 'AUD-3-CARL-DELETE']);
    expect(fromOnly.count).toBe('3 hændelser');
    const oneDay = await audit('from=2024-04-01&to=2024-04-01');
    expect(oneDay.shown).toEqual(['AUD-4-TOKEN-ORG']);
    expect(oneDay.body).toContain('value="2024-04-01"');
  });

  it('combines filters', async () => {
    const res = await audit('actor=Bodil&action=update&entityType=unit&from=2024-01-01&to=2024-12-31');
    expect(res.shown).toEqual(['AUD-2-BODIL-UPDATE']);
    expect(res.count).toBe('1 hændelse');
  });

  it('pages through more events than fit on one page, keeping the filter in the links', async () => {
    const many = Array.from({ length: 55 }, (_, i) => ({ at: at('2023-06-15'), actorKind: 'system', action: 'export', entityType: 'person', entityId: `PAGED-${i}` }));
    await t.database.db.insert(auditEvents).values(many);
    const first = await get('/admin/audit?action=export');
    expect(first.body).toContain('55 hændelser');
    expect(first.body.match(/PAGED-\d+/g)).toHaveLength(50);
    expect(first.body).toMatch(/href="\/admin\/audit\?action=export&(amp;)?page=2"/);
    const second = await get('/admin/audit?action=export&page=2');
    expect(second.body.match(/PAGED-\d+/g)).toHaveLength(5);
  });
});

describe('mail outbox page', () => {
  it('lists a mail sent by the log-in form and shows its text', async () => {
    const person = await createPerson(t.database, [['member', org.north]], { firstName: 'Dorte' });
    const s = await formSession(t.app, '/login');
    expect((await postForm(t.app, '/login/link', s, { email: person.email! })).headers.location).toBe('/login/sent');
    const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email!));

    const list = await get('/admin/mail');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(person.email!);
    expect(list.body).toContain(`href="/admin/mail/${mail.id}"`);
    expect(list.body).toContain('Venter');

    const one = await get(`/admin/mail/${mail.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['cache-control']).toBe('no-store');
    expect(one.body).toContain('Dorte');
    expect(one.body).toMatch(/http:\/\/forening\.test\/login\/link\/[A-Za-z0-9_-]{20,}/);
  });

  it('shows a mail’s text as text, not as markup', async () => {
    const id = await queueMail(t.database.db, { to: 'x@example.org', subject: 'Om <b>fed</b> skrift', text: 'Hej <script>alert(1)</script> & farvel' });
    const one = await get(`/admin/mail/${id}`);
    expect(one.body).toMatch(/Hej &lt;script(>|&gt;)alert\(1\)&lt;\/script(>|&gt;) &amp; farvel/);
    expect(one.body).not.toContain('<script>alert(1)');
    expect(one.body).not.toContain('<b>fed');
    expect(one.body).toMatch(/Om &lt;b(>|&gt;)fed&lt;\/b(>|&gt;) skrift/);
  });

  it('answers 404 for a mail that does not exist', async () => {
    expect((await get('/admin/mail/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/admin/mail/not-an-id')).statusCode).toBe(404);
  });
});

describe('API tokens page', () => {
  /** Every text value in every table, to prove a secret is stored nowhere in plain form. */
  async function databaseContains(needle: string): Promise<string[]> {
    const cols = await t.database.executeSql(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and data_type in ('text', 'character varying', 'ARRAY', 'jsonb', 'json')`,
    );
    const found: string[] = [];
    for (const { table_name, column_name } of cols.rows as { table_name: string; column_name: string }[]) {
      const r = await t.database.executeSql(`select count(*)::int as n from "${table_name}" where "${column_name}"::text like $1`, [`%${needle}%`]);
      if (Number(r.rows[0].n) > 0) found.push(`${table_name}.${column_name}`);
    }
    return found;
  }

  let token: string;
  let tokenId: string;

  it('creates a token, shows it once and stores only its hash', async () => {
    const s = await formSession(t.app, '/admin/tokens', adminCookie);
    const res = await postForm(t.app, '/admin/tokens', s, { name: 'Hjemmesiden', role: 'admin', unitId: '' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatch(/Tokenet (&#34;|&quot;|")Hjemmesiden(&#34;|&quot;|") er oprettet\./);
    token = /<code class="token-value">(fo_[A-Za-z0-9_-]+)<\/code>/.exec(res.body)?.[1] ?? '';
    expect(token).toMatch(/^fo_[A-Za-z0-9_-]{40,}$/);

    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'Hjemmesiden'));
    tokenId = row.id;
    expect(row).toMatchObject({ role: 'admin', unitId: null, revokedAt: null, tokenHash: sha256(token) });
    expect(await databaseContains(token)).toEqual([]);
    expect(await databaseContains(token.slice(3, 20))).toEqual([]);
    const [event] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'create', entityType: 'api_token', entityId: tokenId, actorKind: 'person' });

    const again = await get('/admin/tokens');
    expect(again.body).toContain('Hjemmesiden');
    expect(again.body).not.toContain(token);
  });

  it('the new token works on the API, and the page shows when it was last used', async () => {
    const before = await get('/admin/tokens');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ shortName: 'TokenOK' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().shortName).toBe('TokenOK');
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    const after = await get('/admin/tokens');
    expect(after.body.split('—').length).toBeLessThan(before.body.split('—').length);
  });

  it('a token scoped to a district with the staff role cannot change the organisation', async () => {
    const s = await formSession(t.app, '/admin/tokens', adminCookie);
    const res = await postForm(t.app, '/admin/tokens', s, { name: 'Kreds Nords system', role: 'staff', unitId: org.north });
    const staffToken = /<code class="token-value">(fo_[A-Za-z0-9_-]+)<\/code>/.exec(res.body)![1];
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'Kreds Nords system'));
    expect(row).toMatchObject({ role: 'staff', unitId: org.north });
    expect(res.body).toContain('Kreds Nord');
    const api = await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' }, payload: '{"name":"Nope"}' });
    expect(api.statusCode).toBe(403);
  });

  it('refuses a token without a name, with an unknown role, or for an unknown unit, and writes nothing', async () => {
    const s = await formSession(t.app, '/admin/tokens', adminCookie);
    const before = await snapshot();
    const noName = await postForm(t.app, '/admin/tokens', s, { name: ' ', role: 'staff', unitId: '' });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('Navn skal udfyldes.');
    expect(noName.body).not.toMatch(/token-value/);
    const badRole = await postForm(t.app, '/admin/tokens', s, { name: 'Root', role: 'superuser', unitId: '' });
    expect(badRole.statusCode).toBe(422);
    expect(badRole.body).toContain('Rolle skal være et af de mulige valg.');
    const badUnit = await postForm(t.app, '/admin/tokens', s, { name: 'Spøgelse', role: 'staff', unitId: '00000000-0000-4000-8000-000000000000' });
    expect(badUnit.statusCode).toBe(422);
    expect(badUnit.body).not.toMatch(/token-value/);
    expect(await snapshot()).toBe(before);
  });

  it('revokes the token; the API then answers 401 and the page shows it as revoked', async () => {
    const s = await formSession(t.app, '/admin/tokens', adminCookie);
    expect(s.page.body).toContain(`action="/admin/tokens/${tokenId}/revoke"`);
    const res = await postForm(t.app, `/admin/tokens/${tokenId}/revoke`, s, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/tokens');

    const api = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(401);
    expect(api.json().code).toBe('auth.invalid_token');

    const page = await t.app.inject({ method: 'GET', url: '/admin/tokens', headers: { cookie: [s.cookie, ...([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])].join('; ') } });
    expect(page.body).toContain('Tokenet er tilbagekaldt.');
    expect(page.body).not.toContain(`action="/admin/tokens/${tokenId}/revoke"`);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row.revokedAt).toBeInstanceOf(Date);
    const [event] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'delete', entityType: 'api_token', entityId: tokenId });

    // Revoking twice, or a token that never was, is 404 and writes nothing.
    const before = await snapshot();
    expect((await postForm(t.app, `/admin/tokens/${tokenId}/revoke`, s, {})).statusCode).toBe(404);
    expect((await postForm(t.app, '/admin/tokens/00000000-0000-4000-8000-000000000000/revoke', s, {})).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});
