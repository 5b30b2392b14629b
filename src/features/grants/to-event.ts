import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { zonedInstant } from '../../platform/i18n/zoned-time.js';
import type { Invalid, Refusal } from '../../platform/outcomes.js';
import { createEvent, eventInput, type EventKind } from '../events/index.js';
import { applicationFor } from './access.js';
import { wrongStatus, type WrongStatus } from './applications.js';
import { grantApplications, type GrantPurpose } from './tables.js';

/** The kind of event a granted activity becomes; a workplace visit or "other" is no event of the unit. */
const eventKindOf: Partial<Record<GrantPurpose, EventKind>> = { talk: 'member_meeting', workshop: 'course', network_meeting: 'network_meeting' };

export type MakeEventResult =
  | { ok: true; eventId: string }
  | Refusal
  | Invalid
  | WrongStatus
  | { ok: false; reason: 'not_an_event_purpose' | 'event_exists' }
  | { ok: false; reason: 'event_refused'; params: { reason: string } };

/**
 * Turns a granted talk, workshop or network meeting into an event of the pool's unit in one step
 * (staff of the unit, who create events): the title, description, day and place come from the
 * application, the evening of the activity's day by default, for the unit's members — or for the
 * workplace the application is for. The event starts as a draft for staff to finish and publish;
 * its check-ins later fill in the report's number of participants.
 */
export async function makeEventFromGrant(db: Db, actor: Actor, id: string, opts: { allowPast?: boolean } = {}): Promise<MakeEventResult> {
  return db.transaction(async (tx): Promise<MakeEventResult> => {
    const found = await applicationFor(tx, actor, id, 'grant.pool_manage', { lock: true });
    if (!found.ok) return found;
    const { pool, application: a } = found;
    if (a.eventId) return { ok: false, reason: 'event_exists' };
    if (a.status !== 'granted' && a.status !== 'paid_out' && a.status !== 'report_due') return wrongStatus(a.status);
    const kind = eventKindOf[a.purpose];
    if (!kind) return { ok: false, reason: 'not_an_event_purpose' };
    const zone = 'Europe/Copenhagen';
    const startsAt = zonedInstant(a.activityDate, '17:00', zone)!;
    const endsAt = zonedInstant(a.activityDate, '19:00', zone)!;
    const input = eventInput.parse({
      kind,
      title: a.title,
      description: a.description,
      placeName: a.place,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      timeZone: zone,
      unitId: pool.unitId,
      audience: a.workplaceId ? 'workplace' : 'unit_members',
      audienceUnitId: a.workplaceId ? null : pool.unitId,
      audienceWorkplaceId: a.workplaceId,
      capacity: a.expectedParticipants && a.expectedParticipants > 0 ? a.expectedParticipants : null,
    });
    const made = await createEvent(tx, actor, input, { allowPast: opts.allowPast });
    if (!made.ok) {
      if (made.reason === 'not_found' || made.reason === 'forbidden') return made;
      if (made.reason === 'invalid') return { ok: false, reason: 'invalid', errors: (made as Invalid).errors };
      return { ok: false, reason: 'event_refused', params: { reason: made.reason } };
    }
    await tx.update(grantApplications).set({ eventId: made.event.id, updatedAt: new Date() }).where(eq(grantApplications.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'grant_application', entityId: id, fields: ['eventId'] });
    return { ok: true, eventId: made.event.id };
  });
}
