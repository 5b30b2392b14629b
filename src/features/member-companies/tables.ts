import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units, persons } from '../../kernel/tables.js';

/** A member company (trade associations): Danish with a CVR number, Swedish with an organisation number. */
export const memberCompanies = pgTable(
  'member_companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    country: text('country').notNull().default('DK'),
    cvr: text('cvr'),
    orgNumber: text('org_number'),
    addressLine: text('address_line'),
    postalCode: text('postal_code'),
    city: text('city'),
    email: text('email'),
    phone: text('phone'),
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('member_companies_country', sql`${t.country} in ('DK','SE')`),
    check('member_companies_cvr', sql`${t.cvr} is null or ${t.cvr} ~ '^[0-9]{8}$'`),
    check('member_companies_org_number', sql`${t.orgNumber} is null or ${t.orgNumber} ~ '^[0-9]{10}$'`),
    check('member_companies_identifier', sql`(${t.country} = 'DK' and ${t.orgNumber} is null) or (${t.country} = 'SE' and ${t.cvr} is null)`),
    uniqueIndex('member_companies_cvr_unique').on(t.cvr),
    uniqueIndex('member_companies_org_number_unique').on(t.orgNumber),
    index('member_companies_unit_idx').on(t.unitId),
  ],
);

export const memberCompanyContacts = pgTable(
  'member_company_contacts',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => memberCompanies.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    title: text('title'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.personId] }), index('member_company_contacts_person_idx').on(t.personId)],
);
