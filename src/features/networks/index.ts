import type { Feature } from '../../kernel/feature.js';
import { networkApi } from './api.js';
import { networkGroupKind } from './group-kind.js';
import { seedDemoNetworks } from './demo.js';
import { networkMeetingApi } from './meetings-api.js';
import { registerNetworkJobs } from './jobs.js';
import { networkNotificationApi, networkNotificationPages } from './notification-routes.js';
import { registerNetworkAudiences } from './notifications.js';
import { networksPersonalData } from './personal-data.js';
import { networksMySection } from './my-section.js';
import { networkPages } from './routes.js';

export { networkKinds, networkVisibilities, joinPolicies, networkRoles, membershipStatuses, notificationModes, type NetworkKind, type NetworkVisibility, type JoinPolicy, type NetworkRole, type MembershipStatus, type NotificationMode } from './tables.js';
export { can as canNetwork, type NetworkAction, type NetworkSubject } from './policy.js';
export { createNetwork, updateNetwork, getNetwork, listNetworks, type NetworkView, type NetworkSummary } from './networks.js';
export { addNetworkMember, decideRequest, removeNetworkMember, leaveNetwork, listNetworkMembers } from './membership.js';
export { createThread, replyToThread, listThreads, getThread } from './threads.js';

// A post's mail goes to the participants who want each post; the daily digest to those who want one a day.
registerNetworkAudiences();

/**
 * Networks: peers (members, or member companies through their contact persons) with the
 * organisation's staff experts and coordinators, discussing in threads, sharing a file library and
 * meeting at network meetings (events for the network's participants). A network's inside is for
 * those in it; a hidden network does not exist for anyone else.
 */
export const feature: Feature = {
  name: 'networks',
  groupKinds: [networkGroupKind],
  personalData: networksPersonalData,
  demo: seedDemoNetworks,
  nav: [{ href: '/networks', labelKey: 'networks.nav', visible: (a) => a.kind === 'person', order: 38 }],
  mySections: [networksMySection],
  jobs: (jobs, { db, config }) => registerNetworkJobs(jobs, db, { baseUrl: config.publicUrl }),
  async routes(app) {
    await app.register(networkApi);
    await app.register(networkNotificationApi);
    await app.register(networkMeetingApi);
    await app.register(networkNotificationPages);
    await app.register(networkPages);
  },
};
