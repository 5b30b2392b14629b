import type { FastifyInstance } from 'fastify';
import { addNavItem } from '../../platform/html/nav.js';
import { hasRole } from '../../platform/actor.js';
import { joinPages } from './join-routes.js';
import { applicationPages } from './application-routes.js';
import { mePages } from './me-routes.js';

export { applyForMembership, confirmApplication, checkJoinConfirmation, type JoinResult } from './join.js';
export { listApplications, getApplication, type Application, type ApplicationDetail } from './applications.js';
export { approveApplication, rejectApplication, resendConfirmation, removeApplication } from './decisions.js';
export { loadMyRecord, type MyRecord } from './my-record.js';
export { exportMyData } from './export.js';
export { consentPurposes, PRIVACY_TERMS, type ConsentPurpose } from './consent-purposes.js';
export { can as canJoining } from './policy.js';

/** "Become a member" (public form, double opt-in, staff queue) and "my page" for members. */
export async function joiningRoutes(app: FastifyInstance): Promise<void> {
  addNavItem({ href: '/join', labelKey: 'join.nav', visible: (a) => a.kind === 'anonymous', order: 10 });
  addNavItem({ href: '/me', labelKey: 'me.nav', visible: (a) => a.kind === 'person', order: 5 });
  addNavItem({ href: '/admin/applications', labelKey: 'join.queue.nav', visible: (a) => hasRole(a, 'staff'), order: 80 });
  await app.register(joinPages);
  await app.register(applicationPages);
  await app.register(mePages);
}
