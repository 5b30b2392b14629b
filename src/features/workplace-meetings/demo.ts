import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { sha256 } from '../../platform/secrets.js';
import { system } from '../../platform/actor.js';
import { wallClockInDays } from '../../platform/i18n/zoned-time.js';
import type { DemoContext } from '../../kernel/feature.js';
import { createEvent, publishEvent } from '../events/index.js';
import { meetingTopicChoices, meetingTopics, workplaceMeetings, type MeetingStatus } from './tables.js';
import { firstNames, lastNames } from '../../platform/demo-names.js';

type District = 'nord' | 'midt' | 'syd';

const TOPICS = ['Arbejdsmiljø og stress', 'Løn og overenskomst', 'Vold og trusler', 'Pension og forsikring', 'Tillidsrepræsentantens rolle', 'Seniorliv'];

interface Plan {
  status: MeetingStatus;
  /** Days from today of the first proposed time (and of the meeting, when scheduled or held). */
  day: number;
  topics: number[];
  freeTopic?: string;
  report?: { note: string; participants: number; recruited: number };
  declineReason?: string;
  cancelReason?: string;
  nonMembers?: boolean;
}

/** Per district: some held over the last months (the chart), one ahead, and the queue's other states. */
const PLANS: Record<District, Plan[]> = {
  nord: [
    { status: 'held', day: -150, topics: [0], report: { note: 'God snak om alenearbejde om aftenen; ønske om opfølgning med ledelsen.', participants: 14, recruited: 2 } },
    { status: 'held', day: -75, topics: [1, 4], report: { note: 'Mange spørgsmål om lønsedlen og tillæg for aftenvagter.', participants: 21, recruited: 4 }, nonMembers: true },
    { status: 'held', day: -20, topics: [2], report: { note: 'Personalet ønsker en fælles procedure for registrering af episoder.', participants: 11, recruited: 1 } },
    { status: 'scheduled', day: 12, topics: [0, 1], nonMembers: true },
    { status: 'in_progress', day: 30, topics: [3] },
    { status: 'new', day: 40, topics: [], freeTopic: 'Ny vagtplan fra januar' },
  ],
  midt: [
    { status: 'held', day: -110, topics: [1], report: { note: 'Gennemgang af den nye overenskomst; to kolleger meldte sig ind.', participants: 17, recruited: 2 }, nonMembers: true },
    { status: 'held', day: -45, topics: [5], report: { note: 'Seniorordninger og nedsat tid; mange vil have en personlig samtale.', participants: 9, recruited: 0 } },
    { status: 'scheduled', day: 20, topics: [2, 4] },
    { status: 'declined', day: 25, topics: [3], declineReason: 'Vi har ingen konsulent ledig i den uge; foreslå gerne en dato i næste måned.' },
  ],
  syd: [
    { status: 'held', day: -60, topics: [0], report: { note: 'Arbejdspres efter omstrukturering; aftalt møde med arbejdsmiljørepræsentanten.', participants: 13, recruited: 3 } },
    { status: 'cancelled', day: 15, topics: [1], cancelReason: 'Arbejdspladsen har aflyst på grund af sygdom.' },
    { status: 'new', day: 35, topics: [4, 5] },
  ],
};

/** After work, Copenhagen wall clock: when a workplace meeting is held. */
const AFTER_WORK = { start: [15, 30], end: [17, 0] } as const;

/** Days off at Christmas and New Year, when no workplace holds an after-work meeting (`MM-DD`). */
const CLOSED = new Set(['12-24', '12-25', '12-26', '12-31', '01-01']);
const copenhagenTime = (days: number, hh: number, mm = 0) => wallClockInDays(days, hh, mm, 'Europe/Copenhagen');
const dayName = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', weekday: 'short', month: '2-digit', day: '2-digit' });

/**
 * An after-work time on a working day about `days` from today: a Saturday, a Sunday or a day off
 * at Christmas and New Year moves on to the next working day.
 */
export function afterWork(days: number, at: 'start' | 'end'): Date {
  let day = days;
  for (;;) {
    const p = Object.fromEntries(dayName.formatToParts(copenhagenTime(day, 12, 0)).map((x) => [x.type, x.value]));
    if (p.weekday !== 'Sat' && p.weekday !== 'Sun' && !CLOSED.has(`${p.month}-${p.day}`)) break;
    day++;
  }
  const [hh, mm] = AFTER_WORK[at];
  return copenhagenTime(day, hh, mm);
}

/**
 * A topic catalogue per district and fifteen workplace meetings in every state, at times relative
 * to today (held ones with reports over the last months, so the monthly chart has data). Scheduled
 * and held meetings get their event at the workplace, as scheduling makes it.
 */
