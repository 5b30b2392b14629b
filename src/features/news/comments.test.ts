import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { counts, newPost, newsWorld, type NewsWorld } from './news.fixture.js';
import { addComment, deleteComment, listComments, setCommentHidden } from './comments.js';
import { updatePost } from './posts.js';
import { commentInput } from './schema.js';
import type { PostRow } from './queries.js';

/**
 * Comments: members and staff write them on posts that are out and open; editors of the post's unit
 * hide, show and delete them; a writer deletes their own; hidden ones reach only their writer and
 * the editors; the public never sees who commented.
 */

let database: Database;
let w: NewsWorld;
let post: PostRow;

beforeAll(async () => {
  database = await testDatabase();
  w = await newsWorld(database);
  post = await newPost(w, { title: 'Kommentarer velkomne' });
});
afterAll(() => database?.close());

async function comment(text: string, who = w.member, on = post): Promise<string> {
  const r = await addComment(database.db, who.actor, on.id, { comment: text });
  if (!r.ok) throw new Error(`addComment: ${JSON.stringify(r)}`);
  return r.commentId;
}

describe('writing a comment', () => {
  it('lets members and staff comment, and no one else', async () => {
    await comment('Et medlem siger tak');
    await comment('Fra kontoret', w.staffSouth);
    const before = await counts(database);
    expect(await addComment(database.db, anonymous, post.id, { comment: 'Anonym' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await addComment(database.db, w.former.actor, post.id, { comment: 'Tidligere medlem' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await counts(database)).toEqual(before);
  });

  it('refuses comments on a post with comments off, keeping the ones written visible', async () => {
    const p = await newPost(w);
    const id = await comment('Skrevet før lukning', w.member, p);
    const closed = await updatePost(database.db, w.staffNorth.actor, p.id, { commentsEnabled: false });
    if (!closed.ok) throw new Error('update failed');
    const before = await counts(database);
    expect(await addComment(database.db, w.member.actor, p.id, { comment: 'For sent' })).toEqual({ ok: false, reason: 'comments_closed' });
    expect(await counts(database)).toEqual(before);
    expect((await listComments(database.db, w.member2.actor, closed.post)).map((c) => c.id)).toEqual([id]);
  });

  it('refuses comments on a draft (it is not there) and a comment too long or empty', async () => {
    const draft = await newPost(w, { status: 'draft' });
    expect(await addComment(database.db, w.member.actor, draft.id, { comment: 'Hej' })).toEqual({ ok: false, reason: 'not_found' });
    expect(commentInput.safeParse({ comment: 'x'.repeat(2001) }).success).toBe(false);
    expect(commentInput.safeParse({ comment: 'x'.repeat(2000) }).success).toBe(true);
    expect(commentInput.safeParse({ comment: '   ' }).success).toBe(false);
  });

  it('lets only members and staff comment on a members-only post', async () => {
    const p = await newPost(w, { audience: 'members' });
    expect((await addComment(database.db, w.member.actor, p.id, { comment: 'Kun for os' })).ok).toBe(true);
    expect(await addComment(database.db, w.former.actor, p.id, { comment: 'Ikke mig' })).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('reading comments', () => {
  it('shows comments to members and staff, never who commented to the public', async () => {
    const p = await newPost(w);
    await comment('Synlig for medlemmer', w.member, p);
    expect(await listComments(database.db, anonymous, p)).toEqual([]);
    expect(await listComments(database.db, w.former.actor, p)).toEqual([]);
    const seen = await listComments(database.db, w.member2.actor, p);
    expect(seen.map((c) => [c.body, c.authorName, c.mine])).toEqual([['Synlig for medlemmer', w.member.name, false]]);
  });
});

describe('moderation', () => {
  it('hides a comment from everyone but its writer and the editors, and shows it again', async () => {
    const p = await newPost(w);
    const id = await comment('Upassende bemærkning', w.member, p);
    // Only those who write for the post's unit moderate.
    for (const who of [w.member2, w.staffSouth, w.member]) expect(await setCommentHidden(database.db, who.actor, p.id, id, { reason: null })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await setCommentHidden(database.db, w.boardNorth.actor, p.id, id, { reason: 'Personangreb' })).toEqual({ ok: true });
    expect(await listComments(database.db, w.member2.actor, p)).toEqual([]);
    expect(await listComments(database.db, w.staffSouth.actor, p)).toEqual([]);
    const own = await listComments(database.db, w.member.actor, p);
    expect(own.map((c) => [c.id, c.hidden, c.hiddenReason, c.mine])).toEqual([[id, true, 'Personangreb', true]]);
    const editors = await listComments(database.db, w.staffNorth.actor, p);
    expect(editors.map((c) => c.hidden)).toEqual([true]);
    // Out of sight for others: showing or deleting it is "not found" to them.
    expect(await setCommentHidden(database.db, w.member2.actor, p.id, id, null)).toEqual({ ok: false, reason: 'not_found' });
    expect(await setCommentHidden(database.db, w.admin.actor, p.id, id, null)).toEqual({ ok: true });
    expect((await listComments(database.db, w.member2.actor, p)).map((c) => [c.id, c.hidden])).toEqual([[id, false]]);
  });

  it('lets a writer delete their own comment, editors any, nobody else', async () => {
    const p = await newPost(w);
    const mine = await comment('Min egen', w.member, p);
    const theirs = await comment('En andens', w.member2, p);
    expect(await deleteComment(database.db, w.member.actor, p.id, theirs)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await deleteComment(database.db, w.staffSouth.actor, p.id, theirs)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await deleteComment(database.db, anonymous, p.id, theirs)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await deleteComment(database.db, w.member.actor, p.id, mine)).toEqual({ ok: true });
    expect(await deleteComment(database.db, w.staffNorth.actor, p.id, theirs)).toEqual({ ok: true });
    expect(await listComments(database.db, w.staffNorth.actor, p)).toEqual([]);
    // A comment of another post is not this post's.
    const other = await newPost(w);
    const elsewhere = await comment('Et andet sted', w.member, other);
    expect(await deleteComment(database.db, w.staffNorth.actor, p.id, elsewhere)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('audits comments by field name only', async () => {
    const p = await newPost(w);
    const id = await comment('Hemmelig tekst i revisionen?', w.member, p);
    const r = await database.executeSql(`select action, fields from audit_events where entity_type = 'news_comment' and entity_id = $1`, [id]);
    expect(r.rows).toEqual([{ action: 'create', fields: ['body'] }]);
    expect(JSON.stringify(r.rows)).not.toContain('Hemmelig');
  });
});
