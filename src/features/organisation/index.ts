import type { Feature } from '../../kernel/feature.js';
import { organisationApi } from './api.js';
import { organisationPages } from './routes.js';
import { privacyPages } from './privacy-routes.js';


export { can as canOrganisation } from './policy.js';

export const feature: Feature = {
  name: 'organisation',
  async routes(app) {
    await app.register(organisationApi);
    await app.register(organisationPages);
    await app.register(privacyPages);
  },
};
