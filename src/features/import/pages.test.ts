import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, formSession, loginAs, testApp, type TestApp } from '../../test/app.js';
import { registerSnapshot, seedForImport, type ImportFixtures } from './import.fixture.js';

let t: TestApp;
let f: ImportFixtures;
let staffCookie: string;

beforeAll(async () => {
  t = await testApp();
  f = await seedForImport(t.database);
  const staff = await createPerson(t.database, [['staff', f.org.north]], { firstName: 'Sofie', lastName: 'Staff' });
  staffCookie = (await loginAs(t.database, staff.id)).cookie;
});
afterAll(() => t.close());

/** A multipart body as a browser sends it, with the CSRF field first. */
function multipart(fields: Record<string, string>, file?: { field: string; filename: string; type: string; data: Buffer }) {
  const boundary = '----forening-import-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(path: string, csv: string | Buffer | null, extra: Record<string, string> = {}) {
  const s = await formSession(t.app, path, staffCookie);
  const body = multipart({ _csrf: s.csrf, ...extra }, csv === null ? undefined : { field: 'csvFile', filename: 'medlemmer.csv', type: 'text/csv', data: Buffer.isBuffer(csv) ? csv : Buffer.from(csv) });
  const res = await t.app.inject({ method: 'POST', url: path, headers: { cookie: s.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
  return { res, s };
}

async function apply(path: string, content: string) {
  const s = await formSession(t.app, path, staffCookie);
  const body = multipart({ _csrf: s.csrf, content });
  const res = await t.app.inject({ method: 'POST', url: `${path}/apply`, headers: { cookie: s.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
  return { res, s };
}

const hiddenContent = (html: string) => /name="content" value="([^"]+)"/.exec(html)?.[1];

const GOOD = '\uFEFFfornavn;efternavn;e-mail;kreds\r\nAnne;Ærø;anne.aeroe@example.org;Kreds Nord\r\nBo;Øst;bo.oest@example.org;Kreds Nord\r\n';

describe('the import page', () => {
  it('offers an upload form, the columns and an example to staff', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/members/import', headers: { cookie: staffCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Importér medlemmer</h1>');
    expect(res.body).toMatch(/<form method="post" action="\/members\/import" enctype="multipart\/form-data">/);
    expect(res.body).toContain('<label for="field-csvFile">CSV-fil</label>');
    expect(res.body).toContain('<code>workplace_p_number</code>');
    // Staff reach it from the member list, beside "new member" and the export.
    const list = await t.app.inject({ method: 'GET', url: '/members', headers: { cookie: staffCookie } });
    expect(list.body).toContain('<a href="/members/import" class="button button-secondary">Import</a>');
  });

  it('dry-runs an upload, shows the counts, and applies the same file from the hidden field', async () => {
    const before = await registerSnapshot(t.database);
    const { res } = await upload('/members/import', GOOD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toMatch(/<dt>Nye<\/dt><dd>2<\/dd>/);
    expect(res.body).toContain('Filen er i orden. Intet er gemt endnu');
    expect(await registerSnapshot(t.database)).toBe(before);
    const content = hiddenContent(res.body);
    expect(content).toBeTruthy();

    const applied = await apply('/members/import', content!);
    expect(applied.res.statusCode, applied.res.body).toBe(303);
    expect(applied.res.headers.location).toBe('/members/import');
    const flashCookie = ([] as string[]).concat(applied.res.headers['set-cookie'] ?? []).find((c) => c.startsWith('forening_flash='))!.split(';')[0];
    const after = await t.app.inject({ method: 'GET', url: '/members/import', headers: { cookie: `${staffCookie}; ${flashCookie}` } });
    expect(after.body).toContain('Importen er gennemført: 2 nye, 0 opdaterede og 0 uændrede.');
    const names = await t.database.executeSql(`select p.last_name from persons p join memberships m on m.person_id = p.id order by p.last_name`);
    expect(names.rows.map((r) => r.last_name)).toEqual(['Ærø', 'Øst']);

    // The same file again: nothing to do, so nothing to apply.
    const again = await upload('/members/import', GOOD);
    expect(again.res.body).toContain('Alt i filen står allerede i registret');
    expect(hiddenContent(again.res.body)).toBeUndefined();
  });

  it('shows each error with row, column and message, with 422 and no apply button', async () => {
    const before = await registerSnapshot(t.database);
    const { res } = await upload('/members/import', 'fornavn;efternavn;e-mail;kreds;fødselsdato\nCarl;Berg;carl@;Kreds Nord;\nDina;Berg;dina@example.org;Kreds Nord;2026-02-30\n');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Intet er gemt. Ret fejlene i regnearket');
    expect(res.body).toMatch(/<th scope="row" class="nowrap">2<\/th><td><code>e-mail<\/code><\/td><td>»e-mail« skal være en gyldig e-mailadresse/);
    expect(res.body).toMatch(/<th scope="row" class="nowrap">3<\/th><td><code>fødselsdato<\/code><\/td>/);
    expect(res.body).toMatch(/<div class="table-wrap" role="region" aria-label="Fejl i filen" tabindex="0">/);
    expect(hiddenContent(res.body)).toBeUndefined();
    expect(await registerSnapshot(t.database)).toBe(before);
  });

  it('asks for a file when none was chosen, and says so when it is too large', async () => {
    const none = await upload('/members/import', null);
    expect(none.res.statusCode).toBe(422);
    expect(none.res.body).toContain('<p class="field-error" id="field-error-csvFile">Vælg en CSV-fil.</p>');
    const before = await registerSnapshot(t.database);
    const big = await upload('/members/import', Buffer.alloc(20 * 1024 * 1024 + 10, 'a'));
    expect(big.res.statusCode).toBe(422);
    expect(big.res.body).toContain('Filen er større end 20 MB.');
    expect(await registerSnapshot(t.database)).toBe(before);
  });

  it('refuses an apply whose file is not what a dry run handed out, or has errors, and writes nothing', async () => {
    const before = await registerSnapshot(t.database);
    const tampered = await apply('/members/import', 'this is not base64 of gzip!');
    expect(tampered.res.statusCode).toBe(422);
    expect(tampered.res.body).toContain('Filen fra prøvekørslen kunne ikke læses igen');
    const bad = gzipSync(Buffer.from('fornavn;efternavn;e-mail;kreds\nEva;Ek;eva@example.org;Kreds Syd\n')).toString('base64');
    const outOfScope = await apply('/members/import', bad);
    expect(outOfScope.res.statusCode).toBe(422);
    expect(outOfScope.res.body).toContain('du kan ikke importere til »Kreds Syd«');
    expect(await registerSnapshot(t.database)).toBe(before);
  });

  it('imports workplaces on its own tab', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/members/import/workplaces', headers: { cookie: staffCookie } });
    expect(page.body).toMatch(/<a href="\/members\/import\/workplaces" aria-current="page">Arbejdspladser<\/a>/);
    const { res } = await upload('/members/import/workplaces', 'navn;arbejdsgivertype;kreds\nSideværket;kommune;Kreds Nord\n');
    expect(res.statusCode, res.body).toBe(200);
    const applied = await apply('/members/import/workplaces', hiddenContent(res.body)!);
    expect(applied.res.headers.location).toBe('/members/import/workplaces');
    expect((await t.database.executeSql(`select count(*)::int as n from workplaces where name = 'Sideværket'`)).rows[0].n).toBe(1);
  });

  it('refuses someone who may not import before taking their upload', async () => {
    const member = await createPerson(t.database, [['member', f.org.north]]);
    const cookie = (await loginAs(t.database, member.id)).cookie;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    // 50 MB offered in chunks; the answer must come while most of it is still unsent.
    const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = httpRequest(
        { port, host: '127.0.0.1', method: 'POST', path: '/members/import', headers: { cookie, accept: 'text/html', 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sent });
          req.destroy();
        },
      );
      req.on('error', (err) => (/EPIPE|ECONNRESET|socket hang up/.test(err.message) ? undefined : reject(err)));
      req.write('--x\r\nContent-Disposition: form-data; name="csvFile"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n');
      const pump = () => {
        while (sent < 50 && !req.destroyed && req.write(chunk)) sent++;
        if (sent < 50 && !req.destroyed) req.once('drain', () => (sent++, pump()));
      };
      pump();
    });
    expect(status).toBe(403);
    expect(sent).toBeLessThan(50);
  });

  it('refuses an upload without the CSRF token', async () => {
    const body = multipart({}, { field: 'csvFile', filename: 'x.csv', type: 'text/csv', data: Buffer.from(GOOD) });
    const res = await t.app.inject({ method: 'POST', url: '/members/import', headers: { cookie: staffCookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
    expect(res.statusCode).toBe(403);
  });
});
