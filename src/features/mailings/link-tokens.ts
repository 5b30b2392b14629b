import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { instanceSecrets } from '../../platform/db/instance-tables.js';
import { memo } from '../../platform/cache.js';

/**
 * The personal links in a mailing (unsubscribe from a topic; register for the invited event) carry
 * two ids and an HMAC over them: nothing is stored per recipient, a link cannot be forged or
 * guessed, and it keeps working for as long as the installation's secret does.
 *
 * The key is the installation's own `mailing_links` secret, made once and kept in `instance_secrets`
 * like the cookie secret (src/platform/instance.ts). It is separate from SESSION_SECRET on purpose:
 * rotating the session secret logs everyone out but must not break the unsubscribe links in every
 * newsletter already sent, and the dispatcher, which has no app config, can read it from the database.
 */

const KEY_NAME = 'mailing_links';
/** The key never changes once made; the memo only spares a query per prepared mailing and request. */
const KEY_TTL_MS = 10 * 60 * 1000;

/** What a link is for; a feature's audience source names its own (`survey`). */
export type LinkPurpose = 'unsubscribe' | 'invitation' | (string & {});

async function loadKey(db: Db): Promise<Buffer> {
  await db.insert(instanceSecrets).values({ name: KEY_NAME, value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select({ value: instanceSecrets.value }).from(instanceSecrets).where(eq(instanceSecrets.name, KEY_NAME));
  return Buffer.from(row.value, 'base64url');
}

export function linkKey(db: Db): Promise<Buffer> {
  return memo(db, 'mailing_link_key', KEY_TTL_MS, () => loadKey(db));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC_BYTES = 16;

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error('not a uuid');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function mac(key: Buffer, purpose: LinkPurpose, payload: Buffer): Buffer {
  // The purpose is part of the MAC: an unsubscribe token is never a valid invitation token.
  return createHmac('sha256', key).update(purpose).update(payload).digest().subarray(0, MAC_BYTES);
}

/** A token for two ids (person + topic; mailing + person): 43 + 1 + 22 URL-safe characters. */
export function signLink(key: Buffer, purpose: LinkPurpose, first: string, second: string): string {
  const payload = Buffer.concat([uuidBytes(first), uuidBytes(second)]);
  return `${payload.toString('base64url')}.${mac(key, purpose, payload).toString('base64url')}`;
}

/** The two ids of a genuine token, or null for anything else (forged, truncated, other purpose). */
export function verifyLink(key: Buffer, purpose: LinkPurpose, token: string): [string, string] | null {
  const m = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const payload = Buffer.from(m[1], 'base64url');
  const given = Buffer.from(m[2], 'base64url');
  if (payload.length !== 32 || given.length !== MAC_BYTES) return null;
  if (!timingSafeEqual(given, mac(key, purpose, payload))) return null;
  return [bytesUuid(payload.subarray(0, 16)), bytesUuid(payload.subarray(16))];
}

export const mailingLinks = {
  unsubscribe: (baseUrl: string, token: string) => `${baseUrl}/unsubscribe/${token}`,
  invitation: (baseUrl: string, token: string) => `${baseUrl}/invitations/${token}`,
  myNewsletters: (baseUrl: string) => `${baseUrl}/me/newsletters`,
};

/** A feature's personal link token for (ref, person), e.g. a survey wave's answer link. */
export async function personalLinkToken(db: Db, purpose: string, ref: string, personId: string): Promise<string> {
  return signLink(await linkKey(db), purpose, ref, personId);
}

/** The (ref, person) of a genuine personal link token of `purpose`, or null. */
export async function verifyPersonalLink(db: Db, purpose: string, token: string): Promise<{ ref: string; personId: string } | null> {
  const ids = verifyLink(await linkKey(db), purpose, token);
  return ids ? { ref: ids[0], personId: ids[1] } : null;
}
