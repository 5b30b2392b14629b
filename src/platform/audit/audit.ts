import { sql } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import type { Db } from '../db/database.js';
import { auditEvents } from './tables.js';
import type { LabelTable } from '../i18n/labels.js';

/** `login_failed`: a wrong second factor was given for the account (wrong passwords are answered without a trace). */
export type AuditAction = 'create' | 'update' | 'delete' | 'view' | 'login' | 'login_failed' | 'logout' | 'export';

/** Each audited action's name (`audit.actions.…`). */
export const auditActionLabel = {
  create: 'audit.actions.create',
  update: 'audit.actions.update',
  delete: 'audit.actions.delete',
  view: 'audit.actions.view',
  login: 'audit.actions.login',
  login_failed: 'audit.actions.login_failed',
  logout: 'audit.actions.logout',
  export: 'audit.actions.export',
} as const satisfies LabelTable<AuditAction>;

/** The kinds of actor the audit log names by kind; a person and a token are named by their name. */
export const auditActorKindLabel = {
  system: 'audit.actor_kinds.system',
  anonymous: 'audit.actor_kinds.anonymous',
} as const satisfies LabelTable<Exclude<Actor['kind'], 'person' | 'token'>>;

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  /** Names of changed fields, never their values. */
  fields?: string[];
}

/** The token the actor came in with: an integration's, or a person's own (then the person is named too). */
export function actorTokenId(actor: Actor): string | null {
  if (actor.kind === 'token') return actor.tokenId;
  return actor.kind === 'person' ? (actor.tokenId ?? null) : null;
}

/** Records an audit event in the caller's transaction, so a rolled-back change leaves no trace. */
export async function audit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorKind: actor.kind,
    actorPersonId: actor.kind === 'person' ? actor.personId : null,
    actorTokenId: actorTokenId(actor),
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

/**
 * One audit event per row of a staging table, written with a single INSERT … SELECT: for bulk loads.
 * The table has `audit_action` ('create' | 'update') and `audit_fields` (comma-separated field names
 * or null) and the entity's id in `idColumn`.
 */
export async function auditStagedRows(db: Db, actor: Actor, a: { table: string; entityType: string; idColumn: string }): Promise<void> {
  await db.execute(sql`
    insert into audit_events (actor_kind, actor_person_id, actor_token_id, action, entity_type, entity_id, fields, ip)
    select ${actor.kind}, ${actor.kind === 'person' ? actor.personId : null}::uuid, ${actorTokenId(actor)}::uuid,
      audit_action, ${a.entityType}, ${sql.raw(a.idColumn)}::text,
      case when audit_fields is null then null else string_to_array(audit_fields, ',') end, ${actor.ip ?? null}
    from ${sql.raw(a.table)}`);
}
