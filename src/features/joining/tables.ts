import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { memberships } from '../members/tables.js';

/** Double opt-in for "become a member": the applicant confirms their e-mail before staff see them. */
export const joinConfirmations = pgTable('join_confirmations', {
  tokenHash: text('token_hash').primaryKey(),
  membershipId: uuid('membership_id')
    .notNull()
    .references(() => memberships.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
