import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { auditEvents } from './tables.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'view' | 'login' | 'logout' | 'export';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  /** Names of changed fields, never their values. */
  fields?: string[];
}

/** Records an audit event in the caller's transaction, so a rolled-back change leaves no trace. */
export async function audit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorKind: actor.kind,
    actorPersonId: actor.kind === 'person' ? actor.personId : null,
    actorTokenId: actor.kind === 'token' ? actor.tokenId : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    fields: entry.fields && entry.fields.length > 0 ? entry.fields : null,
    ip: actor.ip ?? null,
  });
}

/** The names of the fields whose values differ, for the audit trail of an update. */
export function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>): string[] {
  return Object.keys(patch).filter((k) => {
    const a = before[k];
    const b = patch[k as keyof T];
    if (b === undefined) return false;
    if (a instanceof Date && b instanceof Date) return a.getTime() !== b.getTime();
    if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return !a.equals(b);
    return a !== b;
  });
}
