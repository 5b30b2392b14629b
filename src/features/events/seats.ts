import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { actorTokenId } from '../../platform/audit/audit.js';
import { newToken, sha256 } from '../../platform/secrets.js';
import type { OutgoingMail } from '../../platform/mail/mail.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { events, registrations } from './tables.js';
import { findEvent, mailEvent, type EventRow } from './access.js';
import { notFound, type Refusal } from '../../platform/outcomes.js';
import { can, type EventViewer } from './policy.js';
import { eventLinks, eventMail, sendEventMails, type EventMailContext } from './mails.js';
import { activeMemberSql } from '../members/index.js';

export type RegistrationFailureReason = 'duplicate' | 'full' | 'closed' | 'not_open' | 'too_many_guests' | 'not_allowed' | 'cancelled_event' | 'unknown_member';
export type RegistrationFailure = { ok: false; reason: RegistrationFailureReason };
export interface Registered {
  id: string;
  status: 'confirmed' | 'waitlisted' | 'pending';
  /** 1..n on the waiting list; null otherwise. */
  waitlistPosition: number | null;
}
export type RegistrationResult = { ok: true; registration: Registered } | RegistrationFailure | Refusal;

const fail = (reason: RegistrationFailureReason): RegistrationFailure => ({ ok: false, reason });

/** The registration window: from `opensAt` (none: open now) until `closesAt` (none: the start). */
export function windowState(event: Pick<EventRow, 'registrationOpensAt' | 'registrationClosesAt' | 'startsAt'>, now = new Date()): 'not_open' | 'open' | 'closed' {
  if (event.registrationOpensAt && now < event.registrationOpensAt) return 'not_open';
  if (now >= (event.registrationClosesAt ?? event.startsAt)) return 'closed';
  return 'open';
}

/**
 * THE SEAT RULE, under the event row's lock: a place is confirmed if there is no limit, or if the
 * seats taken plus this person and their guests fit and nobody is waiting ahead (strict arrival
 * order: a newcomer never jumps the waiting list). Else the waiting list, if the event has one.
 */
export function seatFor(event: Pick<EventRow, 'capacity' | 'confirmedSeats' | 'waitlist'>, guests: number, someoneWaiting: boolean): 'confirmed' | 'waitlisted' | 'full' {
  const fits = event.capacity === null || (event.confirmedSeats + 1 + guests <= event.capacity && !someoneWaiting);
  if (fits) return 'confirmed';
  return event.waitlist ? 'waitlisted' : 'full';
}

