import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Values the installation makes for itself once (the cookie-signing secret when SESSION_SECRET is unset). */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
