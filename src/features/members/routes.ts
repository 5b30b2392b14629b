import type { FastifyInstance } from 'fastify';
import { memberApi } from './api.js';
import { memberPages } from './page-routes.js';
import { membershipTypePages } from './type-routes.js';

/** Staff pages and API of the register (members list, detail, forms, status changes, export, membership types). */
export async function memberRoutes(app: FastifyInstance): Promise<void> {
  await app.register(memberApi);
  await app.register(memberPages);
  await app.register(membershipTypePages);
}
