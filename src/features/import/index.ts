import type { Feature } from '../../kernel/feature.js';
import { importRoutes } from './routes.js';

export { importMembers } from './import.js';
export { runImportCommand } from './cli.js';

/** CSV import of members and workplaces: the pages, the API and the command line share one code path. */
export const feature: Feature = {
  name: 'import',
  routes: importRoutes,
};
