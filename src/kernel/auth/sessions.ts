import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/actor.js';
import { persons } from '../tables.js';
import { accounts, sessions } from './tables.js';
import { newToken, sha256 } from '../../platform/secrets.js';

export const SESSION_DAYS = 14;
/** A session waiting for the second factor lasts this long, and never slides: the code is asked for at once. */
export const PENDING_SESSION_MINUTES = 10;
/** A session's expiry slides forward when used, but at most this often, to spare writes. */
const TOUCH_AFTER_MINUTES = 5;

/** Opens a session for a person who has just proved who they are; creates the account on first log-in. */
export async function startSession(db: Db, actor: Actor, personId: string): Promise<string> {
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx
      .insert(accounts)
      .values({ personId, lastLoginAt: new Date() })
      .onConflictDoUpdate({ target: accounts.personId, set: { lastLoginAt: new Date() } });
    await tx.insert(sessions).values({
      idHash: sha256(token),
      personId,
      expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})`,
    });
    await audit(tx, { ...actor, kind: 'person', personId, firstName: '', lastName: '', grants: [] }, { action: 'login', entityType: 'session', entityId: personId });
  });
  return token;
}

/**
 * The password or link was right, and the account has two-factor log-in: a short session that opens
 * nothing but the page asking for the code. Not yet a log-in, so neither audited nor counted as one.
 */
export async function startPendingSession(db: Db, personId: string): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    idHash: sha256(token),
    personId,
    secondFactorPending: true,
    expiresAt: sql`now() + make_interval(mins => ${PENDING_SESSION_MINUTES})`,
  });
  return token;
}

/**
 * The second factor was right: the waiting session is replaced by a full one under a new token (the
 * one a waiting browser held opens nothing afterwards). Null when the waiting session is gone.
 */
export async function completePendingSession(db: Db, actor: Actor, pendingToken: string, via: 'totp' | 'recoveryCode'): Promise<string | null> {
  const token = newToken();
  const done = await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(sessions)
      .where(and(eq(sessions.idHash, sha256(pendingToken)), eq(sessions.secondFactorPending, true), gt(sessions.expiresAt, sql`now()`)))
      .returning({ personId: sessions.personId });
    if (!gone) return false;
    await tx.update(accounts).set({ lastLoginAt: new Date() }).where(eq(accounts.personId, gone.personId));
    await tx.insert(sessions).values({ idHash: sha256(token), personId: gone.personId, expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})` });
    await audit(tx, { ...actor, kind: 'person', personId: gone.personId, firstName: '', lastName: '', grants: [] }, { action: 'login', entityType: 'session', entityId: gone.personId, fields: [via] });
    return true;
  });
  return done ? token : null;
}

export interface SessionPerson {
  personId: string;
  firstName: string;
  lastName: string;
  preferredLocale: string | null;
  /** The session waits for the second factor: it stands for no one yet. */
  secondFactorPending: boolean;
  /** The account has confirmed two-factor log-in. */
  twoFactorEnabled: boolean;
}

/** The person behind a session cookie, or null when it is unknown, expired or the account is disabled. */
export async function resumeSession(db: Db, token: string): Promise<SessionPerson | null> {
  const idHash = sha256(token);
  const [row] = await db
    .select({
      personId: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      preferredLocale: persons.preferredLocale,
      secondFactorPending: sessions.secondFactorPending,
      twoFactorEnabled: sql<boolean>`${accounts.totpConfirmedAt} is not null`,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - make_interval(mins => ${TOUCH_AFTER_MINUTES})`,
    })
    .from(sessions)
    .innerJoin(persons, eq(persons.id, sessions.personId))
    .innerJoin(accounts, eq(accounts.personId, sessions.personId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`), sql`${accounts.disabledAt} is null`));
  if (!row) return null;
  if (row.stale && !row.secondFactorPending) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})` })
      .where(eq(sessions.idHash, idHash));
  }
  return {
    personId: row.personId,
    firstName: row.firstName,
    lastName: row.lastName,
    preferredLocale: row.preferredLocale,
    secondFactorPending: row.secondFactorPending,
    twoFactorEnabled: row.twoFactorEnabled,
  };
}

export async function endSession(db: Db, actor: Actor, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(sessions).where(eq(sessions.idHash, sha256(token))).returning({ personId: sessions.personId });
    if (gone) await audit(tx, actor, { action: 'logout', entityType: 'session', entityId: gone.personId });
  });
}

/**
 * Ends every session the person has, on every device: for a lost phone or a browser left logged in
 * elsewhere. Returns how many were ended; the audit trail records the request even when none were.
 */
export async function endAllSessions(db: Db, actor: Actor, personId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const gone = await tx.delete(sessions).where(eq(sessions.personId, personId)).returning({ idHash: sessions.idHash });
    await audit(tx, actor, { action: 'logout', entityType: 'sessions', entityId: personId });
    return gone.length;
  });
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`)).returning({ id: sessions.idHash });
  return gone.length;
}
