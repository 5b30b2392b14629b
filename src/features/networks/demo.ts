import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { demoPdf } from '../../platform/demo-media.js';
import { loadGrants } from '../../kernel/grants.js';
import type { DemoContext } from '../../kernel/feature.js';
import { registerForEvent } from '../events/index.js';
import { contactPersonIdsSql } from '../member-companies/index.js';
import { addNetworkMember } from './membership.js';
import { createNetworkMeeting, networkMeetingInput, setMinutes } from './meetings.js';
import { createNetwork } from './networks.js';
import { networkFiles, networkFileVersions, networkNotifications, networkPosts, networkSettings, networkThreadReads, networkThreads } from './tables.js';
import { companiesThreads, competitionNotice, leadersAgenda, leadersThreads, minutesText, nextAgenda, pastAgenda, safetyThreads, type DemoThread } from './demo-content.js';

const DAY = 86_400_000;
const mail = { baseUrl: 'http://localhost', organisationName: 'Omsorgsforbundet', defaultLocale: 'da' as const };

function must<T extends { ok: boolean }>(what: string, r: T): T & { ok: true } {
  if (!r.ok) throw new Error(`networks demo: ${what}: ${JSON.stringify(r)}`);
  return r as T & { ok: true };
}

async function actorOf(tx: Db, personId: string): Promise<Actor> {
  const [p] = await queryRows<{ first_name: string; last_name: string }>(tx, sql`select first_name, last_name from persons where id = ${personId}::uuid`);
  return { kind: 'person', personId, firstName: p?.first_name ?? '', lastName: p?.last_name ?? '', grants: await loadGrants(tx, personId) };
}

/** A time `days` ago at a working hour that varies with `i`, so a thread's posts read as written over days. */
const ago = (days: number, i = 0) => new Date(Date.now() - days * DAY - ((i * 97) % 480) * 60_000);

/**
 * The threads of one network, written straight into its tables with the times of the story (the
 * use cases would stamp them now and mail every participant about posts weeks old). Participants
 * have read up to a varying point, so the unread counts differ.
 */
async function seedThreads(tx: Db, networkId: string, threads: DemoThread[], who: Record<string, string>, readers: string[], expertKey = 'expert'): Promise<void> {
  for (const [ti, t] of threads.entries()) {
    const authorOf = (key: string) => who[key] ?? who.coordinator;
    const last = t.posts[t.posts.length - 1];
    const [thread] = await tx
      .insert(networkThreads)
      .values({
        networkId,
        title: t.title,
        authorId: authorOf(t.posts[0].by),
        pinned: t.pinned ?? false,
        locked: t.locked ?? false,
        expertAnswered: t.posts.some((p) => p.by === expertKey),
        postCount: t.posts.length,
        lastPostAt: ago(last.daysAgo, ti),
        createdAt: ago(t.posts[0].daysAgo, ti),
      })
      .returning({ id: networkThreads.id });
    await tx.insert(networkPosts).values(
      t.posts.map((p, i) => ({
        threadId: thread.id,
        networkId,
        seq: i + 1,
        authorId: authorOf(p.by),
        body: p.body,
        byExpert: p.by === expertKey,
        createdAt: ago(p.daysAgo, ti + i),
        notifiedAt: ago(p.daysAgo, ti + i),
      })),
    );
    // Each reader has read all but the newest few posts (the first reader everything).
    const reads = readers.map((personId, ri) => ({ threadId: thread.id, personId, seq: Math.max(0, t.posts.length - (ri % 3)) })).filter((r) => r.seq > 0);
    if (reads.length) await tx.insert(networkThreadReads).values(reads).onConflictDoNothing();
  }
}

async function seedFile(tx: Db, networkId: string, title: string, description: string, versions: { by: string; daysAgo: number; lines: string[]; fileName: string }[]): Promise<void> {
  const [f] = await tx
    .insert(networkFiles)
    .values({ networkId, title, description, version: versions.length, createdBy: versions[0].by, createdAt: ago(versions[0].daysAgo), updatedAt: ago(versions[versions.length - 1].daysAgo) })
    .returning({ id: networkFiles.id });
  await tx.insert(networkFileVersions).values(
    versions.map((v, i) => {
      const bytes = demoPdf(title, v.lines);
      return { fileId: f.id, version: i + 1, fileName: v.fileName, contentType: 'application/pdf', size: bytes.length, bytes, uploadedBy: v.by, uploadedAt: ago(v.daysAgo) };
    }),
  );
}