/** Under the lock: how many are waiting (a newcomer's position is one more). */
export async function waitingCount(tx: Db, eventId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from event_registrations where event_id = ${eventId} and status = 'waitlisted'`);
  return Number(row.n);
}

/** One registration asked for, with everything read before the lock. */
export interface SeatRequest {
  actor: Actor;
  viewer: EventViewer;
  /** `self`: a person registers themselves; `staff`: someone registers a member; `public`: name and e-mail. */
  mode: 'self' | 'staff' | 'public';
  personId: string | null;
  /** Staff register members: the person must hold an active membership (a person registering themselves need not). */
  activeMemberOnly: boolean;
  name?: string;
  email?: string;
  guests: number;
  locale?: Locale;
  ctx: EventMailContext;
}

interface Pending extends SeatRequest {
  resolve(r: RegistrationResult): void;
  reject(e: unknown): void;
}

/**
 * Why registrations are decided in batches: every seat decision of an event holds the event row's
 * lock until its transaction commits, and a commit waits for the disk (measured ~3 ms here). One
 * transaction per registration therefore caps an event at a few hundred registrations a second,
 * however many connections there are. So the requests for one event that arrive while a decision
 * is running are queued in this process and decided together, one after another in arrival order,
 * in the next transaction under the same lock: one commit for many. Nothing waits on purpose: a
 * lone request is decided at once. Several processes still exclude each other by the row lock.
 */
const queues = new WeakMap<Db, Map<string, { waiting: Pending[]; running: boolean }>>();
const MAX_BATCH = 200;

export function decideSeat(db: Db, eventId: string, request: SeatRequest): Promise<RegistrationResult> {
  let perDb = queues.get(db);
  if (!perDb) queues.set(db, (perDb = new Map()));
  let queue = perDb.get(eventId);
  if (!queue) perDb.set(eventId, (queue = { waiting: [], running: false }));
  const q = queue;
  const done = new Promise<RegistrationResult>((resolve, reject) => q.waiting.push({ ...request, resolve, reject }));
  if (!q.running) {
    q.running = true;
    void (async () => {
      try {
        while (q.waiting.length) await runBatch(db, eventId, q.waiting.splice(0, MAX_BATCH));
      } finally {
        q.running = false;
        perDb.delete(eventId);
      }
    })();
  }
  return done;
}

async function runBatch(db: Db, eventId: string, batch: Pending[]): Promise<void> {
  try {
    const results = await db.transaction((tx) => decideAll(tx, eventId, batch));
    batch.forEach((p, i) => p.resolve(results[i]));
  } catch (err) {
    if (batch.length === 1) {
      batch[0].reject(err);
      return;
    }
    // Something unexpected broke the batch: nothing of it was written. Each request gets its own try.
    for (const p of batch) await runBatch(db, eventId, [p]);
  }
}

interface Member {
  email: string | null;
  name: string;
  locale: string | null;
  active: boolean;
}

/** The members being registered in this batch: their address, name, language and whether their membership is active (one query). */
async function membersOf(tx: Db, batch: SeatRequest[]): Promise<Map<string, Member>> {
  const ids = [...new Set(batch.filter((r) => r.mode !== 'public').map((r) => r.personId!))];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<Member & { id: string }>(
    tx,
    sql`select p.id, p.email, p.first_name || ' ' || p.last_name as name, p.preferred_locale as locale,
          ${activeMemberSql(sql`p.id`)} as active
        from persons p where p.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The checks that do not depend on the seats, against the locked row. */
function refusal(r: SeatRequest, event: EventRow, member: Member | undefined): RegistrationResult | null {
  if (!can(r.actor, 'event.view', event, r.viewer)) return notFound;
  if (event.status === 'cancelled') return fail('cancelled_event');
  if (event.status === 'draft') return fail('not_open');
  const allowed =
    r.mode === 'public' ? event.audience === 'public' || (event.audience === 'workplace' && event.openToNonMembers) : r.mode === 'self' ? can(r.actor, 'event.register', event, r.viewer) : can(r.actor, 'event.manage_participants', event, r.viewer);
  if (!allowed) return fail('not_allowed');
  // Only those allowed to register someone learn whether the id is an active member.
  if (r.mode !== 'public' && (!member || (r.activeMemberOnly && !member.active))) return fail('unknown_member');
  if (r.guests > event.maxGuests) return fail('too_many_guests');
  const window = windowState(event);
  return window === 'open' ? null : fail(window);
}

/** A request's identity for duplicates: the person, or a public registrant's address. */
const keyOf = (r: SeatRequest) => (r.mode === 'public' ? `e:${r.email}` : `p:${r.personId}`);

/** The people and public addresses among these requests that already hold a live registration (one query). */
async function alreadyRegistered(tx: Db, eventId: string, batch: SeatRequest[]): Promise<Set<string>> {
  const persons = batch.filter((r) => r.mode !== 'public').map((r) => r.personId!);
  const emails = batch.filter((r) => r.mode === 'public').map((r) => r.email!);
  const rows = await queryRows<{ personId: string | null; email: string | null }>(
    tx,
    sql`select person_id as "personId", lower(email) as email from event_registrations
        where event_id = ${eventId} and status <> 'cancelled'
          and (person_id = any(${`{${persons.join(',')}}`}::uuid[]) or (person_id is null and lower(email) in (select json_array_elements_text(${JSON.stringify(emails)}::json))))`,
  );
  return new Set(rows.map((r) => (r.personId ? `p:${r.personId}` : `e:${r.email}`)));
}

interface Planned {
  index: number;
  request: SeatRequest;
  status: 'confirmed' | 'waitlisted' | 'pending';
  position: number | null;
  token: string | null;
}

/**
 * Decides a batch in arrival order under the event row's lock, in a fixed number of statements
 * whatever its size: lock, count the waiting list, look up duplicates, take arrival numbers
 * (`seq`) in order, insert, then seats, mails and audit entries once for the batch, all in the
 * same transaction. Every writer of live registrations holds the same lock, so the look-up is
 * exact; the partial unique indexes still back it: an insert that meets one anyway makes the
 * batch start over one request at a time, where it is a plain duplicate.
 */
async function decideAll(tx: Db, eventId: string, batch: SeatRequest[]): Promise<RegistrationResult[]> {
  const event = await findEvent(tx, eventId, true);
  if (!event) return batch.map(() => notFound);
  const seatsBefore = event.confirmedSeats;
  let waiting = await waitingCount(tx, eventId);
  const taken = await alreadyRegistered(tx, eventId, batch);
  const members = await membersOf(tx, batch);
  const results: RegistrationResult[] = [];
  const planned: Planned[] = [];
  batch.forEach((r, index) => {
    const refused = refusal(r, event, r.personId ? members.get(r.personId) : undefined);
    if (refused) return void results.push(refused);
    const key = keyOf(r);
    // A public registration holds no seat until its address is confirmed, but is refused when none could be had.
    const seat = seatFor(event, r.guests, waiting > 0);
    if (taken.has(key)) return void results.push(fail('duplicate'));
    if (seat === 'full') return void results.push(fail('full'));
    taken.add(key);
    const status = r.mode === 'public' ? 'pending' : seat;
    if (status === 'confirmed') event.confirmedSeats += 1 + r.guests;
    const position = status === 'waitlisted' ? ++waiting : null;
    planned.push({ index, request: r, status, position, token: r.mode === 'public' ? newToken() : null });
    results.push(fail('duplicate')); // replaced below once inserted
  });
  if (planned.length === 0) return results;

  // Arrival numbers in arrival order, then one insert for the batch.
  const seqs = (
    await queryRows<{ seq: string }>(tx, sql`select nextval(pg_get_serial_sequence('event_registrations', 'seq')) as seq from generate_series(1, ${planned.length}::int)`)
  )
    .map((r) => Number(r.seq))
    .sort((a, b) => a - b);
  const inserted = await tx
    .insert(registrations)
    .values(
      planned.map((p, i) => ({
        eventId,
        seq: seqs[i],
        personId: p.request.mode === 'public' ? null : p.request.personId,
        name: p.request.mode === 'public' ? p.request.name! : null,
        email: p.request.mode === 'public' ? p.request.email! : null,
        locale: p.request.mode === 'public' ? (p.request.locale ?? null) : null,
        guests: p.request.guests,
        status: p.status,
        confirmedAt: p.status === 'confirmed' ? sql`now()` : null,
        confirmTokenHash: p.token ? sha256(p.token) : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: registrations.id, seq: registrations.seq });
  if (inserted.length !== planned.length) {
    if (batch.length > 1) throw new Error('a registration of the batch met a unique index: deciding one at a time');
    return [fail('duplicate')];
  }
  const idBySeq = new Map(inserted.map((r) => [Number(r.seq), r.id]));
  const mails: OutgoingMail[] = [];
  const audits: (typeof auditEvents.$inferInsert)[] = [];
  planned.forEach((p, i) => {
    const id = idBySeq.get(seqs[i])!;
    const r = p.request;
    if (r.mode === 'public') {
      const to = { email: r.email!, name: r.name!, locale: r.locale ?? null };
      mails.push(eventMail(r.ctx, 'opt_in', to, mailEvent(event), { confirmUrl: eventLinks.confirm(r.ctx.baseUrl, p.token!) }));
    } else if (p.status !== 'pending') {
      const m = members.get(r.personId!)!;
      if (m.email) mails.push(eventMail(r.ctx, p.status, { email: m.email, name: m.name, locale: m.locale }, mailEvent(event), { position: p.position ?? 0 }));
    }
    audits.push({
      actorKind: r.actor.kind,
      actorPersonId: r.actor.kind === 'person' ? r.actor.personId : null,
      actorTokenId: actorTokenId(r.actor),
      action: 'create',
      entityType: 'event_registration',
      entityId: id,
      fields: r.mode === 'public' ? ['name', 'email', 'guests', 'status'] : ['personId', 'guests', 'status'],
      ip: r.actor.ip ?? null,
    });
    results[p.index] = { ok: true, registration: { id, status: p.status, waitlistPosition: p.position } };
  });
  if (event.confirmedSeats !== seatsBefore) await tx.update(events).set({ confirmedSeats: event.confirmedSeats }).where(eq(events.id, eventId));
  await sendEventMails(tx, mails);
  await tx.insert(auditEvents).values(audits);
  return results;
}
