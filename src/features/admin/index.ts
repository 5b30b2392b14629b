import type { Feature } from '../../kernel/feature.js';
import { hasRole, isAdmin } from '../../platform/actor.js';
import { adminRoutes } from './routes.js';

/** The administration: API tokens, the audit log and the mail outbox. */
export const feature: Feature = {
  name: 'admin',
  nav: [{ href: '/admin', labelKey: 'nav.admin', visible: (a) => isAdmin(a) || hasRole(a, 'staff'), order: 90 }],
  routes: adminRoutes,
};
