import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { danishSortKey, swedishSortKey } from '../platform/db/sort-keys.js';

/*
 * The kernel's tables: what every feature and the platform's own log-in stand on — the organisation
 * and its units, the people it knows, the roles they hold, and the workplaces they are employed at.
 * Features refer to these tables in their foreign keys and joins; everything about membership,
 * member companies or events lives in a feature.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** One installation serves one organisation: a single row with id 1. */
export const organisation = pgTable(
  'organisation',
  {
    id: integer('id').primaryKey().default(1),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    /** "About us" in the default language. */
    aboutText: text('about_text').notNull().default(''),
    /** "About us" in other languages; a visitor reading one without a text here sees `about_text`. */
    aboutTranslations: jsonb('about_translations').$type<Partial<Record<'da' | 'sv' | 'en', string>>>().notNull().default({}),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    website: text('website'),
    defaultLocale: text('default_locale').notNull().default('da'),
    brandColour: text('brand_colour').notNull().default('#1d4f91'),
    currency: text('currency').notNull().default('DKK'),
    logo: bytea('logo'),
    logoMime: text('logo_mime'),
    /** The privacy notice in each language ({ da, sv, en }, Markdown); shown on /privacy. */
    privacyNotice: jsonb('privacy_notice').$type<Partial<Record<'da' | 'sv' | 'en', string>>>().notNull().default({}),
    /** Staff, board members and admins must log in with a second factor (TOTP). */
    requireTwoFactorForStaff: boolean('require_two_factor_for_staff').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organisation_single_row', sql`${t.id} = 1`),
    check('organisation_locale', sql`${t.defaultLocale} in ('da','sv','en')`),
    check('organisation_currency', sql`${t.currency} in ('DKK','SEK','EUR','NOK')`),
  ],
);

export const unitKinds = ['national', 'district', 'section'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<UnitKind>().notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('units_kind', sql`${t.kind} in ('national','district','section')`),
    check('units_national_is_root', sql`(${t.kind} = 'national') = (${t.parentId} is null)`),
    index('units_parent_idx').on(t.parentId),
  ],
);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A person known to the organisation: member, applicant, staff, contact, non-member colleague. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    extraEmails: text('extra_emails').array().notNull().default(sql`'{}'::text[]`),
    phone: text('phone'),
    addressLine: text('address_line'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: text('country').notNull().default('DK'),
    dateOfBirth: date('date_of_birth'),
    preferredLocale: text('preferred_locale'),
    sortKeyDa: text('sort_key_da').generatedAlwaysAs((): SQL => danishSortKey(sql`${persons.lastName} || ' ' || ${persons.firstName}`)),
    sortKeySv: text('sort_key_sv').generatedAlwaysAs((): SQL => swedishSortKey(sql`${persons.lastName} || ' ' || ${persons.firstName}`)),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('simple', ${persons.firstName} || ' ' || ${persons.lastName} || ' ' || coalesce(${persons.email}, ''))`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('persons_email_unique').on(sql`lower(${t.email})`),
    check('persons_locale', sql`${t.preferredLocale} is null or ${t.preferredLocale} in ('da','sv','en')`),
    check('persons_country', sql`${t.country} ~ '^[A-Z]{2}$'`),
    // Byte order is the order the keys were built for, whatever the database's collation.
    index('persons_sort_da_idx').on(sql`${t.sortKeyDa} collate "C"`),
    index('persons_sort_sv_idx').on(sql`${t.sortKeySv} collate "C"`),
    index('persons_search_idx').using('gin', t.search),
  ],
);

/** Roles held for a period: per workplace (steward, safety rep) or per unit (leader, board, staff, admin). */
export const roleKinds = ['member', 'steward', 'safety_rep', 'leader', 'board', 'staff', 'admin'] as const;
export type RoleKind = (typeof roleKinds)[number];

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    role: text('role').$type<RoleKind>().notNull(),
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    workplaceId: uuid('workplace_id').references((): AnyPgColumn => workplaces.id, { onDelete: 'restrict' }),
    startsOn: date('starts_on').notNull().default(sql`current_date`),
    endsOn: date('ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('role_assignments_role', sql`${t.role} in ('member','steward','safety_rep','leader','board','staff','admin')`),
    check('role_assignments_period', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check('role_assignments_workplace', sql`(${t.role} in ('steward','safety_rep')) = (${t.workplaceId} is not null)`),
    index('role_assignments_person_idx').on(t.personId),
    index('role_assignments_workplace_idx').on(t.workplaceId),
  ],
);

export const employerKinds = ['municipality', 'region', 'state', 'private', 'member_company'] as const;
export type EmployerKind = (typeof employerKinds)[number];

/**
 * A place where members work: a care home, an institution, a school. With units, the register's
 * second axis: role assignments (a steward's workplace), members, events, segments, joining and
 * workplace meetings all refer to it, so it lives in the kernel; the workplaces feature has the pages.
 */
export const workplaces = pgTable(
  'workplaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    employerKind: text('employer_kind').$type<EmployerKind>().notNull(),
    employerName: text('employer_name'),
    memberCompanyId: uuid('member_company_id').references((): AnyPgColumn => memberCompaniesRef.id, { onDelete: 'restrict' }),
    pNumber: text('p_number'),
    addressLine: text('address_line'),
    postalCode: text('postal_code'),
    city: text('city'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    sortKey: text('sort_key').generatedAlwaysAs((): SQL => danishSortKey(sql`${workplaces.name}`)),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('workplaces_employer_kind', sql`${t.employerKind} in ('municipality','region','state','private','member_company')`),
    check('workplaces_member_company', sql`(${t.employerKind} = 'member_company') = (${t.memberCompanyId} is not null)`),
    check('workplaces_p_number', sql`${t.pNumber} is null or ${t.pNumber} ~ '^[0-9]{10}$'`),
    uniqueIndex('workplaces_p_number_unique').on(t.pNumber),
    index('workplaces_unit_idx').on(t.unitId),
    index('workplaces_sort_idx').on(sql`${t.sortKey} collate "C"`),
  ],
);

/** A person's job at a workplace, for a period; members and non-members alike. */
export const employments = pgTable(
  'employments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    workplaceId: uuid('workplace_id')
      .notNull()
      .references(() => workplaces.id, { onDelete: 'restrict' }),
    jobTitle: text('job_title'),
    isLeader: boolean('is_leader').notNull().default(false),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('employments_period', sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    index('employments_workplace_idx').on(t.workplaceId),
    index('employments_person_idx').on(t.personId),
  ],
);

/** Declared here only for the foreign key; the member-companies feature owns the table (same definition). */
const memberCompaniesRef = pgTable('member_companies', { id: uuid('id').primaryKey() });
