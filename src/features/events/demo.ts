import { and, asc, eq, gt, like } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { wallClockInDays } from '../../platform/i18n/zoned-time.js';
import type { DemoContext, DemoUnitKey } from '../../kernel/feature.js';
import { events, programmeItems, registrations, type AudienceRole, type EventKind } from './tables.js';

const ZONE = 'Europe/Copenhagen';
const copenhagenTime = (days: number, hh: number, mm = 0) => wallClockInDays(days, hh, mm, ZONE);

interface DemoEvent {
  kind: EventKind;
  title: string;
  slug: string;
  description: string;
  unit: DemoUnitKey;
  audience: 'public' | 'members' | 'unit_members' | 'roles';
  audienceUnit?: DemoUnitKey;
  audienceRoles?: AudienceRole[];
  startsAt: Date;
  endsAt: Date;
  place?: { name: string; address: string; postalCode: string; city: string };
  onlineUrl?: string;
  capacity: number | null;
  waitlist: boolean;
  maxGuests: number;
  status: 'draft' | 'published';
  /** Minutes after the start. */
  programme?: { at: number; title: string; speaker?: string }[];
  /** People registered, in arrival order; those beyond the capacity wait. */
  attendees: { personId: string; guests?: number }[];
  checkedIn?: boolean;
}

function slugDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * A handful of events around today: a district meeting that filled up with a waiting list (the
 * situation from the source articles), a public webinar, the annual meeting, a meeting for stewards,
 * safety reps and leaders, a leaders' course with guests, one held last month and one draft.
 */
