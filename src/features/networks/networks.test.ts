import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { memberCompanyContacts } from '../member-companies/tables.js';
import { downloadNetworkFile, listNetworkFiles, replaceNetworkFile, uploadNetworkFile } from './files.js';
import { addNetworkMember, decideRequest, leaveNetwork, listNetworkMembers, removeNetworkMember } from './membership.js';
import { ctx, networkOf, networkWorld, type NetworkWorld, type Someone } from './networks.fixture.js';
import { getNetwork, listNetworks } from './networks.js';
import { networkMembers } from './tables.js';
import { createThread, deletePost, editPost, getThread, hidePost, listThreads, moderateThread, replyToThread, searchNetwork } from './threads.js';

/*
 * The networks' use cases: who gets in by which join policy (and hears of a declined request), a
 * network of member companies whose contact persons take part (and stop when they stop being
 * contacts), leaving and removing, who attaches staff, unread counts, the expert's mark, one's own
 * posts, a coordinator's hiding, search that never finds what is hidden or deleted, and the file
 * library with its versions.
 */

let database: Database;
let w: NetworkWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await networkWorld(database);
}, 120_000);
afterAll(async () => database?.close());

const db = () => database.db;
const standing = async (networkId: string, who: Someone) => {
  const r = await getNetwork(db(), who.actor, networkId);
  return r.ok ? r.network.standing : 'not_found';
};
const readsInside = async (networkId: string, who: Someone) => (await listThreads(db(), who.actor, networkId)).ok;
const mailsTo = async (email: string) => queryRows<{ subject: string; text: string }>(db(), sql`select subject, text_body as text from mail_outbox where to_address = ${email} order by created_at`);
const emailOf = async (p: Someone) => (await queryRows<{ email: string }>(db(), sql`select email from persons where id = ${p.id}::uuid`))[0].email;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.7\n% second\n%%EOF\n');

describe('join policies', () => {
  it('open: one joins at once and reads the inside', async () => {
    const id = await networkOf(w, { joinPolicy: 'open' });
    expect(await readsInside(id, w.members[0])).toBe(false);
    const r = await addNetworkMember(db(), w.members[0].actor, id, { memberId: w.members[0].id });
    expect(r).toMatchObject({ ok: true, member: { status: 'active', role: 'member' } });
    expect(await readsInside(id, w.members[0])).toBe(true);
    // A member of another district may join a listed network of the north too.
    expect(await addNetworkMember(db(), w.memberElsewhere.actor, id, { memberId: w.memberElsewhere.id })).toMatchObject({ ok: true, member: { status: 'active' } });
  });

  it('on request: requested until a coordinator approves; the approval is mailed', async () => {
    const id = await networkOf(w, { joinPolicy: 'request' });
    const asked = await addNetworkMember(db(), w.members[1].actor, id, { memberId: w.members[1].id, note: 'Leder af et bosted' });
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    expect(asked.member.status).toBe('requested');
    expect(await readsInside(id, w.members[1])).toBe(false);
    // The requester may not decide, and is not even told the request is there to decide on (not inside yet).
    expect(await decideRequest(db(), w.members[1].actor, id, asked.member.id, { approve: true })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await decideRequest(db(), w.staff.actor, id, asked.member.id, { approve: true })).toMatchObject({ ok: true, member: { status: 'active' } });
    expect(await readsInside(id, w.members[1])).toBe(true);
    expect((await mailsTo(await emailOf(w.members[1]))).length).toBeGreaterThanOrEqual(1);
  });

  it('on request: declined with a reason, the request is gone and the requester is mailed the reason', async () => {
    const id = await networkOf(w, { joinPolicy: 'request', name: 'Erfa for plejecentre' });
    const asked = await addNetworkMember(db(), w.members[2].actor, id, { memberId: w.members[2].id });
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    const email = await emailOf(w.members[2]);
    const before = (await mailsTo(email)).length;
    expect(await decideRequest(db(), w.staff.actor, id, asked.member.id, { approve: false })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await decideRequest(db(), w.staff.actor, id, asked.member.id, { approve: false, reason: 'Netværket er for ledere af plejecentre' })).toMatchObject({ ok: true });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.text).toContain('Netværket er for ledere af plejecentre');
    expect(mails.at(-1)!.subject + mails.at(-1)!.text).toContain('Erfa for plejecentre');
    expect(await standing(id, w.members[2])).toBeNull();
    // They may ask again.
    expect(await addNetworkMember(db(), w.members[2].actor, id, { memberId: w.members[2].id })).toMatchObject({ ok: true, member: { status: 'requested' } });
  });

  it('by invitation: refused unless invited; the invited accept and are in', async () => {
    const id = await networkOf(w, { joinPolicy: 'invitation', visibility: 'hidden' });
    // Not invited: a hidden network does not exist for them.
    expect(await addNetworkMember(db(), w.members[3].actor, id, { memberId: w.members[3].id })).toMatchObject({ ok: false, reason: 'not_found' });
    const listedId = await networkOf(w, { joinPolicy: 'invitation' });
    expect(await addNetworkMember(db(), w.members[3].actor, listedId, { memberId: w.members[3].id })).toMatchObject({ ok: false, reason: 'invitation_only' });
    expect(await addNetworkMember(db(), w.staff.actor, id, { memberId: w.members[3].id, invite: true })).toMatchObject({ ok: true, member: { status: 'invited' } });
    expect(await standing(id, w.members[3])).toEqual({ role: 'member', status: 'invited' });
    expect(await readsInside(id, w.members[3])).toBe(false);
    expect(await addNetworkMember(db(), w.members[3].actor, id, { memberId: w.members[3].id })).toMatchObject({ ok: true, member: { status: 'active' } });
    expect(await readsInside(id, w.members[3])).toBe(true);
  });
});

