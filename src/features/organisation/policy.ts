import { isAdmin, type Actor } from '../../platform/actor.js';

export type OrganisationAction = 'organisation.view' | 'organisation.edit' | 'units.view' | 'units.edit' | 'roles.manage';

/**
 * The organisation's settings and its unit tree are public; only admins change them. Who holds
 * which role (staff, board, leader, admin) is seen and changed by admins only: it is access.
 */
export function can(actor: Actor, action: OrganisationAction): boolean {
  switch (action) {
    case 'organisation.view':
    case 'units.view':
      return true;
    case 'organisation.edit':
    case 'units.edit':
    case 'roles.manage':
      return isAdmin(actor);
  }
}