export async function seedDemoEvents(tx: Db, c: DemoContext): Promise<void> {
  const districtMeeting = copenhagenTime(16, 17, 0);
  const webinar = copenhagenTime(9, 12, 0);
  const annual = copenhagenTime(75, 10, 0);
  const network = copenhagenTime(23, 16, 30);
  const course = copenhagenTime(37, 9, 0);
  const held = copenhagenTime(-20, 16, 0);
  const seminar = copenhagenTime(110, 9, 0);
  const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);
  const north = c.activeMembers.nord;
  const seats = Math.min(60, Math.max(1, north.length - 8));

  const list: DemoEvent[] = [
    {
      kind: 'member_meeting',
      title: 'Medlemsmøde i Kreds Nord: Den nye overenskomst',
      slug: `medlemsmoede-kreds-nord-${slugDate(districtMeeting)}`,
      description:
        'Kom og hør, hvad den nye overenskomst betyder for dig: løn, pension og arbejdstid.\n\n' +
        'Der er **sandwich og kaffe** fra kl. 16.30. Tilmelding er nødvendig, og pladserne går efter først til mølle. ' +
        'Bliver der en plads ledig, rykker den første på ventelisten automatisk op.',
      unit: 'nord',
      audience: 'unit_members',
      audienceUnit: 'nord',
      startsAt: districtMeeting,
      endsAt: hours(districtMeeting, 2.5),
      place: { name: 'Nordby Medborgerhus, sal 2', address: 'Stationsvej 4', postalCode: '9000', city: 'Nordby' },
      capacity: seats,
      waitlist: true,
      maxGuests: 0,
      status: 'published',
      programme: [
        { at: 0, title: 'Velkomst', speaker: 'Kredsformanden' },
        { at: 15, title: 'Overenskomsten punkt for punkt', speaker: 'Faglig konsulent' },
        { at: 90, title: 'Spørgsmål og debat' },
      ],
      attendees: north.slice(0, seats + 8).map((personId) => ({ personId })),
    },
    {
      kind: 'webinar',
      title: 'Webinar: Din pension – hvad skal du vide?',
      slug: `webinar-din-pension-${slugDate(webinar)}`,
      description: 'En times gennemgang af pensionsordningen for alle, der arbejder i omsorgsfagene. Medlemskab er ikke et krav.\n\nLinket til webinaret står i din bekræftelse.',
      unit: 'national',
      audience: 'public',
      startsAt: webinar,
      endsAt: hours(webinar, 1),
      onlineUrl: 'https://meet.omsorgsforbundet.example/pension',
      capacity: null,
      waitlist: false,
      maxGuests: 0,
      status: 'published',
      attendees: [...c.activeMembers.midt.slice(0, 12), ...c.activeMembers.syd.slice(0, 13)].map((personId) => ({ personId })),
    },
    {
      kind: 'annual_meeting',
      title: 'Generalforsamling',
      slug: `generalforsamling-${slugDate(annual)}`,
      description: 'Omsorgsforbundets ordinære generalforsamling. Dagsorden og forslag sendes ud senest fire uger før.',
      unit: 'national',
      audience: 'members',
      startsAt: annual,
      endsAt: hours(annual, 7),
      place: { name: 'Fagforeningshuset', address: 'Fælledvej 12', postalCode: '2200', city: 'København N' },
      capacity: 300,
      waitlist: true,
      maxGuests: 0,
      status: 'published',
      attendees: c.activeMembers.syd.slice(13, 40).map((personId) => ({ personId })),
    },
    {
      kind: 'role_meeting',
      title: 'Netværksmøde for tillidsrepræsentanter, arbejdsmiljørepræsentanter og ledere',
      slug: `netvaerksmoede-tr-amr-ledere-${slugDate(network)}`,
      description: 'Et fælles møde om samarbejdet på arbejdspladsen: hvordan tillidsrepræsentant, arbejdsmiljørepræsentant og leder løfter arbejdsmiljøet sammen.',
      unit: 'midt',
      audience: 'roles',
      audienceRoles: ['steward', 'safety_rep', 'leader'],
      startsAt: network,
      endsAt: hours(network, 3),
      place: { name: 'Kredskontoret Midt', address: 'Søndergade 20', postalCode: '8000', city: 'Midtby' },
      capacity: 40,
      waitlist: true,
      maxGuests: 0,
      status: 'published',
      attendees: c.roleHolders.slice(0, 14).map((personId) => ({ personId })),
    },
    {
      kind: 'course',
      title: 'Lederkursus: Den svære samtale',
      slug: `lederkursus-den-svaere-samtale-${slugDate(course)}`,
      description: 'To dage om samtaler, der er svære at tage: sygefravær, samarbejdsproblemer og afskedigelse. Som leder kan du tage to mellemledere med.',
      unit: 'leaders',
      audience: 'unit_members',
      audienceUnit: 'leaders',
      startsAt: course,
      endsAt: hours(course, 32),
      place: { name: 'Kursuscenter Skovly', address: 'Skovvej 3', postalCode: '7100', city: 'Sydby' },
      capacity: 20,
      waitlist: true,
      maxGuests: 2,
      status: 'published',
      attendees: c.leaders.slice(0, 6).map((personId, i) => ({ personId, guests: i % 3 === 0 ? 2 : 0 })),
    },
    {
      kind: 'member_meeting',
      title: 'Fyraftensmøde om arbejdsmiljø',
      slug: `fyraftensmoede-arbejdsmiljoe-${slugDate(held)}`,
      description: 'Fyraftensmøde om psykisk arbejdsmiljø og travlhed.',
      unit: 'syd',
      audience: 'members',
      startsAt: held,
      endsAt: hours(held, 2),
      place: { name: 'Sydby Bibliotek', address: 'Torvet 1', postalCode: '6000', city: 'Sydby' },
      capacity: 30,
      waitlist: false,
      maxGuests: 0,
      status: 'published',
      attendees: c.activeMembers.syd.slice(40, 62).map((personId) => ({ personId })),
      checkedIn: true,
    },
    {
      kind: 'board_seminar',
      title: 'Bestyrelsesseminar',
      slug: `bestyrelsesseminar-${slugDate(seminar)}`,
      description: 'Hovedbestyrelsens årlige seminar om strategi og budget.',
      unit: 'national',
      audience: 'roles',
      audienceRoles: ['board'],
      startsAt: seminar,
      endsAt: hours(seminar, 30),
      capacity: 25,
      waitlist: false,
      maxGuests: 0,
      status: 'draft',
      attendees: [],
    },
  ];

  for (const e of list) {
    const created = e.status === 'published' ? new Date(Math.min(Date.now(), e.startsAt.getTime()) - 30 * 86_400_000) : new Date();
    const confirmed: { personId: string; guests: number }[] = [];
    const waiting: { personId: string; guests: number }[] = [];
    let taken = 0;
    for (const a of e.attendees) {
      const need = 1 + (a.guests ?? 0);
      if (waiting.length === 0 && (e.capacity === null || taken + need <= e.capacity)) {
        confirmed.push({ personId: a.personId, guests: a.guests ?? 0 });
        taken += need;
      } else if (e.waitlist) waiting.push({ personId: a.personId, guests: a.guests ?? 0 });
    }
    const [row] = await tx
      .insert(events)
      .values({
        slug: e.slug,
        kind: e.kind,
        title: e.title,
        description: e.description,
        placeName: e.place?.name ?? null,
        addressLine: e.place?.address ?? null,
        postalCode: e.place?.postalCode ?? null,
        city: e.place?.city ?? null,
        onlineUrl: e.onlineUrl ?? null,
        startsAt: e.startsAt,
        endsAt: e.endsAt,
        timeZone: ZONE,
        unitId: c.unitByKey[e.unit],
        audience: e.audience,
        audienceUnitId: e.audienceUnit ? c.unitByKey[e.audienceUnit] : null,
        audienceRoles: e.audienceRoles ?? [],
        capacity: e.capacity,
        waitlist: e.waitlist,
        maxGuests: e.maxGuests,
        status: e.status,
        publishedAt: e.status === 'published' ? created : null,
        confirmedSeats: taken,
        createdBy: c.staffIn(e.unit === 'leaders' ? 'national' : e.unit),
        createdAt: created,
      })
      .returning({ id: events.id });
    if (e.programme?.length) {
      await tx.insert(programmeItems).values(
        e.programme.map((p, i) => ({
          eventId: row.id,
          position: i + 1,
          startsAt: new Date(e.startsAt.getTime() + p.at * 60_000),
          title: p.title,
          speaker: p.speaker ?? null,
        })),
      );
    }
    // One insert per status keeps `seq` in arrival order: everyone confirmed came before everyone waiting.
    const at = (i: number) => new Date(created.getTime() + (i + 1) * 60_000);
    if (confirmed.length) {
      await tx.insert(registrations).values(
        confirmed.map((r, i) => ({
          eventId: row.id,
          personId: r.personId,
          guests: r.guests,
          status: 'confirmed' as const,
          createdAt: at(i),
          confirmedAt: at(i),
          checkedInAt: e.checkedIn && i % 5 !== 4 ? e.startsAt : null,
        })),
      );
    }
    if (waiting.length) {
      await tx.insert(registrations).values(
        waiting.map((r, i) => ({ eventId: row.id, personId: r.personId, guests: r.guests, status: 'waitlisted' as const, createdAt: at(confirmed.length + i) })),
      );
    }
  }
  // The mailings' demo invites the leaders of the north to the next network meeting.
  const [networkMeeting] = await tx
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.status, 'published'), gt(events.startsAt, new Date()), like(events.title, 'Netværksmøde%')))
    .orderBy(asc(events.startsAt))
    .limit(1);
  if (networkMeeting) c.made.set('events.network_meeting', networkMeeting.id);
}
