import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { units, persons, workplaces } from '../../kernel/tables.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const eventKinds = ['member_meeting', 'annual_meeting', 'webinar', 'network_meeting', 'course', 'board_seminar', 'role_meeting'] as const;
export type EventKind = (typeof eventKinds)[number];

/**
 * Who may see an event and register: everyone, members, members of one unit (and below), holders of
 * roles, or the people employed at one workplace today (a workplace meeting).
 */
export const audiences = ['public', 'members', 'unit_members', 'roles', 'workplace', 'network'] as const;
export type Audience = (typeof audiences)[number];

/** The roles an event can be for (role-based meetings: stewards, safety reps and leaders together). */
export const audienceRoles = ['steward', 'safety_rep', 'leader', 'board', 'staff'] as const;
export type AudienceRole = (typeof audienceRoles)[number];

export const eventStatuses = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const materialVisibilities = ['participants', 'public'] as const;
export type MaterialVisibility = (typeof materialVisibilities)[number];

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The clean URL: /events/{slug}. Made from the title and date, unique. */
    slug: text('slug').notNull(),
    kind: text('kind').$type<EventKind>().notNull(),
    title: text('title').notNull(),
    /** Markdown, rendered without raw HTML. */
    description: text('description').notNull().default(''),
    placeName: text('place_name'),
    addressLine: text('address_line'),
    postalCode: text('postal_code'),
    city: text('city'),
    onlineUrl: text('online_url'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** The zone the event is announced in; times are stored as instants. */
    timeZone: text('time_zone').notNull().default('Europe/Copenhagen'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    audience: text('audience').$type<Audience>().notNull(),
    /** For `unit_members`: the unit whose members (sections included) are invited. */
    audienceUnitId: uuid('audience_unit_id').references(() => units.id, { onDelete: 'restrict' }),
    /** For `roles`: holders of any of these roles today. */
    audienceRoles: text('audience_roles').array().$type<AudienceRole[]>().notNull().default(sql`'{}'::text[]`),
    /** For `workplace`: the workplace whose employees (today) are invited. */
    audienceWorkplaceId: uuid('audience_workplace_id').references(() => workplaces.id, { onDelete: 'restrict' }),
    /** For `network`: the group (a network, kernel group kind `network`) whose participants are invited; no foreign key across features. */
    audienceNetworkId: uuid('audience_network_id'),
    /**
     * For `workplace`: colleagues who are not members may come too, registering by name and e-mail
     * through the event's link; the event is still never listed publicly.
     */
    openToNonMembers: boolean('open_to_non_members').notNull().default(false),
    /** Seats, guests included; null is unlimited. */
    capacity: integer('capacity'),
    waitlist: boolean('waitlist').notNull().default(true),
    /** Guests one registration may bring (a leader brings two middle managers); guests take seats. */
    maxGuests: integer('max_guests').notNull().default(0),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    /** Null means: closes when the event starts. It may stay open while the event runs, never after it. */
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    status: text('status').$type<EventStatus>().notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    materialVisibility: text('material_visibility').$type<MaterialVisibility>().notNull().default('participants'),
    /**
     * Seats taken by confirmed registrations (guests included), kept by the registration use cases
     * under the event row's lock: the one number every seat decision reads.
     */
    confirmedSeats: integer('confirmed_seats').notNull().default(0),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_slug_unique').on(t.slug),
    index('events_starts_idx').on(t.startsAt),
    index('events_unit_idx').on(t.unitId),
    check('events_kind', sql`${t.kind} in ('member_meeting','annual_meeting','webinar','network_meeting','course','board_seminar','role_meeting')`),
    check('events_audience', sql`${t.audience} in ('public','members','unit_members','roles','workplace','network')`),
    check('events_audience_network', sql`(${t.audience} = 'network') = (${t.audienceNetworkId} is not null)`),
    check('events_audience_workplace', sql`(${t.audience} = 'workplace') = (${t.audienceWorkplaceId} is not null)`),
    check('events_open_to_non_members', sql`not ${t.openToNonMembers} or ${t.audience} = 'workplace'`),
    check('events_audience_unit', sql`(${t.audience} = 'unit_members') = (${t.audienceUnitId} is not null)`),
    check('events_audience_roles', sql`(${t.audience} = 'roles') = (cardinality(${t.audienceRoles}) > 0)`),
    check('events_status', sql`${t.status} in ('draft','published','cancelled')`),
    check('events_material_visibility', sql`${t.materialVisibility} in ('participants','public')`),
    check('events_period', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
    check('events_guests', sql`${t.maxGuests} between 0 and 20`),
    check('events_window', sql`${t.registrationClosesAt} is null or ${t.registrationClosesAt} <= ${t.endsAt}`),
    check('events_window_order', sql`${t.registrationOpensAt} is null or ${t.registrationClosesAt} is null or ${t.registrationOpensAt} < ${t.registrationClosesAt}`),
    check('events_seats', sql`${t.confirmedSeats} >= 0`),
  ],
);

export const programmeItems = pgTable(
  'event_programme_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    title: text('title').notNull(),
    speaker: text('speaker'),
    /** Optional slides: one of the event's materials. */
    materialId: uuid('material_id').references((): AnyPgColumn => materials.id, { onDelete: 'set null' }),
  },
  (t) => [index('event_programme_items_event_idx').on(t.eventId, t.position)],
);

