import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { can } from './policy.js';
import { refuse } from '../../platform/outcomes.js';
import { listWorkplaces } from './list.js';
import { getWorkplaceDetail } from './detail.js';
import { idParams, workplaceDetail, workplaceFilter, workplaceList } from './schema.js';

export async function workplaceApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Workplaces'];

  r.get(
    '/api/v1/workplaces',
    {
      schema: {
        tags,
        summary: 'Workplaces with coverage (staff and board of their units, admins; steward tokens see nothing)',
        description: '`vacancy=steward` or `vacancy=safety_rep` lists the workplaces without one in office today. `unit` includes its sub-units.',
        querystring: workplaceFilter,
        response: { 200: workplaceList, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'workplace.list'));
      return listWorkplaces(app.db, req.actor, req.query);
    },
  );

  r.get(
    '/api/v1/workplaces/:id',
    {
      schema: {
        tags,
        summary: 'One workplace with its coverage, members and non-member colleagues',
        description: 'Each call is recorded in the audit log as a view of the workplace.',
        params: idParams,
        response: { 200: workplaceDetail, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'workplace.list'), 'not_found');
      const result = await getWorkplaceDetail(app.db, req.actor, req.params.id, { sortLocale: req.locale === 'sv' ? 'sv' : 'da' });
      if (!result.ok) refuse(req, 'not_found');
      return result.workplace;
    },
  );
}
