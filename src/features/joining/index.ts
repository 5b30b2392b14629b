import type { Feature } from '../../kernel/feature.js';
import { hasRole } from '../../platform/actor.js';
import { joinPages } from './join-routes.js';
import { applicationPages } from './application-routes.js';
import { mePages } from './me-routes.js';
import { meTokenPages } from './me-token-routes.js';
import { meApi } from './me-api.js';
import { emailChangePages } from './email-routes.js';

export { applyForMembership, confirmApplication, checkJoinConfirmation, type JoinResult } from './join.js';
export { listApplications, getApplication, type Application, type ApplicationDetail } from './applications.js';
export { approveApplication, rejectApplication, resendConfirmation, removeApplication } from './decisions.js';
export { loadMyRecord, type MyRecord } from './my-record.js';
export { exportMyData } from './export.js';
export { consentPurposes, PRIVACY_TERMS, type ConsentPurpose } from './consent-purposes.js';
export { can as canJoining } from './policy.js';

/** "Become a member" (public form, double opt-in, staff queue) and "my page" for members. */
export const feature: Feature = {
  name: 'joining',
  nav: [
    { href: '/join', labelKey: 'join.nav', visible: (a) => a.kind === 'anonymous', order: 10 },
    { href: '/me', labelKey: 'me.nav', visible: (a) => a.kind === 'person', order: 5 },
    { href: '/admin/applications', labelKey: 'join.queue.nav', visible: (a) => hasRole(a, 'staff'), order: 80 },
  ],
  async routes(app) {
    await app.register(joinPages);
    await app.register(applicationPages);
    await app.register(mePages);
    await app.register(meTokenPages);
    await app.register(meApi);
    await app.register(emailChangePages);
  },
};