/**
 * `pending`: a public registration waiting for its e-mail confirmation (double opt-in); it holds
 * no seat. `confirmed` holds `1 + guests` seats. `waitlisted` waits in `seq` order. `cancelled` is kept
 * for the record.
 */
export const registrationStatuses = ['pending', 'confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const registrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** The member (or any known person); null for a public registration by name and e-mail. */
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'cascade' }),
    name: text('name'),
    email: text('email'),
    /** The language mails to this registrant are written in: a public registrant's choice when signing up (members use their own). */
    locale: text('locale'),
    guests: integer('guests').notNull().default(0),
    status: text('status').$type<RegistrationStatus>().notNull(),
    /** Arrival order: taken when the registration got (or asked for) its place, under the event's lock. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** sha256 of the double opt-in token of a pending public registration. */
    confirmTokenHash: text('confirm_token_hash'),
    /** Secret for a public registrant's own cancel link (sha256). */
    cancelTokenHash: text('cancel_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => persons.id, { onDelete: 'set null' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    /** Set in the transaction that queued the reminder mail: the reminder goes once. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    check('event_registrations_status', sql`${t.status} in ('pending','confirmed','waitlisted','cancelled')`),
    check('event_registrations_who', sql`${t.personId} is not null or (${t.name} is not null and ${t.email} is not null)`),
    check('event_registrations_guests', sql`${t.guests} between 0 and 20`),
    check('event_registrations_locale', sql`${t.locale} is null or ${t.locale} in ('da','sv','en')`),
    // One live registration per person and per public e-mail address: registering twice is refused, not doubled.
    uniqueIndex('event_registrations_person_unique').on(t.eventId, t.personId).where(sql`${t.status} <> 'cancelled' and ${t.personId} is not null`),
    uniqueIndex('event_registrations_email_unique')
      .on(t.eventId, sql`lower(${t.email})`)
      .where(sql`${t.status} <> 'cancelled' and ${t.personId} is null`),
    index('event_registrations_event_status_idx').on(t.eventId, t.status, t.seq),
    index('event_registrations_person_idx').on(t.personId),
    uniqueIndex('event_registrations_confirm_token_unique').on(t.confirmTokenHash),
  ],
);

/** Slides and material attached after (or before) the event; small files kept in the row. */
export const materials = pgTable(
  'event_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    size: integer('size').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_materials_event_idx').on(t.eventId)],
);

/** The secret of a person's calendar feed URL; replacing it makes the old URL stop working. */
export const calendarFeeds = pgTable('event_calendar_feeds', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id, { onDelete: 'cascade' }),
  /** sha256 of the token in the URL. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