describe('a network of member companies', () => {
  it('takes companies, not people; the company’s contact persons take part, a competitor’s contact does not', async () => {
    const id = await networkOf(w, { kind: 'companies', joinPolicy: 'open', companies: [w.companyA] });
    expect(await addNetworkMember(db(), w.staff.actor, id, { memberId: w.members[0].id })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await readsInside(id, w.contactA)).toBe(true);
    expect(await readsInside(id, w.contactB)).toBe(false);
    // A contact joins for their own company, not for another.
    expect(await addNetworkMember(db(), w.contactB.actor, id, { memberCompanyId: w.companyC })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await addNetworkMember(db(), w.contactB.actor, id, { memberCompanyId: w.companyB })).toMatchObject({ ok: true, member: { status: 'active' } });
    expect(await readsInside(id, w.contactB)).toBe(true);
    const members = await listNetworkMembers(db(), w.contactA.actor, id);
    if (!members.ok) throw new Error('members');
    expect(members.members.filter((m) => m.memberCompanyId).map((m) => [m.memberCompanyId, m.contacts])).toEqual(
      expect.arrayContaining([
        [w.companyA, ['Karin Kontakt']],
        [w.companyB, ['Kasper Konkurrent']],
      ]),
    );
  });

  it('a person who stops being the company’s contact is out at once, with nothing changed in the network', async () => {
    const id = await networkOf(w, { kind: 'companies', visibility: 'hidden', companies: [w.companyC] });
    expect(await readsInside(id, w.contactC)).toBe(true);
    await db().delete(memberCompanyContacts).where(and(eq(memberCompanyContacts.companyId, w.companyC), eq(memberCompanyContacts.personId, w.contactC.id)));
    try {
      expect(await readsInside(id, w.contactC)).toBe(false);
      expect(await standing(id, w.contactC)).toBe('not_found');
      // The company is still in.
      expect(await db().select().from(networkMembers).where(and(eq(networkMembers.networkId, id), eq(networkMembers.memberCompanyId, w.companyC)))).toHaveLength(1);
    } finally {
      await db().insert(memberCompanyContacts).values({ companyId: w.companyC, personId: w.contactC.id, title: 'Ejer', isPrimary: true });
    }
  });

  it('a contact leaves for the company: the company is out', async () => {
    const id = await networkOf(w, { kind: 'companies', companies: [w.companyA] });
    expect(await leaveNetwork(db(), w.contactA.actor, id)).toEqual({ ok: true });
    expect(await readsInside(id, w.contactA)).toBe(false);
  });
});

