import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementsNamed, parseXml } from '../../test/xml.js';
import { queryRows } from '../../platform/db/database.js';
import { bearer, formSession, loginAs, postForm, postMultipart, testApp, type TestApp } from '../../test/app.js';
import { HTML, isLoginRedirect, makeIssue, PDF, PNG, publishingWorld, type PublishingWorld } from './magazine.fixture.js';
import { PDF_MAX_BYTES } from './files.js';
import type { IssueRow } from './queries.js';

let t: TestApp;
let w: PublishingWorld;
let membersOnly: IssueRow;
let open: IssueRow;
let draft: IssueRow;
const cookies: Record<'member' | 'nonMember' | 'staff', string> = { member: '', nonMember: '', staff: '' };

beforeAll(async () => {
  t = await testApp();
  w = await publishingWorld(t.database);
  membersOnly = await makeIssue(w, { audience: 'members', title: 'Kun for medlemmer' });
  open = await makeIssue(w, { audience: 'public', title: 'Åbent blad' });
  draft = await makeIssue(w, { audience: 'public', publish: false, title: 'Hemmelig kladde' });
  for (const who of ['member', 'nonMember', 'staff'] as const) cookies[who] = (await loginAs(t.database, w[who].id)).cookie;
});
afterAll(() => t?.close());

const get = (url: string, cookie = '', headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}), ...headers } });
const fileCount = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from magazine_files`))[0].n;

describe('the magazine page', () => {
  it('shows published issues to a visitor, members-only ones with a lock and a log-in link, never a draft', async () => {
    const res = await get('/magazine');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Kun for medlemmer');
    expect(res.body).toContain('Åbent blad');
    expect(res.body).not.toContain('Hemmelig kladde');
    expect(res.body).toContain(`/login?next=${encodeURIComponent(`/magazine/${membersOnly.slug}`)}`);
    expect(res.body).toContain('class="lock-icon"');
    expect(res.body).toContain('<link rel="alternate" type="application/atom+xml" href="/magazine/feed.atom"');
    expect(res.body).not.toContain('/magazine/new');
  });

  it('speaks Swedish and English too', async () => {
    const sv = await get('/magazine', '', { cookie: 'forening_lang=sv' });
    expect(sv.body).toContain('<h1>Medlemstidning</h1>');
    expect(sv.body).toContain('Endast för medlemmar');
    const en = await get(`/magazine/${membersOnly.slug}`, '', { cookie: 'forening_lang=en' });
    expect(en.body).toContain('This issue is for members only');
  });

  it('shows staff their drafts and the way to a new issue', async () => {
    const res = await get('/magazine', cookies.staff);
    expect(res.body).toContain('Hemmelig kladde');
    expect(res.body).toContain(`/magazine/${draft.slug}/edit`);
    expect(res.body).toContain('href="/magazine/new"');
  });
});

describe('an issue', () => {
  it('of members shows a visitor the cover and contents, and the way in instead of the PDF and the articles', async () => {
    const res = await get(`/magazine/${membersOnly.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Arbejdsmiljø på botilbud');
    expect(res.body).toContain(`/magazine/${membersOnly.slug}/cover?v=`);
    expect(res.body).not.toContain('/pdf');
    expect(res.body).not.toContain(`/magazine/${membersOnly.slug}/leder`);
    expect(res.body).toContain('Log ind for at læse');
  });

  it('of members gives a member the PDF button with its size, and links the articles', async () => {
    const res = await get(`/magazine/${membersOnly.slug}`, cookies.member);
    expect(res.body).toMatch(new RegExp(`href="/magazine/${membersOnly.slug}/pdf\\?v=[0-9a-f-]+"`));
    expect(res.body).toContain('(PDF, 3 kB)');
    expect(res.body).toContain(`href="/magazine/${membersOnly.slug}/leder"`);
  });

  it('tells a logged-in non-member it is for members, without a log-in button', async () => {
    const res = await get(`/magazine/${membersOnly.slug}`, cookies.nonMember);
    expect(res.body).not.toContain('/pdf');
    expect(res.body).toContain('forbeholdt medlemmer');
  });

  it('that is a draft is not found for anyone but staff', async () => {
    expect((await get(`/magazine/${draft.slug}`)).statusCode).toBe(404);
    expect((await get(`/magazine/${draft.slug}`, cookies.member)).statusCode).toBe(404);
    expect((await get(`/magazine/${draft.slug}/pdf`, cookies.member)).statusCode).toBe(404);
    expect((await get(`/magazine/${draft.slug}/cover`)).statusCode).toBe(404);
    expect((await get(`/magazine/${draft.slug}/leder`)).statusCode).toBe(404);
    expect((await get(`/magazine/${draft.slug}`, cookies.staff)).statusCode).toBe(200);
    expect((await get('/magazine/findes-ikke')).statusCode).toBe(404);
    expect((await get('/magazine/Ugyldig%20Slug')).statusCode).toBe(404);
  });
});

