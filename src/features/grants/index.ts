import type { Feature } from '../../kernel/feature.js';
import { can } from './policy.js';
import { grantApi } from './api.js';
import { grantPages } from './page-routes.js';
import { applicationPages } from './application-routes.js';
import { registerGrantJobs } from './payouts.js';
import { seedDemoGrants } from './demo.js';
import { grantsPersonalData } from './personal-data.js';
import { grantsMySection } from './my-section.js';

export { currencies, grantPurposes, applicantKinds, applicationStatuses, type Currency, type GrantPurpose, type ApplicantKind, type ApplicationStatus } from './tables.js';
export { can as canGrant, type GrantAction, type GrantSubject } from './policy.js';
export { createPool, updatePool, getPool, listPools, type PoolView, type PoolSummary } from './pools.js';
export { createApplication, updateApplication, submitApplication, withdrawApplication } from './applications.js';
export { addReview, decideApplication } from './decisions.js';
export { recordPayout, fileReport, closeApplication, reportRound } from './payouts.js';
export { poolFigures, type PoolFigures } from './access.js';
export { poolUse, type PoolUse } from './insight-figures.js';

/**
 * The initiative pool: a unit's pools with their budgets, applications from members and stewards,
 * review and decision by the unit's board and staff without overspending, payout, the report after
 * the activity, and a public page of what the pool made possible.
 */
export const feature: Feature = {
  name: 'grants',
  nav: [{ href: '/grants', labelKey: 'grants.nav', visible: (a) => can(a, 'grant.list'), order: 34 }],
  demo: seedDemoGrants,
  personalData: grantsPersonalData,
  mySections: [grantsMySection],
  jobs: (jobs, { db, config }) => registerGrantJobs(jobs, db, { baseUrl: config.publicUrl }),
  async routes(app) {
    await app.register(grantApi);
    await app.register(grantPages);
    await app.register(applicationPages);
  },
};
