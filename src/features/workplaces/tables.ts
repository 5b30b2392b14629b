import { date, integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { workplaces } from '../../kernel/tables.js';

/**
 * Each workplace's coverage today, for the insights dashboard: the people with an employment
 * covering `valid_from` and the active members among them. Kept in step by triggers on employments
 * and memberships in the same transaction as every change (migrations/0016_workplace_coverage.sql),
 * and true for every day from `valid_from` until the day before `valid_until`: the next day an
 * employment there starts or ends (null: none does). A row read on a day outside that span is not
 * used; that workplace is counted from its employments instead. Never written by the application.
 */
export const workplaceCoverageNow = pgTable('workplace_coverage_now', {
  workplaceId: uuid('workplace_id')
    .primaryKey()
    .references(() => workplaces.id, { onDelete: 'cascade' }),
  employees: integer('employees').notNull(),
  members: integer('members').notNull(),
  validFrom: date('valid_from').notNull(),
  validUntil: date('valid_until'),
});