export async function seedDemoWorkplaceMeetings(tx: Db, ctx: DemoContext): Promise<void> {
  for (const district of ['nord', 'midt', 'syd'] as const) {
    const unitId = ctx.unitByKey[district];
    const topicRows = await tx
      .insert(meetingTopics)
      .values(TOPICS.map((name, i) => ({ unitId, name, position: i + 1 })))
      .returning({ id: meetingTopics.id, name: meetingTopics.name });
    const places = await queryRows<{ id: string; name: string; addressLine: string | null; postalCode: string | null; city: string | null }>(
      tx,
      sql`select id, name, address_line as "addressLine", postal_code as "postalCode", city from workplaces where unit_id = ${unitId} order by name`,
    );
    const people = await queryRows<{ id: string; role: string; name: string; email: string }>(
      tx,
      sql`select p.id, r.role, p.first_name || ' ' || p.last_name as name, p.email from role_assignments r join persons p on p.id = r.person_id
          where r.unit_id = ${unitId} and r.role in ('staff', 'board') order by p.last_name`,
    );
    const staff = people.filter((p) => p.role === 'staff');
    const board = people.find((p) => p.role === 'board');
    const stewards = await queryRows<{ personId: string; workplaceId: string; name: string; email: string }>(
      tx,
      sql`select r.person_id as "personId", r.workplace_id as "workplaceId", p.first_name || ' ' || p.last_name as name, p.email
          from role_assignments r join persons p on p.id = r.person_id join workplaces w on w.id = r.workplace_id
          where r.role = 'steward' and w.unit_id = ${unitId} and p.email is not null`,
    );
    for (const [i, plan] of PLANS[district].entries()) {
      const place = places[i % places.length];
      const steward = stewards.find((s) => s.workplaceId === place.id);
      // The district's staff take turns as consultant, so each of them has meetings of their own; the chair goes along.
      const consultant = staff[i % staff.length];
      const politician = board ?? staff[(i + 1) % staff.length];
      // Where no steward asked, the workplace's leader did: an invented name, as everywhere in the demo.
      const contactName = steward?.name ?? `${firstNames[(i * 7 + district.length) % firstNames.length]} ${lastNames[(i * 11 + district.length) % lastNames.length]}`;
      const startsAt = afterWork(plan.day, 'start');
      const endsAt = afterWork(plan.day, 'end');
      const createdAt = new Date(Math.min(Date.now(), startsAt.getTime()) - 21 * 86_400_000);
      const scheduled = plan.status === 'scheduled' || plan.status === 'held';
      const topicNames = [...plan.topics.map((t) => topicRows[t].name), ...(plan.freeTopic ? [plan.freeTopic] : [])];
      let eventId: string | null = null;
      if (scheduled) {
        // As scheduling makes it: through the events feature, published at once.
        const created = await createEvent(tx, system, {
          kind: 'member_meeting',
          title: `Fyraftensmøde på ${place.name}: ${topicNames.join(', ')}`,
          description: [`Fyraftensmøde på ${place.name}. Emner:`, ...topicNames.map((n) => `- ${n}`)].join('\n\n'),
          placeName: place.name,
          addressLine: place.addressLine,
          postalCode: place.postalCode,
          city: place.city,
          onlineUrl: null,
          startsAt,
          endsAt,
          timeZone: 'Europe/Copenhagen',
          unitId,
          audience: 'workplace',
          audienceUnitId: null,
          audienceRoles: [],
          audienceWorkplaceId: place.id,
          openToNonMembers: Boolean(plan.nonMembers),
          capacity: null,
          waitlist: true,
          maxGuests: 0,
          registrationOpensAt: null,
          registrationClosesAt: null,
          materialVisibility: 'participants',
          programme: [],
        }, { allowPast: true });
        if (!created.ok) throw new Error(`demo: the workplace meeting's event was refused (${created.reason})`);
        const published = await publishEvent(tx, system, created.event.id, { allowPast: true });
        if (!published.ok) throw new Error(`demo: the workplace meeting's event could not be published (${published.reason})`);
        const event = created.event;
        eventId = event.id;
      }
      const [meeting] = await tx
        .insert(workplaceMeetings)
        .values({
          unitId,
          workplaceId: place.id,
          contactName,
          contactEmail: steward?.email ?? `kontakt.${district}.${i + 1}@arbejdsplads.example`,
          contactPhone: '+45 20 30 40 50',
          requesterPersonId: steward?.personId ?? null,
          proposedTimes: [
            { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
            // A week later, the same weekday: the wall clock stays at 15.30 across a change to or from summer time.
            { startsAt: afterWork(plan.day + 7, 'start').toISOString(), endsAt: afterWork(plan.day + 7, 'end').toISOString() },
          ],
          freeTopic: plan.freeTopic ?? null,
          questions: 'Hvad kan vi selv gøre, og hvad kan foreningen hjælpe med?',
          nonMembersWelcome: Boolean(plan.nonMembers),
          expectedParticipants: 10 + ((i * 7) % 15),
          status: plan.status,
          handledBy: plan.status === 'new' ? null : consultant.id,
          declineReason: plan.declineReason ?? null,
          declinedAt: plan.declineReason ? new Date(createdAt.getTime() + 3 * 86_400_000) : null,
          cancelReason: plan.cancelReason ?? null,
          cancelledAt: plan.cancelReason ? new Date(createdAt.getTime() + 5 * 86_400_000) : null,
          startsAt: scheduled ? startsAt : null,
          endsAt: scheduled ? endsAt : null,
          scheduledAt: scheduled ? new Date(createdAt.getTime() + 7 * 86_400_000) : null,
          eventId,
          politicianId: scheduled ? politician.id : null,
          consultantId: scheduled ? consultant.id : null,
          reportNote: plan.report?.note ?? null,
          participants: plan.report?.participants ?? null,
          membersRecruited: plan.report?.recruited ?? null,
          heldAt: plan.report ? new Date(endsAt.getTime() + 86_400_000) : null,
          // Nobody has the demo's follow links: a hash of a value no one knows.
          followTokenHash: sha256(`demo-${district}-${i}-${Math.random()}`),
          createdAt,
          updatedAt: createdAt,
        })
        .returning({ id: workplaceMeetings.id });
      const chosen = plan.topics.map((t) => ({ meetingId: meeting.id, topicId: topicRows[t].id }));
      if (chosen.length) await tx.insert(meetingTopicChoices).values(chosen);
    }
  }
}
