import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reachesUnit, type Actor } from '../../platform/actor.js';
import { listUnits, type Unit } from '../../kernel/units.js';
import { eventBySlug, type EventRow } from './access.js';
import { refuse } from '../../platform/outcomes.js';
import { can, type EventAction, type EventViewer } from './policy.js';
import { loadEventDetail } from './queries.js';
import type { EventDetail } from './schema.js';
import type { StaffRights } from './pages/staff-parts.js';


export interface StaffContext {
  event: EventRow;
  viewer: EventViewer;
  rights: StaffRights;
}

export function rightsOf(actor: Actor, event: EventRow, viewer: EventViewer): StaffRights {
  return {
    edit: can(actor, 'event.edit', event, viewer),
    viewParticipants: can(actor, 'event.view_participants', event, viewer),
    manageParticipants: can(actor, 'event.manage_participants', event, viewer),
    checkIn: can(actor, 'event.check_in', event, viewer),
    message: can(actor, 'event.message', event, viewer),
    manageMaterial: can(actor, 'event.manage_material', event, viewer),
  };
}

/** The event of `/events/:slug/…` if the actor may do `action` to it; else the refusal ends the request. */
export async function staffEvent(app: FastifyInstance, req: FastifyRequest, action: EventAction): Promise<StaffContext> {
  const slug = (req.params as { slug?: unknown }).slug;
  const found = typeof slug === 'string' ? await eventBySlug(app.db, req.actor, slug, action) : ({ ok: false, reason: 'not_found' } as const);
  if (!found.ok) refuse(req, found);
  return { event: found.event, viewer: found.viewer, rights: rightsOf(req.actor, found.event, found.viewer) };
}

/** The event as the pages show it: counts, programme, material. */
export async function detailOf(app: FastifyInstance, event: EventRow): Promise<EventDetail> {
  return (await loadEventDetail(app.db, event.id))!;
}

/** Units the actor may organise events for (staff of the unit and the units below it; admins all). */
export async function organisingUnits(app: FastifyInstance, actor: Actor): Promise<{ units: Unit[]; all: Unit[] }> {
  const all = await listUnits(app.db);
  return { units: all.filter((u) => reachesUnit(actor, u.id, 'staff')), all };
}

/** Was this sent by htmx (a row swapped in place) rather than by a plain form? */
export function isHtmx(req: FastifyRequest): boolean {
  return req.headers['hx-request'] === 'true';
}

/** A registration or material id in the URL; anything else is a page that does not exist. */
export function idParam(req: FastifyRequest, name: string): string {
  const v = (req.params as Record<string, unknown>)[name];
  if (typeof v !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) refuse(req, { reason: 'not_found' });
  return v;
}
