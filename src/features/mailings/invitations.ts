import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { loadGrants } from '../../kernel/grants.js';
import { persons } from '../../kernel/tables.js';
import { findEvent, ownRegistration, registerForEvent, windowState, type EventMailContext, type EventRow, type OwnRegistration } from '../events/index.js';
import { linkKey, signLink, verifyLink } from './link-tokens.js';
import { mailings } from './tables.js';

/** The invitation behind a personal register link. */
export interface Invitation {
  mailingId: string;
  personId: string;
  firstName: string;
  locale: string | null;
  event: EventRow;
  /** The person's live registration, if they have one already. */
  registration: OwnRegistration | null;
  window: 'not_open' | 'open' | 'closed';
}

export async function invitationToken(db: Db, mailingId: string, personId: string): Promise<string> {
  return signLink(await linkKey(db), 'invitation', mailingId, personId);
}

/**
 * The invitation of a genuine token whose mailing (still an invitation), person and event exist;
 * null otherwise (404). Opening the link changes nothing: a scanner's GET registers no one.
 */
export async function findInvitation(db: Db, token: string): Promise<Invitation | null> {
  const ids = verifyLink(await linkKey(db), 'invitation', token);
  if (!ids) return null;
  const [mailingId, personId] = ids;
  const [m] = await db.select({ eventId: mailings.eventId }).from(mailings).where(eq(mailings.id, mailingId));
  if (!m?.eventId) return null;
  const [p] = await db.select({ firstName: persons.firstName, locale: persons.preferredLocale }).from(persons).where(eq(persons.id, personId));
  const event = await findEvent(db, m.eventId);
  if (!p || !event) return null;
  return { mailingId, personId, firstName: p.firstName, locale: p.locale, event, registration: await ownRegistration(db, personId, event.id), window: windowState(event) };
}

/** The person as the request context would load them after a log-in; the token stands in for the log-in. */
async function actorForPerson(db: Db, personId: string, ip?: string): Promise<Actor> {
  const [p] = await db.select({ firstName: persons.firstName, lastName: persons.lastName }).from(persons).where(eq(persons.id, personId));
  return { kind: 'person', personId, firstName: p.firstName, lastName: p.lastName, grants: await loadGrants(db, personId), ip };
}

export type AcceptResult =
  | { ok: true; status: 'confirmed' | 'waitlisted' | 'pending'; waitlistPosition: number | null; invitation: Invitation }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'duplicate' | 'full' | 'closed' | 'not_open' | 'not_allowed' | 'cancelled_event' | 'unknown_member' | 'too_many_guests' | 'forbidden'; invitation: Invitation };

/**
 * "Tilmeld mig" from an invitation: registers exactly the person the link was made for, through the
 * events feature's own use case acting as that person (seats, waiting list, audience and the
 * confirmation mail are all the events feature's rules). A second click finds them registered.
 */
export async function acceptInvitation(db: Db, token: string, ctx: EventMailContext, ip?: string): Promise<AcceptResult> {
  const invitation = await findInvitation(db, token);
  if (!invitation) return { ok: false, reason: 'not_found' };
  const actor = await actorForPerson(db, invitation.personId, ip);
  const result = await registerForEvent(db, actor, invitation.event.id, { guests: 0, locale: invitation.locale === 'sv' || invitation.locale === 'en' || invitation.locale === 'da' ? invitation.locale : undefined }, ctx);
  if (!result.ok) return { ok: false, reason: result.reason === 'not_found' ? 'not_allowed' : result.reason, invitation };
  // The registration itself is audited by the events feature; this records that it came from the mailing.
  await audit(db, actor, { action: 'create', entityType: 'mailing_invitation_accept', entityId: invitation.mailingId });
  return { ok: true, status: result.registration.status, waitlistPosition: result.registration.waitlistPosition, invitation };
}
