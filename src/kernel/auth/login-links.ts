import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { translator, type Locale } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/mail.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/actor.js';
import { findPersonByEmail } from '../persons.js';
import { accounts, loginLinks } from './tables.js';
import { newToken, sha256 } from '../../platform/secrets.js';

export const LOGIN_LINK_MINUTES = 15;
/** More links than this within the validity window are silently not sent: a flood protects no one. */
const MAX_ACTIVE_LINKS = 5;

export interface LoginLinkRequest {
  email: string;
  locale: Locale;
  baseUrl: string;
  organisationName: string;
}

/**
 * Mails a single-use log-in link when the e-mail belongs to a person who may log in. The answer is
 * the same either way, so the form does not reveal who is in the register.
 */
export async function requestLoginLink(db: Db, actor: Actor, input: LoginLinkRequest): Promise<{ ok: true }> {
  await db.transaction(async (tx) => {
    const person = await findPersonByEmail(tx, input.email);
    if (!person || !person.email) return;
    const [account] = await tx.select().from(accounts).where(eq(accounts.personId, person.id));
    if (account?.disabledAt) return;
    const [{ active }] = await tx
      .select({ active: sql<number>`count(*)::int` })
      .from(loginLinks)
      .where(and(eq(loginLinks.personId, person.id), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, sql`now()`)));
    if (active >= MAX_ACTIVE_LINKS) return;
    const token = await createLoginLink(tx, person.id, LOGIN_LINK_MINUTES);
    const locale = (person.preferredLocale as Locale | null) ?? input.locale;
    const t = translator(locale);
    const url = `${input.baseUrl}/login/link/${token}`;
    await queueMail(tx, {
      to: person.email,
      subject: t('auth.mail.subject', { organisation: input.organisationName }),
      text: t('auth.mail.text', { name: person.firstName, url, minutes: LOGIN_LINK_MINUTES, organisation: input.organisationName }),
      kind: 'service',
    });
    await audit(tx, actor, { action: 'create', entityType: 'login_link', entityId: person.id });
  });
  return { ok: true };
}

/** Creates a link token for a person; only its hash is stored. */
export async function createLoginLink(db: Db, personId: string, minutes: number): Promise<string> {
  const token = newToken();
  await db.insert(loginLinks).values({
    tokenHash: sha256(token),
    personId,
    expiresAt: sql`now() + make_interval(mins => ${minutes})`,
  });
  return token;
}

export type LinkCheck = { ok: true; personId: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' };

/** Looks at a link without using it up (the page a mail scanner may open). */
export async function checkLoginLink(db: Db, token: string): Promise<LinkCheck> {
  const [link] = await db
    .select({ personId: loginLinks.personId, usedAt: loginLinks.usedAt, expired: sql<boolean>`${loginLinks.expiresAt} <= now()` })
    .from(loginLinks)
    .where(eq(loginLinks.tokenHash, sha256(token)));
  if (!link) return { ok: false, reason: 'invalid' };
  if (link.usedAt) return { ok: false, reason: 'used' };
  if (link.expired) return { ok: false, reason: 'expired' };
  return { ok: true, personId: link.personId };
}

/** Uses the link up, atomically: of two simultaneous clicks exactly one wins. */
export async function consumeLoginLink(db: Db, token: string): Promise<LinkCheck> {
  const [used] = await db
    .update(loginLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(loginLinks.tokenHash, sha256(token)), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, sql`now()`)))
    .returning({ personId: loginLinks.personId });
  if (used) return { ok: true, personId: used.personId };
  return checkLoginLink(db, token);
}
