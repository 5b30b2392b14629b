import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Actor, Grant } from '../actor.js';
import { grantForUnit, type AccessRole } from '../../features/members/index.js';
import { apiTokens } from './tables.js';
import { newToken, sha256 } from './secrets.js';

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

export async function listApiTokens(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      unitId: apiTokens.unitId,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt));
}

/** The token actor behind a bearer value, or null for an unknown or revoked token. */
export async function resolveApiToken(db: Db, token: string): Promise<{ tokenId: string; name: string; grants: Grant[] } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      unitId: apiTokens.unitId,
      stale: sql<boolean>`${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute'`,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // "Last used" to the minute is enough, and spares a write on every API call.
  if (row.stale) await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.id));
  return { tokenId: row.id, name: row.name, grants: [await grantForUnit(db, row.role as AccessRole, row.unitId)] };
}