describe('leave, remove and roles', () => {
  it('a member leaves; a coordinator removes another; a plain member removes nobody', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id, w.members[2].id] });
    const rows = await listNetworkMembers(db(), w.staff.actor, id);
    if (!rows.ok) throw new Error('members');
    const rowOf = (p: Someone) => rows.members.find((m) => m.personId === p.id)!.id;
    expect(await removeNetworkMember(db(), w.members[0].actor, id, rowOf(w.members[1]))).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await leaveNetwork(db(), w.members[0].actor, id)).toEqual({ ok: true });
    expect(await removeNetworkMember(db(), w.staff.actor, id, rowOf(w.members[1]))).toEqual({ ok: true });
    expect(await readsInside(id, w.members[0])).toBe(false);
    expect(await readsInside(id, w.members[1])).toBe(false);
    expect(await readsInside(id, w.members[2])).toBe(true);
    // The last coordinator stays.
    expect(await leaveNetwork(db(), w.staff.actor, id)).toMatchObject({ ok: false, reason: 'last_coordinator' });
  });

  it('only organisers attach experts and coordinators; an expert must be on the staff', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    // A member made coordinator by the organisers coordinates, but attaches no expert.
    expect(await addNetworkMember(db(), w.staff.actor, id, { memberId: w.members[0].id, role: 'coordinator' })).toMatchObject({ ok: true, member: { role: 'coordinator' } });
    expect(await addNetworkMember(db(), w.members[0].actor, id, { memberId: w.staffElsewhere.id, role: 'expert' })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await addNetworkMember(db(), w.members[0].actor, id, { memberId: w.members[2].id })).toMatchObject({ ok: true, member: { role: 'member' } });
    expect(await addNetworkMember(db(), w.staff.actor, id, { memberId: w.members[1].id, role: 'expert' })).toMatchObject({ ok: false, reason: 'invalid', errors: [expect.objectContaining({ code: 'network.expert_not_staff' })] });
    expect(await addNetworkMember(db(), w.staff.actor, id, { memberId: w.staffElsewhere.id, role: 'expert' })).toMatchObject({ ok: true, member: { role: 'expert' } });
    const net = await getNetwork(db(), w.members[5].actor, id);
    if (!net.ok) throw new Error('network');
    expect(net.network.staff.map((s) => [s.personId, s.role])).toEqual(
      expect.arrayContaining([
        [w.staff.id, 'coordinator'],
        [w.members[0].id, 'coordinator'],
        [w.expert.id, 'expert'],
        [w.staffElsewhere.id, 'expert'],
      ]),
    );
    // A coordinator who is no organiser removes members, not staff.
    const rows = await listNetworkMembers(db(), w.staff.actor, id);
    if (!rows.ok) throw new Error('members');
    const expertRow = rows.members.find((m) => m.personId === w.expert.id)!.id;
    expect(await removeNetworkMember(db(), w.members[0].actor, id, expertRow)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('my networks list only the ones I am in', async () => {
    const id = await networkOf(w, { people: [w.members[4].id], name: 'Mit eget netværk' });
    const other = await networkOf(w, { name: 'Et andet netværk' });
    const mine = (await listNetworks(db(), w.members[4].actor, { mine: true })).map((x) => x.id);
    expect(mine).toContain(id);
    expect(mine).not.toContain(other);
  });
});

