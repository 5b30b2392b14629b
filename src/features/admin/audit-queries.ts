import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isoDate } from '../../platform/http/time-input.js';
import type { Db } from '../../platform/db/database.js';
import { persons } from '../../kernel/tables.js';
import { auditEvents } from '../../platform/audit/tables.js';

/** Each filter field stands on its own: one bad value is dropped, the others still apply. */
export const auditFilter = z.object({
  action: z.enum(['create', 'update', 'delete', 'view', 'login', 'login_failed', 'logout', 'export']).optional().catch(undefined),
  entityType: z.string().trim().max(50).optional().catch(undefined),
  entityId: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(100).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AuditFilter = z.output<typeof auditFilter>;

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log with the total, newest first, in one round trip for the rows. */
export async function listAuditEvents(db: Db, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.actor) {
    const like = `%${f.actor.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    where.push(sql`(${persons.firstName} || ' ' || ${persons.lastName} ilike ${like} or ${auditEvents.actorPersonId}::text = ${f.actor} or ${auditEvents.actorTokenId}::text = ${f.actor})`);
  }
  if (f.from) where.push(gte(auditEvents.at, sql`${f.from}::date`));
  if (f.to) where.push(lt(auditEvents.at, sql`${f.to}::date + 1`));
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorKind: auditEvents.actorKind,
      actorPersonId: auditEvents.actorPersonId,
      actorTokenId: auditEvents.actorTokenId,
      actorName: sql<string | null>`${persons.firstName} || ' ' || ${persons.lastName}`,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      fields: auditEvents.fields,
      ip: auditEvents.ip,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(auditEvents)
    .leftJoin(persons, eq(persons.id, auditEvents.actorPersonId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((f.page - 1) * AUDIT_PAGE_SIZE);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function auditEntityTypes(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ t: auditEvents.entityType }).from(auditEvents).orderBy(auditEvents.entityType);
  return rows.map((r) => r.t);
}
