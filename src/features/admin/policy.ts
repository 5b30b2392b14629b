import { hasRole, isAdmin, type Actor } from '../../platform/actor.js';

export type AdminAction = 'admin.view' | 'audit.view' | 'mail.view' | 'tokens.manage';

/** Staff see the administration area (their tools arrive with the modules); the rest is for admins. */
export function can(actor: Actor, action: AdminAction): boolean {
  switch (action) {
    case 'admin.view':
      return hasRole(actor, 'staff', 'admin');
    case 'audit.view':
    case 'mail.view':
    case 'tokens.manage':
      return isAdmin(actor);
  }
}
