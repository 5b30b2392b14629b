import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { persons } from '../../kernel/tables.js';
import { agendaItems, assemblies } from './tables.js';

/** Who is in the hall, the proxies, and the speakers' lists (see tables.ts for the assembly). */

/** Who is in the hall: checked in at the door (here, or through the event's check-in). */
export const assemblyAttendance = pgTable(
  'assembly_attendance',
  {
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull().defaultNow(),
    /** Left the hall; a person who leaves no longer votes or counts towards the quorum. */
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.personId] })],
);

/** Member `holder` votes for absent member `giver`; a giver gives one proxy per assembly. */
export const assemblyProxies = pgTable(
  'assembly_proxies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assemblyId: uuid('assembly_id')
      .notNull()
      .references(() => assemblies.id, { onDelete: 'cascade' }),
    holderPersonId: uuid('holder_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    giverPersonId: uuid('giver_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    recordedBy: uuid('recorded_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('assembly_proxies_two_people', sql`${t.holderPersonId} <> ${t.giverPersonId}`),
    uniqueIndex('assembly_proxies_giver_unique').on(t.assemblyId, t.giverPersonId),
    index('assembly_proxies_holder_idx').on(t.assemblyId, t.holderPersonId),
  ],
);

export const speakerStatuses = ['waiting', 'speaking', 'done', 'withdrawn'] as const;
export type SpeakerStatus = (typeof speakerStatuses)[number];

/** The speakers' list of one item: members ask from their phone, the chair orders and closes it. */
export const speakers = pgTable(
  'speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    status: text('status').$type<SpeakerStatus>().notNull().default('waiting'),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    spokeAt: timestamp('spoke_at', { withTimezone: true }),
  },
  (t) => [check('speakers_status', sql`${t.status} in ('waiting','speaking','done','withdrawn')`), index('speakers_item_idx').on(t.itemId, t.position)],
);

/** Per assembly: the speakers' list of the current item is closed (no more requests). */
export const speakerListsClosed = pgTable(
  'speaker_lists_closed',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
);
