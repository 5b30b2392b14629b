import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { admitAmendment, submitAmendment } from './amendments.js';
import { amendmentInput, motionInput } from './motion-schema.js';
import { admitMotion, submitMotion } from './motions.js';

let t: TestApp;
let w: AssemblyWorld;
const DAY = 86_400_000;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Record<string, unknown>[];
const cookieOf = async (p: Someone) => (await loginAs(t.database, p.id)).cookie;
const numberOf = async (p: Someone) => String((await rows('select member_number from memberships where person_id = $1', [p.id]))[0].member_number);

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('the motions pages', () => {
  it('lets a member submit a motion from the form with co-signers by member number, and shows it in numbered lines', async () => {
    const a = await calledAssembly(w);
    const session = await formSession(t.app, `/assemblies/${a.id}/motions/new`, await cookieOf(w.members[0]));
    expect(session.page.statusCode).toBe(200);
    expect(session.page.body).toContain('Indsend forslag');
    const res = await postForm(t.app, `/assemblies/${a.id}/motions/new`, session, {
      title: 'Medlemsmøder',
      body: 'Generalforsamlingen beslutter:\nat der holdes et medlemsmøde i hver kommune.',
      reasoning: 'Vi skal tættere på medlemmerne.',
      voteKind: 'ordinary',
      cosigners: `${await numberOf(w.members[1])}, ${await numberOf(w.members[2])}`,
    });
    expect(res.statusCode).toBe(303);
    const [m] = await rows('select id, number, state, submitted_by from motions where assembly_id = $1', [a.id]);
    expect(m).toMatchObject({ number: 1, state: 'submitted', submitted_by: w.members[0].id });
    expect(res.headers.location).toBe(`/motions/${m.id}`);
    expect((await rows('select person_id from motion_cosigners where motion_id = $1 order by person_id', [m.id])).map((r) => r.person_id)).toEqual([w.members[1].id, w.members[2].id].sort());
    // The flash message rides in a cookie of the redirect, as a browser would carry it.
    const jar = [session.cookie, ...([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])].join('; ');
    const page = await t.app.inject({ method: 'GET', url: `/motions/${m.id}`, headers: { cookie: jar } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Forslag 1: Medlemsmøder');
    expect(page.body).toMatch(/<span class="visually-hidden">Linje<\/span> <span>2<\/span><\/span><span class="motion-line-text">at der holdes et medlemsmøde i hver kommune.<\/span>/);
    expect(page.body).toContain('Forslag 1 er indsendt.');
  });

  it('re-renders the form with every error on its field, in the reader’s language, and writes nothing', async () => {
    const a = await calledAssembly(w);
    const session = await formSession(t.app, `/assemblies/${a.id}/motions/new`, await cookieOf(w.members[0]));
    const res = await postForm(t.app, `/assemblies/${a.id}/motions/new`, session, { title: '', body: '', voteKind: 'ordinary', cosigners: '999999999' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="field-error-title"');
    expect(res.body).toContain('id="field-error-body"');
    expect(res.body).toContain('id="field-error-cosigners"');
    expect(res.body).toContain('Ingen stemmeberettiget har medlemsnummer 999999999.');
    // A member of another unit is no co-signer either, though their number exists.
    const south = await postForm(t.app, `/assemblies/${a.id}/motions/new`, session, { title: 'X', body: 'Y', voteKind: 'ordinary', cosigners: await numberOf(w.southMember) });
    expect(south.statusCode).toBe(422);
    expect(south.body).toContain('id="field-error-cosigners"');
    expect(await rows('select id from motions where assembly_id = $1', [a.id])).toEqual([]);
  });

  it('tells a member the deadline has passed, and lets staff take a motion in late with a reason', async () => {
    const a = await calledAssembly(w, { motionDeadline: new Date(Date.now() - DAY).toISOString() }, 10);
    const member = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/motions/new`, headers: { cookie: await cookieOf(w.members[0]) } });
    expect(member.statusCode).toBe(200);
    expect(member.body).toContain('Forslaget er kommet for sent');
    expect(member.body).not.toContain('name="title"');
    const s = await formSession(t.app, `/assemblies/${a.id}/motions`, await cookieOf(w.members[0]));
    const refused = await postForm(t.app, `/assemblies/${a.id}/motions/new`, s, { title: 'For sent', body: 'Tekst', voteKind: 'ordinary' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('vedtægterne');
    const staff = await formSession(t.app, `/assemblies/${a.id}/motions/new`, await cookieOf(w.staffNorth));
    expect(staff.page.body).toContain('name="lateReason"');
    const noReason = await postForm(t.app, `/assemblies/${a.id}/motions/new`, staff, { title: 'Sent forslag', body: 'Tekst', voteKind: 'ordinary', submitter: await numberOf(w.members[3]) });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('id="field-error-lateReason"');
    const late = await postForm(t.app, `/assemblies/${a.id}/motions/new`, staff, { title: 'Sent forslag', body: 'Tekst', voteKind: 'ordinary', submitter: await numberOf(w.members[3]), lateReason: 'Afleveret på kontoret til tiden' });
    expect(late.statusCode).toBe(303);
    expect(await rows('select state, late_reason, submitted_by from motions where assembly_id = $1', [a.id])).toEqual([{ state: 'admitted', late_reason: 'Afleveret på kontoret til tiden', submitted_by: w.members[3].id }]);
  });

  it('lets a co-signer confirm, and a member propose an amendment, with errors on the amendment form', async () => {
    const a = await calledAssembly(w);
    const r = await submitMotion(t.database.db, w.members[0].actor, a.id, motionInput.parse({ title: 'Kontingent', body: 'a\nb\nc', cosignerIds: [w.members[1].id] }));
    if (!r.ok) throw new Error('submit');
    const cosigner = await formSession(t.app, `/motions/${r.motion.id}`, await cookieOf(w.members[1]));
    expect(cosigner.page.body).toContain('Bekræft, at jeg er medforslagsstiller');
    expect((await postForm(t.app, `/motions/${r.motion.id}/cosign`, cosigner, {})).statusCode).toBe(303);
    expect((await rows('select confirmed_at is not null as c from motion_cosigners where motion_id = $1', [r.motion.id]))[0].c).toBe(true);
    await admitMotion(t.database.db, w.staffNorth.actor, r.motion.id);
    const s = await formSession(t.app, `/motions/${r.motion.id}`, await cookieOf(w.members[2]));
    expect(s.page.body).toContain('Stil et ændringsforslag');
    const bad = await postForm(t.app, `/motions/${r.motion.id}/amendments`, s, { fromLine: '2', toLine: '9', replacement: 'B' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="amend-error-toLine"');
    expect(bad.body).toContain('Til linje skal være en af forslagets linjer, fra 1 til 3.');
    expect(bad.body).toContain('value="9"');
    const typo = await postForm(t.app, `/motions/${r.motion.id}/amendments`, s, { fromLine: 'to', toLine: '2', replacement: 'B' });
    expect(typo.statusCode).toBe(422);
    expect(typo.body).toContain('id="amend-error-fromLine"');
    const ok = await postForm(t.app, `/motions/${r.motion.id}/amendments`, s, { fromLine: '2', toLine: '2', replacement: 'B' });
    expect(ok.statusCode).toBe(303);
    expect(await rows('select from_line, to_line, replacement, state from amendments where motion_id = $1', [r.motion.id])).toEqual([{ from_line: 2, to_line: 2, replacement: 'B', state: 'submitted' }]);
  });

  it('refuses a motion from the staff form only with a reason, shown to the submitter', async () => {
    const a = await calledAssembly(w);
    const r = await submitMotion(t.database.db, w.members[0].actor, a.id, motionInput.parse({ title: 'Ferie', body: 'Tekst' }));
    if (!r.ok) throw new Error('submit');
    const staff = await formSession(t.app, `/motions/${r.motion.id}`, await cookieOf(w.staffNorth));
    const empty = await postForm(t.app, `/motions/${r.motion.id}/refuse`, staff, { reason: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('id="refuse-error-reason"');
    expect((await postForm(t.app, `/motions/${r.motion.id}/refuse`, staff, { reason: 'Hører under overenskomstforhandlingerne' })).statusCode).toBe(303);
    // Twice: the state is told above the page, with no field to link to.
    const twice = await postForm(t.app, `/motions/${r.motion.id}/admit`, staff, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Det kan ikke lade sig gøre, når forslaget er: Afvist.');
    const list = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/motions`, headers: { cookie: await cookieOf(w.members[0]) } });
    expect(list.body).toContain('Hører under overenskomstforhandlingerne');
    const others = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/motions`, headers: { cookie: await cookieOf(w.members[1]) } });
    expect(others.body).not.toContain('Ferie');
  });

  it('shows the chair the order of the votes and the amended text as a diff that does not rely on colour', async () => {
    const a = await calledAssembly(w);
    const r = await submitMotion(t.database.db, w.members[0].actor, a.id, motionInput.parse({ title: 'Kontingent', body: 'Kontingentet fastholdes.\nBestyrelsen arbejder videre.' }));
    if (!r.ok) throw new Error('submit');
    await admitMotion(t.database.db, w.staffNorth.actor, r.motion.id);
    const x = await submitAmendment(t.database.db, w.members[1].actor, r.motion.id, amendmentInput.parse({ fromLine: 1, toLine: 1, replacement: 'Kontingentet sænkes.' }));
    if (!x.ok) throw new Error('amend');
    await admitAmendment(t.database.db, w.staffNorth.actor, x.amendment.id);
    await rows("update amendments set state = 'adopted' where id = $1", [x.amendment.id]);
    const page = await t.app.inject({ method: 'GET', url: `/motions/${r.motion.id}/chair`, headers: { cookie: await cookieOf(w.staffNorth) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Afstemningernes rækkefølge');
    expect(page.body.indexOf('Ændringsforslag 1 til linje 1–1')).toBeLessThan(page.body.indexOf('Forslag 1 med de vedtagne ændringer'));
    expect(page.body).toMatch(/<del><span class="visually-hidden">\[slettet: <\/span><span>fastholdes<\/span>/);
    expect(page.body).toMatch(/<ins><span class="visually-hidden">\[indsat: <\/span><span>sænkes<\/span>/);
    const en = await t.app.inject({ method: 'GET', url: `/motions/${r.motion.id}/chair`, headers: { cookie: await cookieOf(w.staffNorth), 'accept-language': 'en' } });
    expect(en.body).toContain('The order of the votes');
  });
});
