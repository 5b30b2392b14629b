import { sql } from 'drizzle-orm';
import { boolean, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units, persons } from '../../kernel/tables.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** A staff member's public entry: how the public and members find the right person at the office. */
export const staffProfiles = pgTable(
  'staff_profiles',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => persons.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    directPhone: text('direct_phone'),
    publicEmail: text('public_email'),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    bio: text('bio').notNull().default(''),
    photo: bytea('photo'),
    photoMime: text('photo_mime'),
    published: boolean('published').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_profiles_unit_idx').on(t.unitId), index('staff_profiles_topics_idx').using('gin', t.topics)],
);
