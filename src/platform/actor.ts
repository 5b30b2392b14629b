import type { LabelTable } from './i18n/labels.js';

/** Access roles decide what a person may see and do; organisational roles below map onto them. */
export const accessRoles = ['member', 'steward', 'staff', 'board', 'admin'] as const;
export type AccessRole = (typeof accessRoles)[number];

/** Each access role's name (`roles.…`). */
export const accessRoleLabel = {
  member: 'roles.member',
  steward: 'roles.steward',
  staff: 'roles.staff',
  board: 'roles.board',
  admin: 'roles.admin',
} as const satisfies LabelTable<AccessRole>;

/** A role as held by the actor: in one unit and everything below it, or organisation-wide (`all`). */
export interface Grant {
  role: AccessRole;
  unitId: string | null;
  /** The unit and its descendants, resolved when the actor was loaded. */
  scope: 'all' | ReadonlySet<string>;
  /** For stewards and safety reps: the workplaces they hold office at. */
  workplaces: ReadonlySet<string>;
}

interface Base {
  ip?: string;
}
export type Actor =
  | (Base & { kind: 'anonymous' })
  | (Base & { kind: 'system' })
  /** `tokenId` is set when the person acts through one of their personal API tokens (the audit names both). */
  | (Base & { kind: 'person'; personId: string; firstName: string; lastName: string; grants: Grant[]; tokenId?: string })
  | (Base & { kind: 'token'; tokenId: string; name: string; grants: Grant[] });

export const anonymous: Actor = { kind: 'anonymous' };
export const system: Actor = { kind: 'system' };

export function grantsOf(actor: Actor): Grant[] {
  return actor.kind === 'person' || actor.kind === 'token' ? actor.grants : [];
}

export function isAuthenticated(actor: Actor): boolean {
  return actor.kind === 'person' || actor.kind === 'token';
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || grantsOf(actor).some((g) => g.role === 'admin');
}

export function hasRole(actor: Actor, ...roles: AccessRole[]): boolean {
  return isAdmin(actor) || grantsOf(actor).some((g) => roles.includes(g.role));
}

/** Does one of the actor's grants of these roles reach this unit? Admins reach every unit. */
export function reachesUnit(actor: Actor, unitId: string | null, ...roles: AccessRole[]): boolean {
  if (isAdmin(actor)) return true;
  return grantsOf(actor).some((g) => roles.includes(g.role) && (g.scope === 'all' || (unitId !== null && g.scope.has(unitId))));
}

/** The units the actor's roles reach: `all`, or a set (possibly empty). */
export function unitScope(actor: Actor, ...roles: AccessRole[]): 'all' | Set<string> {
  if (isAdmin(actor)) return 'all';
  const out = new Set<string>();
  for (const g of grantsOf(actor)) {
    if (!roles.includes(g.role)) continue;
    if (g.scope === 'all') return 'all';
    for (const id of g.scope) out.add(id);
  }
  return out;
}

export function actorPersonId(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.personId : null;
}

/** The workplaces where the actor is steward or safety rep (their window on the register). */
export function stewardWorkplaces(actor: Actor): Set<string> {
  const out = new Set<string>();
  for (const g of grantsOf(actor)) if (g.role === 'steward') for (const w of g.workplaces) out.add(w);
  return out;
}
