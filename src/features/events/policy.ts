import { grantsOf, hasRole, isAdmin, reachesUnit, type Actor } from '../../platform/actor.js';
import type { Audience, AudienceRole, EventStatus } from './tables.js';

export type EventAction =
  | 'event.list'
  | 'event.create'
  | 'event.view'
  | 'event.edit'
  | 'event.publish'
  | 'event.cancel'
  | 'event.register'
  | 'event.view_participants'
  | 'event.manage_participants'
  | 'event.check_in'
  | 'event.message'
  | 'event.manage_material';

/** What an event is to the policy. */
export interface EventSubject {
  unitId: string;
  status: EventStatus;
  audience: Audience;
  audienceUnitId: string | null;
  audienceRoles: readonly AudienceRole[];
  /** For `workplace` (absent on subjects that are not workplace events). */
  audienceWorkplaceId?: string | null;
  openToNonMembers?: boolean;
  /** For `network`: the group (kernel group kind `network`) whose participants are invited. */
  audienceNetworkId?: string | null;
}

/**
 * What the policy needs to know about the reader beyond their grants: the roles they hold today
 * (grants fold safety reps into stewards and leave leaders out) and the units their memberships are
 * in, each with every unit above it (a member of a section under a district is a member of the district).
 */
export interface EventViewer {
  heldRoles: ReadonlySet<AudienceRole>;
  memberUnits: ReadonlySet<string>;
  /** The workplaces the person is employed at today (a workplace meeting's audience). */
  workplaces: ReadonlySet<string>;
  /** The groups (networks, kernel group kind `network`) the person takes part in. */
  groups: ReadonlySet<string>;
}

/** The viewer as far as the grants alone tell: used when nothing more was loaded. */
export function viewerFromGrants(actor: Actor): EventViewer {
  const heldRoles = new Set<AudienceRole>();
  const memberUnits = new Set<string>();
  for (const g of grantsOf(actor)) {
    if (g.role === 'member' && g.unitId) memberUnits.add(g.unitId);
    if (g.role === 'steward' || g.role === 'board' || g.role === 'staff') heldRoles.add(g.role);
  }
  return { heldRoles, memberUnits, workplaces: new Set<string>(), groups: new Set<string>() };
}

export function isMember(actor: Actor): boolean {
  return grantsOf(actor).some((g) => g.role === 'member');
}

/** Does the event's audience let this reader in? Staff, board and admins of the unit see past it. */
export function audienceAdmits(actor: Actor, event: EventSubject, viewer: EventViewer = viewerFromGrants(actor)): boolean {
  switch (event.audience) {
    case 'public':
      return true;
    case 'members':
      return isMember(actor);
    case 'unit_members':
      return event.audienceUnitId !== null && viewer.memberUnits.has(event.audienceUnitId);
    case 'roles':
      return event.audienceRoles.some((r) => viewer.heldRoles.has(r));
    case 'workplace':
      // Open to non-members: anyone with the link may see it and register by name and e-mail; it is
      // still never listed for those outside the workplace (see `visibleEventsSql`).
      return Boolean(event.openToNonMembers) || (Boolean(event.audienceWorkplaceId) && viewer.workplaces.has(event.audienceWorkplaceId!));
    case 'network':
      // Never open to anyone outside the network, not even by its link (see `visibleEventsSql`).
      return Boolean(event.audienceNetworkId) && viewer.groups.has(event.audienceNetworkId!);
  }
}

/** Staff and board whose grants reach the event's unit see all of it, drafts included. */
function organises(actor: Actor, event: EventSubject): boolean {
  return reachesUnit(actor, event.unitId, 'staff', 'board');
}

/**
 * Staff of the unit (and admins) run an event; staff and board of the unit see every event of it;
 * everyone else sees a published or cancelled event whose audience admits them, and may register
 * for a published one. A reader who may not see an event is told it does not exist.
 */
export function can(actor: Actor, action: EventAction, subject?: EventSubject, viewer?: EventViewer): boolean {
  switch (action) {
    case 'event.list':
      return true;
    case 'event.create':
      return subject ? reachesUnit(actor, subject.unitId, 'staff') : hasRole(actor, 'staff');
    case 'event.view':
      if (!subject) return false;
      if (organises(actor, subject)) return true;
      return subject.status !== 'draft' && audienceAdmits(actor, subject, viewer);
    case 'event.register':
      // A person registers themselves; tokens have no self to register.
      return subject !== undefined && actor.kind === 'person' && subject.status === 'published' && (organises(actor, subject) || audienceAdmits(actor, subject, viewer));
    case 'event.view_participants':
      return subject !== undefined && organises(actor, subject);
    case 'event.edit':
    case 'event.publish':
    case 'event.cancel':
    case 'event.manage_participants':
    case 'event.check_in':
    case 'event.message':
    case 'event.manage_material':
      return subject !== undefined && (isAdmin(actor) || reachesUnit(actor, subject.unitId, 'staff'));
  }
}
