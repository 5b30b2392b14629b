import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { persons, units } from '../../kernel/tables.js';
import { bytea } from '../../platform/db/columns.js';

/*
 * Networks: peers (people, or member companies through their contact persons) who meet to share
 * experience, with the organisation's staff attached as experts and coordinators. A network's
 * members, threads, files and meetings are for its participants only (see policy.ts); a hidden network
 * does not exist for anyone outside it.
 *
 * A member company's row names the company, not a person: whoever is the company's contact person
 * (member-companies) takes part for it, so a new contact person is in and a former one is out
 * without anything changing here.
 */

export const networkKinds = ['people', 'companies'] as const;
export type NetworkKind = (typeof networkKinds)[number];

export const networkVisibilities = ['listed', 'hidden'] as const;
export type NetworkVisibility = (typeof networkVisibilities)[number];

export const joinPolicies = ['open', 'request', 'invitation'] as const;
export type JoinPolicy = (typeof joinPolicies)[number];

/** A participant's place: a member, or a person attached with a role (staff experts, coordinators). */
export const networkRoles = ['member', 'coordinator', 'expert'] as const;
export type NetworkRole = (typeof networkRoles)[number];

/** `requested` waits for a coordinator; `invited` waits for the invited to accept. */
export const membershipStatuses = ['active', 'requested', 'invited'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

/** How a participant hears of new posts: each post, one mail a day, or not at all. */
export const notificationModes = ['each', 'digest', 'none'] as const;
export type NotificationMode = (typeof notificationModes)[number];

export const networks = pgTable(
  'networks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').$type<NetworkKind>().notNull(),
    visibility: text('visibility').$type<NetworkVisibility>().notNull(),
    joinPolicy: text('join_policy').$type<JoinPolicy>().notNull(),
    archived: boolean('archived').notNull().default(false),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('networks_unit_idx').on(t.unitId),
    check('networks_kind', sql`${t.kind} in ('people','companies')`),
    check('networks_visibility', sql`${t.visibility} in ('listed','hidden')`),
    check('networks_join_policy', sql`${t.joinPolicy} in ('open','request','invitation')`),
  ],
);

/**
 * Who is in a network: a person (a member, a coordinator or a staff expert) or, in a network of
 * member companies, a company (its contact persons take part). One row per person or company.
 */
export const networkMembers = pgTable(
  'network_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'cascade' }),
    /** A member company (member-companies' table; no foreign key across features, erasure handles it). */
    memberCompanyId: uuid('member_company_id'),
    role: text('role').$type<NetworkRole>().notNull().default('member'),
    status: text('status').$type<MembershipStatus>().notNull().default('active'),
    /** What the person or contact wrote when asking to join. */
    requestNote: text('request_note'),
    /** Who invited, added or approved. */
    addedBy: uuid('added_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('network_members_person_unique').on(t.networkId, t.personId).where(sql`${t.personId} is not null`),
    uniqueIndex('network_members_company_unique').on(t.networkId, t.memberCompanyId).where(sql`${t.memberCompanyId} is not null`),
    index('network_members_person_idx').on(t.personId),
    index('network_members_company_idx').on(t.memberCompanyId),
    check('network_members_one', sql`(${t.personId} is null) <> (${t.memberCompanyId} is null)`),
    check('network_members_company_member', sql`${t.memberCompanyId} is null or ${t.role} = 'member'`),
    check('network_members_role', sql`${t.role} in ('member','coordinator','expert')`),
    check('network_members_status', sql`${t.status} in ('active','requested','invited')`),
  ],
);

/** Each participant's choice of notification per network; none kept means `each`. */
export const networkNotifications = pgTable(
  'network_notifications',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    mode: text('mode').$type<NotificationMode>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.personId] }), check('network_notifications_mode', sql`${t.mode} in ('each','digest','none')`)],
);

export const networkThreads = pgTable(
  'network_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    authorId: uuid('author_id').references(() => persons.id, { onDelete: 'set null' }),
    pinned: boolean('pinned').notNull().default(false),
    locked: boolean('locked').notNull().default(false),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    hiddenBy: uuid('hidden_by').references(() => persons.id, { onDelete: 'set null' }),
    /** A staff expert of the network has replied. */
    expertAnswered: boolean('expert_answered').notNull().default(false),
    postCount: integer('post_count').notNull().default(0),
    lastPostAt: timestamp('last_post_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_threads_network_idx').on(t.networkId, t.lastPostAt)],
);

/** The posts of a thread; the first is the thread's opening post. Removed posts keep their place. */
export const networkPosts = pgTable(
  'network_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => networkThreads.id, { onDelete: 'cascade' }),
    /** The network, kept here so search and digests read posts without a join. */
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Order within the thread (1 = the opening post), taken under the thread's lock. */
    seq: integer('seq').notNull(),
    authorId: uuid('author_id').references(() => persons.id, { onDelete: 'set null' }),
    /** Safe Markdown. Emptied when the author deletes the post. */
    body: text('body').notNull(),
    /** The author was one of the network's staff experts when writing. */
    byExpert: boolean('by_expert').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    hiddenBy: uuid('hidden_by').references(() => persons.id, { onDelete: 'set null' }),
    /** The per-post mail has been queued (once). */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('network_posts_thread_seq').on(t.threadId, t.seq),
    index('network_posts_network_created_idx').on(t.networkId, t.createdAt),
    index('network_posts_author_idx').on(t.authorId),
  ],
);

/** How far a participant has read a thread (its posts up to `seq`): unread counts come from it. */
export const networkThreadReads = pgTable(
  'network_thread_reads',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => networkThreads.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.personId] })],
);

/** A daily digest of one network for one day, queued once. */
export const networkDigests = pgTable(
  'network_digests',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** The day (Copenhagen) whose posts the digest carries, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    posts: integer('posts').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.day] })],
);

export const networkFiles = pgTable(
  'network_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The newest version's number. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => persons.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_files_network_idx').on(t.networkId)],
);

/** Every version of a library file; a replacement adds one and keeps the old. */
export const networkFileVersions = pgTable(
  'network_file_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => networkFiles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => persons.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('network_file_versions_unique').on(t.fileId, t.version)],
);

/** A network meeting: an event (events, audience `network`) with the agenda before and the minutes after. */
export const networkMeetings = pgTable(
  'network_meetings',
  {
    eventId: uuid('event_id').primaryKey(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Markdown; required before a meeting of member companies. */
    agenda: text('agenda').notNull().default(''),
    /** Markdown; written after the meeting. */
    minutes: text('minutes').notNull().default(''),
    agendaUpdatedAt: timestamp('agenda_updated_at', { withTimezone: true }),
    minutesUpdatedAt: timestamp('minutes_updated_at', { withTimezone: true }),
  },
  (t) => [index('network_meetings_network_idx').on(t.networkId)],
);

/** The competition-law notice the organisation sets, shown in every network of member companies. One row. */
export const networkSettings = pgTable('network_settings', {
  id: integer('id').primaryKey().default(1),
  competitionNotice: jsonb('competition_notice').$type<{ da?: string; sv?: string; en?: string }>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
