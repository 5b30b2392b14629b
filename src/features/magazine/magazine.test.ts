import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../platform/db/database.js';
import { anonymous } from '../../platform/actor.js';
import { testDatabase } from '../../test/database.js';
import { HTML, JPEG, makeIssue, PDF, PNG, publishingWorld, type PublishingWorld } from './magazine.fixture.js';
import { createIssue, deleteIssue, publishIssue, unpublishIssue, updateIssue } from './issues.js';
import { createArticle, deleteArticle, moveArticle, updateArticle } from './articles.js';
import { COVER_MAX_BYTES, PDF_MAX_BYTES, issueFile, setCover, setPdf } from './files.js';
import { articleBySlug, issueBySlug, listIssues, readableIssues } from './queries.js';
import { articleInput, issueInput } from './schema.js';

let database: Database;
let w: PublishingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await publishingWorld(database);
});
afterAll(() => database?.close());

const count = async (table: string) => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0].n;
const audits = async (entityId: string) => queryRows<{ action: string; fields: string[] | string | null }>(database.db, sql`select action, fields from audit_events where entity_id = ${entityId} order by id`);
const input = (over: Record<string, unknown> = {}) => issueInput.parse({ title: 'Omsorg nr. 4 · 2026', number: '4', year: '2026', publishedOn: '2026-11-20', audience: 'public', ...over });

describe('issues', () => {
  it('are created as drafts by staff, with a slug from the title, and audited by field name', async () => {
    const r = await createIssue(database.db, w.staff.actor, input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issue).toMatchObject({ slug: 'omsorg-nr-4-2026', status: 'draft', number: 4, year: 2026, publishedOn: '2026-11-20' });
    const trail = await audits(r.issue.id);
    expect(trail).toHaveLength(1);
    expect(trail[0].action).toBe('create');
    expect(JSON.stringify(trail[0].fields)).toContain('title');
    expect(JSON.stringify(trail[0].fields)).not.toContain('Omsorg');
  });

  it('take the next free slug for a title used before, and never a page name', async () => {
    const again = await createIssue(database.db, w.staff.actor, input({ number: '5' }));
    expect(again.ok && again.issue.slug).toBe('omsorg-nr-4-2026-2');
    const page = await createIssue(database.db, w.staff.actor, input({ title: 'New', number: '6' }));
    expect(page.ok && page.issue.slug).toBe('new-2');
    const signs = await createIssue(database.db, w.staff.actor, input({ title: '!!!', number: '7' }));
    expect(signs.ok && signs.issue.slug).toBe('udgave');
  });

  it('refuse a number already used that year, naming the field, and write nothing', async () => {
    const before = await count('magazine_issues');
    const r = await createIssue(database.db, w.staff.actor, input({ title: 'Et andet blad', number: '4' }));
    expect(r).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'number', code: 'magazine.number_taken' }] });
    expect(await count('magazine_issues')).toBe(before);
  });

  it('are made by staff and admins only', async () => {
    for (const actor of [anonymous, w.member.actor, w.board.actor, w.steward.actor]) {
      expect(await createIssue(database.db, actor, input({ number: '99' }))).toEqual({ ok: false, reason: 'forbidden' });
    }
    const byAdmin = await createIssue(database.db, w.admin.actor, input({ title: 'Admins blad', number: '98' }));
    expect(byAdmin.ok).toBe(true);
  });

  it('keep their slug when the title changes, and audit only what changed', async () => {
    const r = await createIssue(database.db, w.staff.actor, input({ title: 'Første titel', number: '20' }));
    if (!r.ok) throw new Error('create');
    const u = await updateIssue(database.db, w.staff.actor, r.issue.id, input({ title: 'Anden titel', number: '20' }));
    expect(u.ok && u.issue).toMatchObject({ title: 'Anden titel', slug: 'foerste-titel' });
    const trail = await audits(r.issue.id);
    expect(trail.at(-1)).toMatchObject({ action: 'update' });
    expect(JSON.stringify(trail.at(-1)!.fields)).toBe(JSON.stringify(['title']));
    // Saving the same again writes no audit event.
    await updateIssue(database.db, w.staff.actor, r.issue.id, input({ title: 'Anden titel', number: '20' }));
    expect(await audits(r.issue.id)).toHaveLength(trail.length);
  });

  it('are seen by nobody but staff while drafts, and by everyone once published', async () => {
    const issue = await makeIssue(w, { publish: false, audience: 'public' });
    for (const actor of [anonymous, w.member.actor, w.board.actor]) expect(await issueBySlug(database.db, actor, issue.slug)).toEqual({ ok: false, reason: 'not_found' });
    expect((await issueBySlug(database.db, w.staff.actor, issue.slug)).ok).toBe(true);
    expect((await listIssues(database.db, anonymous)).published.map((i) => i.id)).not.toContain(issue.id);
    expect((await listIssues(database.db, w.staff.actor)).drafts.map((i) => i.id)).toContain(issue.id);
    expect(await publishIssue(database.db, w.staff.actor, issue.id)).toMatchObject({ ok: true });
    expect((await issueBySlug(database.db, anonymous, issue.slug)).ok).toBe(true);
    expect((await listIssues(database.db, anonymous)).published.map((i) => i.id)).toContain(issue.id);
    expect(await publishIssue(database.db, w.staff.actor, issue.id)).toEqual({ ok: false, reason: 'wrong_status', status: 'published' });
  });

  it('keep the PDF and article texts of a members-only issue for members, staff, board and stewards', async () => {
    const issue = await makeIssue(w, { audience: 'members' });
    const found = await issueBySlug(database.db, anonymous, issue.slug);
    expect(found.ok && found.may).toEqual({ read: false, manage: false });
    // The table of contents is shown (it makes people join); the texts and the PDF are not.
    expect(found.ok && found.issue.articles.map((a) => a.title)).toEqual(['Leder', 'Arbejdsmiljø på botilbud', 'Nyt fra kredsene']);
    expect(await articleBySlug(database.db, anonymous, issue.slug, 'leder')).toEqual({ ok: false, reason: 'forbidden' });
    expect(await articleBySlug(database.db, w.nonMember.actor, issue.slug, 'leder')).toEqual({ ok: false, reason: 'forbidden' });
    expect(await issueFile(database.db, anonymous, issue.slug, 'pdf')).toEqual({ ok: false, reason: 'forbidden' });
    expect((await issueFile(database.db, anonymous, issue.slug, 'cover')).ok).toBe(true);
    for (const reader of [w.member, w.steward, w.board, w.staff, w.admin]) {
      const a = await articleBySlug(database.db, reader.actor, issue.slug, 'leder');
      expect(a.ok && a.article.body, 'article').toContain('Brødtekst');
      const pdf = await issueFile(database.db, reader.actor, issue.slug, 'pdf');
      expect(pdf.ok && pdf.file).toMatchObject({ contentType: 'application/pdf', size: PDF.length, public: false });
    }
    expect((await readableIssues(database.db, anonymous)).map((i) => i.id)).not.toContain(issue.id);
    expect((await readableIssues(database.db, w.member.actor)).map((i) => i.id)).toContain(issue.id);
  });

  it('go back to drafts and out of sight; only drafts are deleted, with their files and articles', async () => {
    const issue = await makeIssue(w, { audience: 'public' });
    expect(await deleteIssue(database.db, w.staff.actor, issue.id)).toEqual({ ok: false, reason: 'wrong_status', status: 'published' });
    expect(await unpublishIssue(database.db, w.staff.actor, issue.id)).toMatchObject({ ok: true });
    expect(await issueBySlug(database.db, anonymous, issue.slug)).toEqual({ ok: false, reason: 'not_found' });
    expect(await deleteIssue(database.db, w.member.actor, issue.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await deleteIssue(database.db, w.staff.actor, issue.id)).toEqual({ ok: true });
    const [left] = await queryRows<{ files: number; articles: number }>(
      database.db,
      sql`select (select count(*)::int from magazine_files where issue_id = ${issue.id}) as files, (select count(*)::int from magazine_articles where issue_id = ${issue.id}) as articles`,
    );
    expect(left).toEqual({ files: 0, articles: 0 });
  });
});