describe('threads', () => {
  it('a new reply makes one unread for the others, none for its author; reading clears it', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const th = await createThread(db(), w.members[0].actor, id, { title: 'Tilkaldevagter', body: 'Hvordan gør I?' }, ctx);
    if (!th.ok) throw new Error(JSON.stringify(th));
    const unread = async (who: Someone) => {
      const r = await listThreads(db(), who.actor, id);
      if (!r.ok) throw new Error('threads');
      return r.threads.find((x) => x.id === th.threadId)!.unread;
    };
    expect(await unread(w.members[0])).toBe(0);
    expect(await unread(w.members[1])).toBe(1);
    await getThread(db(), w.members[1].actor, th.threadId);
    expect(await unread(w.members[1])).toBe(0);
    expect(await replyToThread(db(), w.members[1].actor, th.threadId, { body: 'Vi bruger en pulje' }, ctx)).toMatchObject({ ok: true, seq: 2 });
    expect(await unread(w.members[0])).toBe(1);
    expect(await unread(w.members[1])).toBe(0);
    expect(await unread(w.expert)).toBe(2);
    await getThread(db(), w.members[0].actor, th.threadId);
    expect(await unread(w.members[0])).toBe(0);
  });

  it('a reply by the network’s staff expert marks the thread answered; a coordinator’s does not', async () => {
    const id = await networkOf(w, { people: [w.members[0].id] });
    const th = await createThread(db(), w.members[0].actor, id, { title: 'Opsigelsesvarsel', body: 'Hvad gælder?' }, ctx);
    if (!th.ok) throw new Error(JSON.stringify(th));
    const answered = async () => {
      const r = await getThread(db(), w.members[0].actor, th.threadId);
      if (!r.ok) throw new Error('thread');
      return r.thread;
    };
    await replyToThread(db(), w.staff.actor, th.threadId, { body: 'Jeg spørger eksperten' }, ctx);
    expect((await answered()).expertAnswered).toBe(false);
    await replyToThread(db(), w.expert.actor, th.threadId, { body: 'Funktionærloven siger …' }, ctx);
    const t = await answered();
    expect(t.expertAnswered).toBe(true);
    expect(t.posts.map((p) => p.byExpert)).toEqual([false, false, true]);
  });

  it('one edits and deletes one’s own post only; a deleted post keeps its place without its text', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const th = await createThread(db(), w.members[0].actor, id, { title: 'Egne indlæg', body: 'Første version' }, ctx);
    if (!th.ok) throw new Error(JSON.stringify(th));
    expect(await editPost(db(), w.members[1].actor, th.postId, { body: 'Ikke din' })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await deletePost(db(), w.staff.actor, th.postId)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await editPost(db(), w.members[0].actor, th.postId, { body: 'Anden version' })).toEqual({ ok: true });
    const reply = await replyToThread(db(), w.members[0].actor, th.threadId, { body: 'Fortryder' }, ctx);
    if (!reply.ok) throw new Error(JSON.stringify(reply));
    expect(await deletePost(db(), w.members[0].actor, reply.postId)).toEqual({ ok: true });
    expect(await editPost(db(), w.members[0].actor, reply.postId, { body: 'Tilbage igen' })).toMatchObject({ ok: false, reason: 'post_removed' });
    const t = await getThread(db(), w.members[1].actor, th.threadId);
    if (!t.ok) throw new Error('thread');
    expect(t.thread.posts.map((p) => [p.seq, p.body, p.deleted, p.editedAt !== null])).toEqual([
      [1, 'Anden version', false, true],
      [2, '', true, false],
    ]);
  });

  it('a coordinator hides a post with a reason: gone for members, still there for coordinators', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const th = await createThread(db(), w.members[0].actor, id, { title: 'Priser', body: 'Hvad tager I i timen?' }, ctx);
    if (!th.ok) throw new Error(JSON.stringify(th));
    expect(await hidePost(db(), w.members[1].actor, th.postId, { hidden: true, reason: 'Priser' })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await hidePost(db(), w.staff.actor, th.postId, { hidden: true })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await hidePost(db(), w.staff.actor, th.postId, { hidden: true, reason: 'Vi taler ikke om priser' })).toEqual({ ok: true });
    const asMember = await getThread(db(), w.members[1].actor, th.threadId);
    const asCoordinator = await getThread(db(), w.staff.actor, th.threadId);
    if (!asMember.ok || !asCoordinator.ok) throw new Error('thread');
    expect(asMember.thread.posts[0]).toMatchObject({ hidden: true, body: '', hiddenReason: 'Vi taler ikke om priser' });
    expect(asCoordinator.thread.posts[0]).toMatchObject({ hidden: true, body: 'Hvad tager I i timen?' });

    // A hidden thread: not found for members, listed for coordinators with its reason.
    expect(await moderateThread(db(), w.staff.actor, th.threadId, { hidden: true, reason: 'Konkurrenceret' })).toEqual({ ok: true });
    expect(await getThread(db(), w.members[1].actor, th.threadId)).toMatchObject({ ok: false, reason: 'not_found' });
    const forMember = await listThreads(db(), w.members[1].actor, id);
    const forCoordinator = await listThreads(db(), w.staff.actor, id);
    if (!forMember.ok || !forCoordinator.ok) throw new Error('threads');
    expect(forMember.threads.map((x) => x.id)).not.toContain(th.threadId);
    expect(forCoordinator.threads).toContainEqual(expect.objectContaining({ id: th.threadId, hidden: true, hiddenReason: 'Konkurrenceret' }));
  });

  it('search finds titles and bodies, never hidden or deleted posts nor hidden threads, and only for those in it', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const a = await createThread(db(), w.members[0].actor, id, { title: 'Rekruttering af sygeplejersker', body: 'Hvor annoncerer I?' }, ctx);
    const b = await createThread(db(), w.members[1].actor, id, { title: 'Vagtplaner', body: 'Vi bruger et nyt system til sygeplejersker' }, ctx);
    const c = await createThread(db(), w.members[1].actor, id, { title: 'Skjult om sygeplejersker', body: 'Skjult' }, ctx);
    if (!a.ok || !b.ok || !c.ok) throw new Error('threads');
    const hiddenReply = await replyToThread(db(), w.members[1].actor, a.threadId, { body: 'Sygeplejersker til underpris' }, ctx);
    const deletedReply = await replyToThread(db(), w.members[0].actor, a.threadId, { body: 'Sygeplejersker fra vikarbureau' }, ctx);
    if (!hiddenReply.ok || !deletedReply.ok) throw new Error('replies');
    await hidePost(db(), w.staff.actor, hiddenReply.postId, { hidden: true, reason: 'Priser' });
    await deletePost(db(), w.members[0].actor, deletedReply.postId);
    await moderateThread(db(), w.staff.actor, c.threadId, { hidden: true, reason: 'Dublet' });

    for (const who of [w.members[0], w.staff]) {
      const r = await searchNetwork(db(), who.actor, id, 'SYGEPLEJERSKER');
      if (!r.ok) throw new Error('search');
      expect(r.hits.map((h) => h.postId).sort()).toEqual([a.postId, b.postId].sort());
    }
    expect(await searchNetwork(db(), w.members[5].actor, id, 'sygeplejersker')).toMatchObject({ ok: false, reason: 'not_found' });
    // Wildcards are words, not patterns.
    const r = await searchNetwork(db(), w.members[0].actor, id, '%');
    expect(r.ok && r.hits).toEqual([]);
  });

  it('replying in a locked thread is refused; a coordinator pins', async () => {
    const id = await networkOf(w, { people: [w.members[0].id] });
    const th = await createThread(db(), w.members[0].actor, id, { title: 'Låses', body: 'Snart låst' }, ctx);
    if (!th.ok) throw new Error(JSON.stringify(th));
    expect(await moderateThread(db(), w.members[0].actor, th.threadId, { locked: true })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await moderateThread(db(), w.staff.actor, th.threadId, { locked: true, pinned: true })).toEqual({ ok: true });
    expect(await replyToThread(db(), w.members[0].actor, th.threadId, { body: 'For sent' }, ctx)).toEqual({ ok: false, reason: 'thread_locked' });
    const list = await listThreads(db(), w.members[0].actor, id);
    expect(list.ok && list.threads[0]).toMatchObject({ id: th.threadId, pinned: true, locked: true, postCount: 1 });
  });
});

