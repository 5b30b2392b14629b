import type { FastifyInstance } from 'fastify';
import { organisationApi } from './api.js';
import { organisationPages } from './routes.js';

export { getOrganisation, getBrand, updateOrganisation, type Organisation } from './organisation.js';
export { listUnits, getUnit, createUnit, type Unit } from './units.js';
export { organisation, units, unitKinds, type UnitKind } from './tables.js';
export { can as canOrganisation } from './policy.js';

export async function organisationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(organisationApi);
  await app.register(organisationPages);
}