describe('an article', () => {
  it('of a members-only issue sends a visitor to log in and refuses a non-member, never showing its text', async () => {
    const anon = await get(`/magazine/${membersOnly.slug}/leder`);
    expect(isLoginRedirect(anon)).toBe(true);
    expect(anon.body).not.toContain('Brødtekst');
    const other = await get(`/magazine/${membersOnly.slug}/leder`, cookies.nonMember);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('Brødtekst');
  });

  it('is read by a member, rendered from Markdown, with the next article linked', async () => {
    const res = await get(`/magazine/${membersOnly.slug}/leder`, cookies.member);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Brødtekst for <strong>Leder</strong>.');
    expect(res.body).toContain(`href="/magazine/${membersOnly.slug}/arbejdsmiljoe-paa-botilbud" rel="next"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('of a public issue is read by everyone', async () => {
    const res = await get(`/magazine/${open.slug}/nyt-fra-kredsene`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tilbage til udgaven');
  });
});

describe('the PDF', () => {
  it('of a members-only issue is never sent to a visitor or a non-member', async () => {
    const anon = await get(`/magazine/${membersOnly.slug}/pdf`);
    expect(isLoginRedirect(anon)).toBe(true);
    expect(anon.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
    const other = await get(`/magazine/${membersOnly.slug}/pdf`, cookies.nonMember);
    expect(other.statusCode).toBe(403);
    expect(other.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
  });

  it('is streamed to a member as a download with its length, kept private', async () => {
    const res = await get(`/magazine/${membersOnly.slug}/pdf`, cookies.member);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(PDF.length));
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${membersOnly.slug}.pdf"; filename*=UTF-8''${membersOnly.slug}.pdf`);
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const again = await get(`/magazine/${membersOnly.slug}/pdf`, cookies.member, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('of a public issue may be cached by anyone', async () => {
    const res = await get(`/magazine/${open.slug}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.rawPayload.equals(PDF)).toBe(true);
  });

  it('comes whole when it is larger than one chunk read from the database', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(2.5 * 1024 * 1024, 7)]);
    await t.database.executeSql('update magazine_files set bytes = $1, size = $2 where issue_id = $3 and kind = $4', [big, big.length, open.id, 'pdf']);
    const res = await get(`/magazine/${open.slug}/pdf`);
    expect(res.headers['content-length']).toBe(String(big.length));
    expect(res.rawPayload.equals(big)).toBe(true);
  });

  it('of the cover is an image in its checked type, for everyone', async () => {
    const res = await get(`/magazine/${membersOnly.slug}/cover`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename=".+\.png"/);
    expect(res.rawPayload.equals(PNG)).toBe(true);
  });
});

describe('the feed', () => {
  it('is Atom that parses, with only public published issues and absolute links', async () => {
    const res = await get('/magazine/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const doc = parseXml(res.body);
    const entries = elementsNamed(doc, 'entry');
    const links = entries.map((e) => elementsNamed(e, 'link')[0].attributes?.href);
    expect(links).toContain(`http://forening.test/magazine/${open.slug}`);
    expect(links).not.toContain(`http://forening.test/magazine/${membersOnly.slug}`);
    expect(res.body).not.toContain('Hemmelig kladde');
    expect(res.body).not.toContain('Kun for medlemmer');
    for (const href of elementsNamed(doc, 'link').map((l) => l.attributes?.href)) expect(String(href)).toMatch(/^http:\/\/forening\.test\//);
    // The contents link each article absolutely too.
    expect(res.body).toContain(`http://forening.test/magazine/${open.slug}/leder`);
  });
});

describe('the API', () => {
  it('lists the public issues for a caller without a token, and members-only ones for a member token', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/magazine/issues' });
    expect(anon.statusCode).toBe(200);
    const slugs = (anon.json() as { items: { slug: string }[] }).items.map((i) => i.slug);
    expect(slugs).toContain(open.slug);
    expect(slugs).not.toContain(membersOnly.slug);
    expect(slugs).not.toContain(draft.slug);
    const asMember = await t.app.inject({ method: 'GET', url: '/api/v1/magazine/issues', headers: await bearer(t.database, 'member', w.org.north) });
    const items = (asMember.json() as { items: { slug: string; pdf: { url: string; size: number } | null; articles: unknown[] }[] }).items;
    const mine = items.find((i) => i.slug === membersOnly.slug);
    expect(mine?.pdf?.url).toMatch(new RegExp(`^http://forening\\.test/magazine/${membersOnly.slug}/pdf\\?v=`));
    expect(mine?.articles).toHaveLength(3);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(doc.paths['/api/v1/magazine/issues']).toBeDefined();
  });
});

describe('the staff pages', () => {
  it('create an issue from the form, and tell a missing title and a bad date next to the fields, writing nothing', async () => {
    const session = await formSession(t.app, '/magazine/new', cookies.staff);
    const before = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from magazine_issues`))[0].n;
    const bad = await postForm(t.app, '/magazine', session, { title: ' ', number: 'x', year: '2031', publishedOn: '2031-02-30', audience: 'members' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Titel skal udfyldes.');
    expect(bad.body).toContain('href="#field-number"');
    expect(bad.body).toContain('href="#field-publishedOn"');
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from magazine_issues`))[0].n).toBe(before);
    const ok = await postForm(t.app, '/magazine', session, { title: 'Omsorg nr. 1 · 2031', number: '1', year: '2031', publishedOn: '2031-02-01', audience: 'members', description: '' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/magazine/omsorg-nr-1-2031/edit');
  });

  const upload = async (issue: IssueRow, kind: 'cover' | 'pdf', fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) => {
    const session = await formSession(t.app, `/magazine/${issue.slug}/edit`, cookies.staff);
    return postMultipart(t.app, `/magazine/${issue.slug}/${kind}`, session, fields, file ? [{ field: kind, ...file }] : []);
  };

  it('refuse a cover that is not an image, or has no description, with the field named and nothing written', async () => {
    const before = await fileCount();
    const wrong = await upload(draft, 'cover', { coverAlt: 'Forside' }, { name: 'forside.png', type: 'image/png', bytes: HTML });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Forsiden skal være et billede i JPEG, PNG eller WebP.');
    const noAlt = await upload(draft, 'cover', { coverAlt: '' }, { name: 'forside.png', type: 'image/png', bytes: PNG });
    expect(noAlt.statusCode).toBe(422);
    expect(noAlt.body).toContain('href="#cover-coverAlt"');
    expect(await fileCount()).toBe(before);
    const ok = await upload(draft, 'cover', { coverAlt: 'Ny forside' }, { name: 'forside.png', type: 'image/png', bytes: PNG });
    expect(ok.statusCode).toBe(303);
  });

  it('refuse a PDF over 40 MB in words, holding no more than the limit, and write nothing', async () => {
    const before = await queryRows<{ id: string }>(t.database.db, sql`select id from magazine_files where issue_id = ${draft.id} and kind = 'pdf'`);
    const tooBig = Buffer.concat([PDF, Buffer.alloc(PDF_MAX_BYTES, 0x20)]);
    const res = await upload(draft, 'pdf', {}, { name: 'blad.pdf', type: 'application/pdf', bytes: tooBig });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('PDF må højst fylde 40 MB.');
    const wrong = await upload(draft, 'pdf', {}, { name: 'blad.pdf', type: 'application/pdf', bytes: PNG });
    expect(wrong.body).toContain('Filen er ikke en PDF.');
    const none = await upload(draft, 'pdf', {});
    expect(none.body).toContain('Vælg en fil.');
    expect(await queryRows<{ id: string }>(t.database.db, sql`select id from magazine_files where issue_id = ${draft.id} and kind = 'pdf'`)).toEqual(before);
  });

  it('take a new PDF, which then gets a new address', async () => {
    const old = await get(`/magazine/${draft.slug}`, cookies.staff);
    const bytes = Buffer.concat([PDF, Buffer.from('ny udgave')]);
    const res = await upload(draft, 'pdf', {}, { name: 'ny.pdf', type: 'application/pdf', bytes });
    expect(res.statusCode).toBe(303);
    const page = await get(`/magazine/${draft.slug}`, cookies.staff);
    const href = /href="(\/magazine\/[^"]+\/pdf\?v=[^"]+)"/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    expect(old.body).not.toContain(href!);
    expect((await get(href!, cookies.staff)).rawPayload.equals(bytes)).toBe(true);
  });

  it('reorder articles without JavaScript: a form per button', async () => {
    const edit = await get(`/magazine/${open.slug}/edit`, cookies.staff);
    expect(edit.body).toContain(`action="/magazine/${open.slug}/nyt-fra-kredsene/move"`);
    const session = await formSession(t.app, `/magazine/${open.slug}/edit`, cookies.staff);
    const res = await postForm(t.app, `/magazine/${open.slug}/nyt-fra-kredsene/move`, session, { direction: 'up' });
    expect(res.statusCode).toBe(303);
    const page = await get(`/magazine/${open.slug}`);
    expect(page.body.indexOf('Nyt fra kredsene')).toBeLessThan(page.body.indexOf('Arbejdsmiljø på botilbud'));
    const bad = await postForm(t.app, `/magazine/${open.slug}/nyt-fra-kredsene/move`, session, { direction: 'sideways' });
    expect(bad.statusCode).toBe(422);
  });
});