describe('files', () => {
  it('take JPEG, PNG and WebP covers by their first bytes, and refuse anything else, too large or empty, writing nothing', async () => {
    const issue = await makeIssue(w, { publish: false });
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.alloc(100)]);
    for (const bytes of [JPEG, webp, PNG]) expect(await setCover(database.db, w.staff.actor, issue.id, { file: { fileName: 'x.bin', bytes }, coverAlt: 'Forside' })).toEqual({ ok: true });
    const cover = await issueFile(database.db, w.staff.actor, issue.slug, 'cover');
    expect(cover.ok && cover.file.contentType).toBe('image/png');
    const before = cover.ok ? cover.file.id : '';
    const refused = [
      [{ fileName: 'x.png', bytes: HTML }, 'magazine.cover_wrong_type'],
      [{ fileName: 'x.png', bytes: PDF }, 'magazine.cover_wrong_type'],
      [{ fileName: 'x.png', bytes: Buffer.alloc(0) }, 'magazine.file_empty'],
      [{ fileName: 'x.png', bytes: Buffer.concat([PNG, Buffer.alloc(COVER_MAX_BYTES)]) }, 'magazine.file_too_large'],
    ] as const;
    for (const [file, code] of refused) {
      const r = await setCover(database.db, w.staff.actor, issue.id, { file, coverAlt: 'Forside' });
      expect(r.ok === false && r.reason === 'invalid' && r.errors[0]).toMatchObject({ path: 'cover', code });
    }
    const after = await issueFile(database.db, w.staff.actor, issue.slug, 'cover');
    expect(after.ok && after.file.id).toBe(before);
  });

  it('change only the cover’s alt text when no file comes, and ask for a file when there is no cover yet', async () => {
    const created = await createIssue(database.db, w.staff.actor, input({ title: 'Uden forside', number: '30' }));
    if (!created.ok) throw new Error('create');
    expect(await setCover(database.db, w.staff.actor, created.issue.id, { file: null, coverAlt: 'Noget' })).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'cover', code: 'magazine.choose_file' }] });
    await setCover(database.db, w.staff.actor, created.issue.id, { file: { fileName: 'f.png', bytes: PNG }, coverAlt: 'Første' });
    expect(await setCover(database.db, w.staff.actor, created.issue.id, { file: null, coverAlt: 'Anden' })).toEqual({ ok: true });
    const found = await issueBySlug(database.db, w.staff.actor, created.issue.slug);
    expect(found.ok && found.issue.coverAlt).toBe('Anden');
  });

  it('take a PDF by its magic bytes and its size limit', async () => {
    const issue = await makeIssue(w, { publish: false });
    const wrong = await setPdf(database.db, w.staff.actor, issue.id, { fileName: 'blad.pdf', bytes: PNG });
    expect(wrong.ok === false && wrong.reason === 'invalid' && wrong.errors).toEqual([{ path: 'pdf', code: 'magazine.pdf_wrong_type' }]);
    const big = await setPdf(database.db, w.staff.actor, issue.id, { fileName: 'blad.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(PDF_MAX_BYTES)]) });
    expect(big.ok === false && big.reason === 'invalid' && big.errors[0]).toMatchObject({ path: 'pdf', code: 'magazine.file_too_large', params: { max: 40 } });
    expect(await setPdf(database.db, w.member.actor, issue.id, { fileName: 'blad.pdf', bytes: PDF })).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('articles', () => {
  it('are added at the end, move up and down by swapping with their neighbour, and close ranks when deleted', async () => {
    const issue = await makeIssue(w, { publish: false });
    const order = async () => {
      const found = await issueBySlug(database.db, w.staff.actor, issue.slug);
      return found.ok ? found.issue.articles.map((a) => `${a.position}:${a.title}`) : [];
    };
    expect(await order()).toEqual(['1:Leder', '2:Arbejdsmiljø på botilbud', '3:Nyt fra kredsene']);
    const found = await issueBySlug(database.db, w.staff.actor, issue.slug);
    if (!found.ok) throw new Error('found');
    const [first, , last] = found.issue.articles;
    expect(await moveArticle(database.db, w.staff.actor, issue.id, last.id, { direction: 'up' })).toEqual({ ok: true, moved: true });
    expect(await order()).toEqual(['1:Leder', '2:Nyt fra kredsene', '3:Arbejdsmiljø på botilbud']);
    expect(await moveArticle(database.db, w.staff.actor, issue.id, first.id, { direction: 'up' })).toEqual({ ok: true, moved: false });
    expect(await moveArticle(database.db, w.staff.actor, issue.id, first.id, { direction: 'down' })).toEqual({ ok: true, moved: true });
    expect(await order()).toEqual(['1:Nyt fra kredsene', '2:Leder', '3:Arbejdsmiljø på botilbud']);
    expect(await deleteArticle(database.db, w.staff.actor, issue.id, first.id)).toEqual({ ok: true });
    expect(await order()).toEqual(['1:Nyt fra kredsene', '2:Arbejdsmiljø på botilbud']);
    expect(await moveArticle(database.db, w.member.actor, issue.id, last.id, { direction: 'down' })).toEqual({ ok: false, reason: 'not_found' });
  });

  it('get slugs unique within their issue, never a page name, and keep them when renamed', async () => {
    const issue = await makeIssue(w, { publish: false });
    const a = await createArticle(database.db, w.staff.actor, issue.id, articleInput.parse({ title: 'Leder', content: 'x' }));
    expect(a.ok && a.article.slug).toBe('leder-2');
    const b = await createArticle(database.db, w.staff.actor, issue.id, articleInput.parse({ title: 'Edit', content: 'x' }));
    expect(b.ok && b.article.slug).toBe('edit-2');
    if (!a.ok) return;
    const u = await updateArticle(database.db, w.staff.actor, issue.id, a.article.id, articleInput.parse({ title: 'Ny leder', content: 'y' }));
    expect(u.ok && u.article).toMatchObject({ slug: 'leder-2', title: 'Ny leder', body: 'y' });
  });

  it('are refused without a title or text, by the one schema pages share', () => {
    const r = articleInput.safeParse({ title: ' ', content: '' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['content', 'title']);
  });
});
