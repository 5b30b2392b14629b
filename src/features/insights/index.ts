import type { Feature } from '../../kernel/feature.js';
import { insightApi } from './api.js';
import { can } from './policy.js';
import { insightPages } from './routes.js';

export { figureNames, type FigureName } from './schema.js';
export { can as canInsights } from './policy.js';

/**
 * The board's and the office's dashboard: the register's history month by month (members, joins and
 * leaves, retention), shop-steward coverage, event demand, workplace meetings, the initiative pool,
 * surveys and mailings, for the units the reader's roles reach; each figure as a chart, a table, a
 * CSV and JSON, and a year of them as the board pack. It writes nothing: the figures are computed in
 * SQL by the features that own the rows, for the range asked.
 */
export const feature: Feature = {
  name: 'insights',
  nav: [{ href: '/insights', labelKey: 'insights.nav', visible: (a) => can(a, 'insights.view'), order: 50 }],
  async routes(app) {
    await app.register(insightApi);
    await app.register(insightPages);
  },
};