/** Copenhagen's wall clock `days` from today at `hour`:00 (the demo's meetings start on the hour). */
function atHour(days: number, hour: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour - 1, 0, 0, 0);
  return d;
}

/**
 * The demo's networks: competing private care homes (member companies) with the organisation's
 * legal adviser as expert, the competition-law notice, an agenda and minutes for the meeting they
 * held and an agenda for the next; the north's leaders' network with requests waiting for the
 * coordinator; and a hidden network of safety reps that exists only for those in it.
 */
export async function seedDemoNetworks(tx: Db, ctx: DemoContext): Promise<void> {
  const staffByTitle = (title: string) => ctx.staff.find((s) => s.title === title)?.id;
  const chief = ctx.staff[0].id; // the secretariat's head (admin and staff of the national office)
  const legal = staffByTitle('Juridisk konsulent') ?? chief;
  const northSecretary = ctx.staffIn('nord');
  const northSafety = staffByTitle('Arbejdsmiljøkonsulent') ?? northSecretary;
  const companies = [0, 1, 2].map((i) => ctx.made.get(`member-companies.${i}`)).filter((id): id is string => Boolean(id));
  const contacts: Record<string, string> = {};
  for (const companyId of companies) {
    const [row] = await queryRows<{ person_id: string }>(tx, sql`${contactPersonIdsSql(sql`${companyId}::uuid`)} limit 1`);
    if (row) contacts[companyId] = row.person_id;
  }

  await tx.insert(networkSettings).values({ id: 1, competitionNotice }).onConflictDoUpdate({ target: networkSettings.id, set: { competitionNotice } });

  // 1. Competitors at one table.
  const chiefActor = await actorOf(tx, chief);
  const erfa = must(
    'companies network',
    await createNetwork(tx, chiefActor, {
      unitId: ctx.unitByKey.national,
      name: 'Erfa-netværk for private bosteder',
      description:
        'Ledere af private bosteder og opholdssteder, der er medlemsvirksomheder, mødes fire gange om året og deler erfaringer med tilsyn, rekruttering og arbejdsmiljø. Sekretariatets juridiske konsulent deltager.',
      kind: 'companies',
      visibility: 'listed',
      joinPolicy: 'request',
    }),
  ).network;
  must('expert', await addNetworkMember(tx, chiefActor, erfa.id, { memberId: legal, role: 'expert' }));
  for (const companyId of companies) must('company', await addNetworkMember(tx, chiefActor, erfa.id, { memberCompanyId: companyId }));
  const [a, b, c] = companies.map((id) => contacts[id] ?? chief);
  await seedThreads(tx, erfa.id, companiesThreads, { coordinator: chief, expert: legal, a, b, c }, [chief, a, b, c, legal]);
  await seedFile(tx, erfa.id, 'Tjekliste til introduktionsforløb', 'Hvad nye medarbejdere skal igennem de første fire uger, og hvordan det dokumenteres over for tilsynet.', [
    { by: b, daysAgo: 17, fileName: 'tjekliste-introforloeb.pdf', lines: ['Uge 1: Rundvisning, beredskabsplan, magtanvendelse', 'Uge 2: Følvagter dag og aften'] },
    { by: b, daysAgo: 8, fileName: 'tjekliste-introforloeb-v2.pdf', lines: ['Uge 1: Rundvisning, beredskabsplan, magtanvendelse', 'Uge 2: Følvagter dag, aften og nat', 'Uge 4: Opfølgende samtale'] },
  ]);
  await seedFile(tx, erfa.id, 'Konkurrenceretlige spilleregler', 'Sekretariatets vejledning: hvad må vi tale om i netværket, og hvad må vi ikke.', [
    { by: legal, daysAgo: 119, fileName: 'konkurrenceretlige-spilleregler.pdf', lines: ['Del erfaringer, ikke forretningshemmeligheder.', 'Ingen priser, tilbud eller fordeling af kunder.', 'Dagsorden før og referat efter hvert møde.'] },
  ]);
  const meetingFields = (title: string, startsAt: Date, agenda: string, place: string) =>
    networkMeetingInput.parse({ title, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(), placeName: place, city: 'Aarhus', capacity: 12, agenda });
  const held = must('held meeting', await createNetworkMeeting(tx, chiefActor, erfa.id, meetingFields('Netværksmøde: tilsyn og rekruttering', atHour(-41, 13), pastAgenda, 'Omsorgsforbundet, mødelokale 2'), { allowPast: true })).meeting;
  must('minutes', await setMinutes(tx, chiefActor, held.eventId, minutesText));
  const next = must('next meeting', await createNetworkMeeting(tx, chiefActor, erfa.id, meetingFields('Netværksmøde: arbejdsmiljø og dokumentation', atHour(20, 13), nextAgenda, 'Omsorgsforbundet, mødelokale 2'))).meeting;
  for (const person of [a, b]) if (person !== chief) await registerForEvent(tx, await actorOf(tx, person), next.eventId, { guests: 0 }, mail);

  // 2. The north's leaders: asked to join, the coordinator approves.
  const secretaryActor = await actorOf(tx, northSecretary);
  const leaders = must(
    'leaders network',
    await createNetwork(tx, secretaryActor, {
      unitId: ctx.unitByKey.nord,
      name: 'Ledernetværk Nord',
      description: 'Ledere af botilbud, dagtilbud og socialpsykiatri i Kreds Nord sparrer om ledelse, vagtplaner og arbejdsmiljø. Vi mødes hver anden måned og skriver sammen her imellem.',
      kind: 'people',
      visibility: 'listed',
      joinPolicy: 'request',
    }),
  ).network;
  must('expert', await addNetworkMember(tx, secretaryActor, leaders.id, { memberId: northSafety, role: 'expert' }));
  const leaderIds = ctx.leaders.slice(0, 8);
  for (const id of leaderIds.slice(0, 6)) must('leader', await addNetworkMember(tx, secretaryActor, leaders.id, { memberId: id }));
  const notes = ['Jeg er ny leder på Værestedet Havnen og vil gerne sparre med andre.', 'Vi står over for en omlægning af vagtplanen og vil gerne høre om andres erfaringer.'];
  for (const [i, id] of leaderIds.slice(6, 8).entries()) must('request', await addNetworkMember(tx, await actorOf(tx, id), leaders.id, { memberId: id, note: notes[i] }));
  const m = Object.fromEntries(leaderIds.slice(0, 6).map((id, i) => [`m${i}`, id]));
  await seedThreads(tx, leaders.id, leadersThreads, { coordinator: northSecretary, expert: northSafety, ...m }, [northSecretary, ...leaderIds.slice(0, 6)]);
  await seedFile(tx, leaders.id, 'Vejledning: varsling af vagtændringer', 'Kort om reglerne for at ændre en fastlagt vagt, med eksempler.', [
    { by: northSafety, daysAgo: 19, fileName: 'varsling-af-vagtaendringer.pdf', lines: ['En enkelt vagt: varsles mindst 4 døgn før.', 'Hele vagtplanen: varsles mindst 4 uger før.'] },
  ]);
  must('leaders meeting', await createNetworkMeeting(tx, secretaryActor, leaders.id, meetingFields('Ledernetværk Nord: vagtplanlægning', atHour(23, 16), leadersAgenda, 'Kredskontoret i Nordby')));
  if (leaderIds[1]) await tx.insert(networkNotifications).values({ networkId: leaders.id, personId: leaderIds[1], mode: 'digest' });
  if (leaderIds[2]) await tx.insert(networkNotifications).values({ networkId: leaders.id, personId: leaderIds[2], mode: 'none' });

  // 3. A hidden network: only those in it know it is there.
  const safety = must(
    'safety network',
    await createNetwork(tx, secretaryActor, {
      unitId: ctx.unitByKey.nord,
      name: 'Arbejdsmiljørepræsentanter i socialpsykiatrien',
      description: 'Et lukket netværk for arbejdsmiljørepræsentanter på socialpsykiatriske tilbud i Kreds Nord. Kun efter invitation.',
      kind: 'people',
      visibility: 'hidden',
      joinPolicy: 'invitation',
    }),
  ).network;
  must('expert', await addNetworkMember(tx, secretaryActor, safety.id, { memberId: northSafety, role: 'expert' }));
  const reps = ctx.roleHolders.filter((id) => ctx.activeMembers.nord.includes(id)).slice(0, 5);
  for (const id of reps.slice(0, 4)) must('rep', await addNetworkMember(tx, secretaryActor, safety.id, { memberId: id }));
  if (reps[4]) must('invite', await addNetworkMember(tx, secretaryActor, safety.id, { memberId: reps[4], invite: true }));
  await seedThreads(tx, safety.id, safetyThreads, { coordinator: northSecretary, expert: northSafety, m0: reps[0] ?? northSecretary, m1: reps[1] ?? northSecretary }, [northSecretary, ...reps.slice(0, 4)]);
}
