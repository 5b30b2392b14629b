import { isAdmin, type Actor } from '../../platform/actor.js';

export type OrganisationAction = 'organisation.view' | 'organisation.edit' | 'units.view' | 'units.edit';

/** The organisation's settings and its unit tree are public; only admins change them. */
export function can(actor: Actor, action: OrganisationAction): boolean {
  switch (action) {
    case 'organisation.view':
    case 'units.view':
      return true;
    case 'organisation.edit':
    case 'units.edit':
      return isAdmin(actor);
  }
}
