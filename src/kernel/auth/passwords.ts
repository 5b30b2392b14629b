import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/actor.js';
import { findPersonByEmail } from '../persons.js';
import { accounts } from './tables.js';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2 = { algorithm: 2 /* Argon2id; the enum is a const enum that isolated modules cannot read */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** A hash of nothing in particular, verified when the e-mail is unknown, so timing tells no one who exists. */
let decoy: Promise<string> | undefined;

export async function verifyPasswordLogin(db: Db, email: string, password: string): Promise<{ ok: true; personId: string } | { ok: false }> {
  const person = await findPersonByEmail(db, email);
  const [account] = person ? await db.select().from(accounts).where(eq(accounts.personId, person.id)) : [];
  if (!person || !account?.passwordHash || account.disabledAt) {
    decoy ??= hashPassword('decoy-password-for-timing');
    await verify(await decoy, password).catch(() => false);
    return { ok: false };
  }
  const ok = await verify(account.passwordHash, password).catch(() => false);
  return ok ? { ok: true, personId: person.id } : { ok: false };
}

export type SetPasswordResult = { ok: true } | { ok: false; reason: 'wrong_current' };

/** Sets or changes the actor's own password; changing one needs the current password. */
export async function setOwnPassword(
  db: Db,
  actor: Actor & { kind: 'person' },
  input: { currentPassword?: string; newPassword: string },
): Promise<SetPasswordResult> {
  const [account] = await db.select().from(accounts).where(eq(accounts.personId, actor.personId));
  if (account?.passwordHash) {
    const ok = input.currentPassword ? await verify(account.passwordHash, input.currentPassword).catch(() => false) : false;
    if (!ok) return { ok: false, reason: 'wrong_current' };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .insert(accounts)
      .values({ personId: actor.personId, passwordHash })
      .onConflictDoUpdate({ target: accounts.personId, set: { passwordHash } });
    await audit(tx, actor, { action: 'update', entityType: 'account', entityId: actor.personId, fields: ['password'] });
  });
  return { ok: true };
}
