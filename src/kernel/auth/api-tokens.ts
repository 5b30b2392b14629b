import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor, Grant } from '../../platform/actor.js';
import { grantForUnit, loadGrants } from '../grants.js';
import { type AccessRole } from '../../platform/actor.js';
import { persons } from '../tables.js';
import { apiTokens } from './tables.js';
import { newToken, sha256 } from '../../platform/secrets.js';

export const TOKEN_PREFIX = 'fo_';

export interface CreatedToken {
  id: string;
  name: string;
  role: AccessRole;
  unitId: string | null;
  /** Shown once; only its hash is kept. */
  token: string;
}

export async function createApiToken(db: Db, actor: Actor, input: { name: string; role: AccessRole; unitId: string | null }): Promise<CreatedToken> {
  const token = newToken(TOKEN_PREFIX);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        role: input.role,
        unitId: input.unitId,
        tokenHash: sha256(token),
        createdBy: actor.kind === 'person' ? actor.personId : null,
      })
      .returning({ id: apiTokens.id });
    await audit(tx, actor, { action: 'create', entityType: 'api_token', entityId: row.id });
    return { id: row.id, name: input.name, role: input.role, unitId: input.unitId, token };
  });
}

export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (row) await audit(tx, actor, { action: 'delete', entityType: 'api_token', entityId: id });
    return Boolean(row);
  });
}

/** Every token, integrations' and personal ones (with whose they are), for the admins' page. */
export async function listApiTokens(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: sql<AccessRole | null>`${apiTokens.role}`,
      unitId: apiTokens.unitId,
      personId: apiTokens.personId,
      personName: sql<string | null>`case when ${persons.id} is null then null else ${persons.firstName} || ' ' || ${persons.lastName} end`,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(persons, eq(persons.id, apiTokens.personId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Enough for every device and script a person uses; more is more to leak, and a sign of a loop. */
export const MAX_PERSONAL_TOKENS = 10;

export interface PersonalToken {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type PersonalTokenResult = { ok: true; token: PersonalToken & { value: string } } | { ok: false; reason: 'not_found' | 'too_many'; field: string };

/**
 * A token that acts as the person, with exactly the rights they hold at each request (none of its
 * own, so it can never outgrow them). The value is returned once; only its hash is kept.
 */
export async function createPersonalToken(db: Db, actor: Actor, input: { personId: string; name: string }): Promise<PersonalTokenResult> {
  const value = newToken(TOKEN_PREFIX);
  return db.transaction(async (tx): Promise<PersonalTokenResult> => {
    // Locking the person serialises two creations racing past the limit.
    const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, input.personId)).for('update');
    if (!person) return { ok: false, reason: 'not_found', field: 'personId' };
    const [{ n }] = await tx
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.personId, input.personId), isNull(apiTokens.revokedAt)));
    if (n >= MAX_PERSONAL_TOKENS) return { ok: false, reason: 'too_many', field: 'name' };
    const [row] = await tx
      .insert(apiTokens)
      .values({ name: input.name, personId: input.personId, tokenHash: sha256(value), createdBy: actor.kind === 'person' ? actor.personId : null })
      .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt });
    await audit(tx, actor, { action: 'create', entityType: 'api_token', entityId: row.id, fields: ['name', 'personId'] });
    return { ok: true, token: { ...row, value } };
  });
}

/** A person's own tokens that still work, newest first. */
export async function listPersonalTokens(db: Db, personId: string): Promise<PersonalToken[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the person's own tokens; false when it is not theirs or already revoked. Works at the next request. */
export async function revokePersonalToken(db: Db, actor: Actor, input: { personId: string; tokenId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.personId, input.personId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (row) await audit(tx, actor, { action: 'delete', entityType: 'api_token', entityId: row.id });
    return Boolean(row);
  });
}

/** Who a bearer value stands for: an integration with its role, or a person through their own token. */
export type TokenIdentity =
  | { kind: 'integration'; tokenId: string; name: string; grants: Grant[] }
  | { kind: 'personal'; tokenId: string; personId: string; firstName: string; lastName: string; grants: Grant[] };

/**
 * The identity behind a bearer value, or null for an unknown or revoked token, or a personal token
 * whose person's account is disabled. A personal token's grants are the person's today, read at
 * every request: a role that ended yesterday is gone from their token too.
 */
export async function resolveApiToken(db: Db, token: string): Promise<TokenIdentity | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      unitId: apiTokens.unitId,
      personId: apiTokens.personId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      stale: sql<boolean>`${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute'`,
    })
    .from(apiTokens)
    .leftJoin(persons, eq(persons.id, apiTokens.personId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        // The same door as a session: a disabled account opens nothing, by cookie or by token.
        sql`not exists (select 1 from accounts a where a.person_id = ${apiTokens.personId} and a.disabled_at is not null)`,
      ),
    );
  if (!row) return null;
  // "Last used" to the minute is enough, and spares a write on every API call.
  if (row.stale) await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.id));
  if (row.personId !== null) {
    return { kind: 'personal', tokenId: row.id, personId: row.personId, firstName: row.firstName ?? '', lastName: row.lastName ?? '', grants: await loadGrants(db, row.personId) };
  }
  return { kind: 'integration', tokenId: row.id, name: row.name, grants: [await grantForUnit(db, row.role as AccessRole, row.unitId)] };
}
