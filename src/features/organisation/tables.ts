import { sql } from 'drizzle-orm';
import { check, customType, integer, pgTable, text, timestamp, uuid, type AnyPgColumn, index } from 'drizzle-orm/pg-core';

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
    aboutText: text('about_text').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    website: text('website'),
    defaultLocale: text('default_locale').notNull().default('da'),
    brandColour: text('brand_colour').notNull().default('#1d4f91'),
    currency: text('currency').notNull().default('DKK'),
    logo: bytea('logo'),
    logoMime: text('logo_mime'),
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
