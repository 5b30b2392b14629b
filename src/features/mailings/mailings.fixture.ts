import { system } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { eventWorld, insertEvent, person, type EventWorld } from '../events/events.fixture.js';
import { segments } from '../segments/tables.js';
import type { RecipientFields } from './contract.js';
import { mailingContents, mailings, newsletterTopics, type MailingKind } from './tables.js';
import { sendMailing } from './send.js';
import { pauseMailing } from './control.js';

export { actorFor, member, person, mailsTo } from '../events/events.fixture.js';

export const linkCtx = { baseUrl: 'http://forening.test' };

export interface MailingWorld extends EventWorld {
  /** Everyone with a membership in the north; in the south. */
  segmentNorth: string;
  segmentSouth: string;
  topics: { pay: string; leaders: string; inactive: string; optIn: string };
  /** A published event in the north tomorrow. */
  eventId: string;
  staffNorth2: Awaited<ReturnType<typeof person>>;
}

export async function mailingWorld(database: Database): Promise<MailingWorld> {
  const w = await eventWorld(database);
  const db = database.db;
  const [north, south] = await db
    .insert(segments)
    .values([
      { unitId: w.org.north, name: 'Alle i Kreds Nord', filter: { match: 'all', conditions: [], exclude: [] } },
      { unitId: w.org.south, name: 'Alle i Kreds Syd', filter: { match: 'all', conditions: [], exclude: [] } },
    ])
    .returning({ id: segments.id });
  const [pay, leaders, inactive, optIn] = await db
    .insert(newsletterTopics)
    .values([
      { slug: `loen-${Date.now()}`, name: { da: 'Nyt om løn', sv: 'Nytt om lön', en: 'Pay news' }, position: 1 },
      { slug: `ledere-${Date.now()}`, name: { da: 'Lederbrevet' }, position: 2 },
      { slug: `gammel-${Date.now()}`, name: { da: 'Gammelt emne' }, active: false, position: 3 },
      { slug: `til-${Date.now()}`, name: { da: 'Kun tilmeldte' }, defaultSubscribed: false, position: 4 },
    ])
    .returning({ id: newsletterTopics.id });
  const event = await insertEvent(database, { unitId: w.org.north, title: 'Medlemsmøde om løn', capacity: 1, waitlist: true });
  return {
    ...w,
    segmentNorth: north.id,
    segmentSouth: south.id,
    topics: { pay: pay.id, leaders: leaders.id, inactive: inactive.id, optIn: optIn.id },
    eventId: event.id,
    staffNorth2: await person(database, [['staff', w.org.north]]),
  };
}

/** A mailing written straight into the tables, past the use cases (for render and validation tests). */
export interface InsertMailingOptions {
  kind?: MailingKind;
  topicId?: string | null;
  eventId?: string | null;
  serviceReason?: string | null;
  defaultLocale?: Locale;
  contents?: Partial<Record<Locale, { subject: string; body: string }>>;
  segmentId?: string | null;
}

export async function insertMailing(w: MailingWorld, opts: InsertMailingOptions): Promise<string> {
  const kind = opts.kind ?? 'newsletter';
  const [m] = await w.database.db
    .insert(mailings)
    .values({
      unitId: w.org.north,
      segmentId: opts.segmentId === undefined ? w.segmentNorth : opts.segmentId,
      kind,
      topicId: kind === 'newsletter' ? (opts.topicId ?? w.topics.pay) : null,
      serviceReason: opts.serviceReason ?? (kind === 'service' ? 'Indkaldelse til generalforsamling' : null),
      eventId: opts.eventId ?? null,
      defaultLocale: opts.defaultLocale ?? 'da',
    })
    .returning({ id: mailings.id });
  const contents = opts.contents ?? { da: { subject: 'Hej {{firstName}}', body: 'Kære {{fullName}}\n\nDit medlemsnummer er {{memberNumber}}.' } };
  const rows = Object.entries(contents).map(([locale, c]) => ({ mailingId: m.id, locale, subject: c!.subject, body: c!.body }));
  if (rows.length) await w.database.db.insert(mailingContents).values(rows);
  return m.id;
}

/** A draft sent now (by the system): its recipients frozen, its mails on their way. */
export async function sendingMailing(w: MailingWorld, opts: InsertMailingOptions = {}): Promise<string> {
  const id = await insertMailing(w, opts);
  const r = await sendMailing(w.database.db, system, id, {}, linkCtx);
  if (!r.ok) throw new Error(`send: ${r.reason}`);
  return id;
}

/** A mailing sent and then paused. */
export async function pausedMailing(w: MailingWorld, opts: InsertMailingOptions = {}): Promise<string> {
  const id = await sendingMailing(w, opts);
  await pauseMailing(w.database.db, system, id);
  return id;
}

export function recipient(fields: Partial<RecipientFields> = {}): RecipientFields {
  return {
    recipientId: 1,
    personId: '00000000-0000-4000-8000-000000000001',
    email: 'karen.holm@example.org',
    locale: 'da',
    firstName: 'Karen',
    lastName: 'Holm',
    memberNumber: '100123',
    ...fields,
  };
}
