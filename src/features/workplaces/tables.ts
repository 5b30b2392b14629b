import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units, persons } from '../../kernel/tables.js';
import { danishSortKey } from '../../platform/db/sort-keys.js';
import { memberCompanies } from '../member-companies/tables.js';

export const employerKinds = ['municipality', 'region', 'state', 'private', 'member_company'] as const;
export type EmployerKind = (typeof employerKinds)[number];

/** A place where members work: a care home, an institution, a school. */
export const workplaces = pgTable(
  'workplaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    employerKind: text('employer_kind').$type<EmployerKind>().notNull(),
    employerName: text('employer_name'),
    memberCompanyId: uuid('member_company_id').references(() => memberCompanies.id, { onDelete: 'restrict' }),
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
