import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { activeMember, assemblyWorld, draftAssembly, type AssemblyWorld } from './assemblies.fixture.js';
import { sendMotionsPack, takeDueRolls } from './motions-pack.js';
import { sendNotice } from './notice.js';
import { getAssembly } from './assemblies.js';
import { addAgendaItem, mergeAgendaItems, removeAgendaItem, updateAgendaItem } from './agenda.js';
import { agendaItemInput, agendaItemPatch } from './schema.js';

let t: TestApp;
let w: AssemblyWorld;
const ctx = { publicUrl: 'http://forening.test' };
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Record<string, unknown>[];

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('the notice', () => {
  it('freezes the roll and mails it through the mailings queue as service mail with the agenda and the deadline', async () => {
    const a = await draftAssembly(w);
    const r = await sendNotice(t.database.db, w.staffNorth.actor, a.id, ctx);
    expect(r).toMatchObject({ ok: true, recipients: w.members.length + 1 });
    if (!r.ok) return;
    const [m] = await rows('select kind, status, audience_source, audience_ref::text as ref, service_reason, recipient_count from mailings where id = $1', [r.mailingId]);
    expect(m).toMatchObject({ kind: 'service', status: 'sending', audience_source: 'assembly.roll', ref: a.id, recipient_count: w.members.length + 1 });
    const recipients = await rows('select person_id::text as id from mailing_recipients where mailing_id = $1', [r.mailingId]);
    expect(new Set(recipients.map((x) => x.id))).toEqual(new Set([...w.members.map((p) => p.id), w.boardNorth.id]));
    expect(recipients.map((x) => x.id)).not.toContain(w.southMember.id);
    const [da] = await rows("select subject, body from mailing_contents where mailing_id = $1 and locale = 'da'", [r.mailingId]);
    expect(da.subject).toBe(`Indkaldelse: ${a.title}`);
    expect(da.body).toContain('1. Valg af dirigent og referent');
    expect(da.body).toContain('Forslag, der ønskes behandlet');
    const seen = await getAssembly(t.database.db, w.members[0].actor, a.id);
    expect(seen.ok && seen.assembly.status).toBe('notice_sent');
    expect(await sendNotice(t.database.db, w.staffNorth.actor, a.id, ctx)).toMatchObject({ ok: false, reason: 'wrong_status' });
  });

  it('refuses a notice later than the statutes allow, naming the rule, and sends nothing', async () => {
    const a = await draftAssembly(w, {}, 10);
    const before = await rows('select count(*)::int as n from mailings');
    const r = await sendNotice(t.database.db, w.staffNorth.actor, a.id, ctx);
    expect(r).toMatchObject({ ok: false, reason: 'notice_late', params: { days: 14 } });
    expect(await rows('select count(*)::int as n from mailings')).toEqual(before);
    expect(await rows('select count(*)::int as n from assembly_roll where assembly_id = $1', [a.id])).toEqual([{ n: 0 }]);
    const api = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${a.id}/notice`, headers: { ...(await bearer(t.database, 'staff', w.org.north)), 'accept-language': 'en' } });
    expect(api.statusCode).toBe(409);
    expect(api.json().code).toBe('assembly.notice_late');
    expect(api.json().detail ?? api.json().title).toMatch(/14 days/);
  });

  it('lets only staff of the unit send it', async () => {
    const a = await draftAssembly(w);
    expect(await sendNotice(t.database.db, w.boardNorth.actor, a.id, ctx)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await sendNotice(t.database.db, w.staffSouth.actor, a.id, ctx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await sendNotice(t.database.db, w.members[0].actor, a.id, ctx)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('the agenda', () => {
  it('adds, moves, merges and removes items, keeping the positions 1…n', async () => {
    const a = await draftAssembly(w);
    const added = await addAgendaItem(t.database.db, w.staffNorth.actor, a.id, agendaItemInput.parse({ kind: 'discussion', title: 'Lønpolitik', position: 2 }));
    expect(added.ok && added.agenda.map((i) => i.title).slice(0, 3)).toEqual(['Valg af dirigent og referent', 'Lønpolitik', 'Bestyrelsens beretning']);
    if (!added.ok) return;
    const report = added.agenda.find((i) => i.kind === 'report')!;
    const future = added.agenda.find((i) => i.kind === 'future_work')!;
    const merged = await mergeAgendaItems(t.database.db, w.staffNorth.actor, a.id, { from: future.id, into: report.id, title: 'Beretning og fremtidigt arbejde' });
    expect(merged.ok && merged.agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(merged.ok && merged.agenda.find((i) => i.id === report.id)?.title).toBe('Beretning og fremtidigt arbejde');
    const lon = added.agenda.find((i) => i.title === 'Lønpolitik')!;
    const moved = await updateAgendaItem(t.database.db, w.staffNorth.actor, lon.id, agendaItemPatch.parse({ position: 5 }));
    expect(moved.ok && moved.agenda[4].id).toBe(lon.id);
    const removed = await removeAgendaItem(t.database.db, w.staffNorth.actor, lon.id);
    expect(removed.ok && removed.agenda.map((i) => i.kind)).toEqual(['officers', 'report', 'motions', 'election', 'any_other_business']);
  });

  it('refuses to merge an item into itself and changes nothing', async () => {
    const a = await draftAssembly(w);
    const r = await mergeAgendaItems(t.database.db, w.staffNorth.actor, a.id, { from: a.agenda[0].id, into: a.agenda[0].id });
    expect(r).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'from', code: 'assembly.merge_same' }] });
    expect((await rows('select count(*)::int as n from agenda_items where assembly_id = $1', [a.id]))[0].n).toBe(6);
  });
});

describe('the motions pack and the roll at the cut-off', () => {
  it('mails the admitted motions once, with the board’s recommendation, and never a refused one', async () => {
    const a = await draftAssembly(w);
    const sent = await sendNotice(t.database.db, w.staffNorth.actor, a.id, ctx);
    expect(sent.ok).toBe(true);
    expect(await sendMotionsPack(t.database.db, w.staffNorth.actor, a.id, ctx)).toEqual({ ok: false, reason: 'no_motions' });
    await t.database.executeSql(
      `insert into motions (assembly_id, number, title, body, state, board_recommendation, refusal_reason) values
        ($1, 1, 'Flere lokale klubber', 'Kredsen opretter klubber.', 'admitted', 'Bestyrelsen anbefaler forslaget.', null),
        ($1, 2, 'Afvist forslag', 'Noget andet.', 'refused', null, 'Hører ikke under generalforsamlingen')`,
      [a.id],
    );
    const r = await sendMotionsPack(t.database.db, w.staffNorth.actor, a.id, ctx);
    expect(r).toMatchObject({ ok: true, motions: 1, recipients: w.members.length + 1 });
    if (!r.ok) return;
    const [da] = await rows("select subject, body from mailing_contents where mailing_id = $1 and locale = 'da'", [r.mailingId]);
    expect(da.body).toContain('Forslag 1: Flere lokale klubber');
    expect(da.body).toContain('Bestyrelsen anbefaler forslaget.');
    expect(da.body).not.toContain('Afvist forslag');
    expect(await sendMotionsPack(t.database.db, w.staffNorth.actor, a.id, ctx)).toEqual({ ok: false, reason: 'pack_sent' });
  });

  it('takes the roll again on the cut-off day when the notice went out before it', async () => {
    const a = await draftAssembly(w);
    expect((await sendNotice(t.database.db, w.staffNorth.actor, a.id, ctx)).ok).toBe(true);
    // The cut-off day has come since; a new member joined in between.
    await t.database.executeSql("update assemblies set roll_cutoff_on = current_date, roll_frozen_at = now() - interval '3 days' where id = $1", [a.id]);
    const newcomer = await activeMember(t.database, w.typeId, w.org.north);
    expect(await takeDueRolls(t.database.db)).toBeGreaterThanOrEqual(1);
    const roll = await rows('select person_id::text as id from assembly_roll where assembly_id = $1', [a.id]);
    expect(roll.map((x) => x.id)).toContain(newcomer.id);
    expect(await takeDueRolls(t.database.db)).toBe(0);
  });
});