describe('files', () => {
  it('upload, replace keeping the old version downloadable; only those in the network download; a wrong type is refused', async () => {
    const id = await networkOf(w, { people: [w.members[0].id, w.members[1].id] });
    const up = await uploadNetworkFile(db(), w.members[0].actor, id, { fileName: 'overenskomst.pdf', bytes: PDF, title: 'Overenskomst', description: 'Gældende' });
    if (!up.ok) throw new Error(JSON.stringify(up));
    // Someone else's file: not theirs to replace.
    expect(await replaceNetworkFile(db(), w.members[1].actor, up.fileId, { fileName: 'ny.pdf', bytes: PDF2 })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await replaceNetworkFile(db(), w.members[0].actor, up.fileId, { fileName: 'overenskomst-2025.pdf', bytes: PDF2 })).toEqual({ ok: true, version: 2 });

    const newest = await downloadNetworkFile(db(), w.members[1].actor, up.fileId);
    const first = await downloadNetworkFile(db(), w.members[1].actor, up.fileId, 1);
    expect(newest.ok && [newest.fileName, newest.contentType, Buffer.from(newest.bytes).equals(PDF2)]).toEqual(['overenskomst-2025.pdf', 'application/pdf', true]);
    expect(first.ok && [first.fileName, Buffer.from(first.bytes).equals(PDF)]).toEqual(['overenskomst.pdf', true]);
    const list = await listNetworkFiles(db(), w.members[1].actor, id);
    expect(list.ok && list.files.map((f) => [f.title, f.version, f.versions.map((v) => v.version)])).toEqual([['Overenskomst', 2, [2, 1]]]);

    for (const who of [w.members[5], w.board, w.contactA]) {
      expect(await downloadNetworkFile(db(), who.actor, up.fileId), who.name).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await downloadNetworkFile(db(), who.actor, up.fileId, 1), who.name).toMatchObject({ ok: false, reason: 'not_found' });
    }
    expect(await uploadNetworkFile(db(), w.members[0].actor, id, { fileName: 'virus.pdf', bytes: Buffer.from('#!/bin/sh\nrm -rf /') })).toEqual({ ok: false, reason: 'file_wrong_type' });
    expect(await uploadNetworkFile(db(), w.members[0].actor, id, { fileName: 'billede.jpg', bytes: PDF })).toEqual({ ok: false, reason: 'file_wrong_type' });
    expect(await replaceNetworkFile(db(), w.members[0].actor, up.fileId, { fileName: 'side.pdf', bytes: Buffer.from('<html></html>') })).toEqual({ ok: false, reason: 'file_wrong_type' });
    const after = await listNetworkFiles(db(), w.members[1].actor, id);
    expect(after.ok && after.files.map((f) => f.version)).toEqual([2]);
  });

  it('a member who leaves can no longer download', async () => {
    const id = await networkOf(w, { people: [w.members[2].id] });
    const up = await uploadNetworkFile(db(), w.staff.actor, id, { fileName: 'plan.pdf', bytes: PDF });
    if (!up.ok) throw new Error(JSON.stringify(up));
    expect((await downloadNetworkFile(db(), w.members[2].actor, up.fileId)).ok).toBe(true);
    await leaveNetwork(db(), w.members[2].actor, id);
    expect(await downloadNetworkFile(db(), w.members[2].actor, up.fileId)).toMatchObject({ ok: false, reason: 'not_found' });
  });
});
