import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { mailOutbox } from './tables.js';

export const OUTBOX_PAGE_SIZE = 50;

export async function listOutbox(db: Db, page: number) {
  const rows = await db
    .select({
      id: mailOutbox.id,
      createdAt: mailOutbox.createdAt,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function getOutboxMail(db: Db, id: string) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row;
}
