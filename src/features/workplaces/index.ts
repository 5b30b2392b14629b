import type { Feature } from '../../kernel/feature.js';
import { can } from './policy.js';
import { workplaceApi } from './api.js';
import { workplacePages } from './routes.js';
import { workplacePeoplePages } from './people-routes.js';

export { can as canWorkplace, workplaceScope, type WorkplaceScope } from './policy.js';
export { listWorkplaces, type WorkplacePage } from './list.js';
export { getWorkplaceDetail, currentEmployees, findWorkplaceSubject } from './detail.js';
export { createWorkplace, updateWorkplace, getWorkplace, type Workplace } from './workplaces.js';
export { appointOffice, endOffice } from './offices.js';
export { addEmployment, endEmployment } from './employments.js';
export { findWorkplacesByKey, currentEmploymentsAt, writeStagedEmployments, writeStagedWorkplaces, type WorkplaceRecord, type EmploymentRecord } from './bulk.js';
export type { WorkplaceSummary, WorkplaceDetail, WorkplaceFilter, WorkplaceInput } from './schema.js';
export { coverageFigures, type WorkplaceCoverage, type CoverageSummary } from './insight-figures.js';

export const feature: Feature = {
  name: 'workplaces',
  nav: [{ href: '/workplaces', labelKey: 'workplaces.nav', visible: (a) => can(a, 'workplace.list'), order: 30 }],
  async routes(app) {
    await app.register(workplaceApi);
    await app.register(workplacePages);
    await app.register(workplacePeoplePages);
  },
};
