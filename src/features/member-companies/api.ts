import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { can } from './policy.js';
import { refuse } from '../../platform/outcomes.js';
import { getCompanyDetail, listCompanies } from './companies.js';
import { companyDetail, companyFilter, companyList, idParams } from './schema.js';

export async function memberCompanyApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Member companies'];

  r.get(
    '/api/v1/member-companies',
    {
      schema: {
        tags,
        summary: 'Member companies (staff of their units, admins)',
        description: '`q` searches name, city and CVR / organisation number (prefix).',
        querystring: companyFilter,
        response: { 200: companyList, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'company.list'));
      return listCompanies(app.db, req.actor, req.query);
    },
  );

  r.get(
    '/api/v1/member-companies/:id',
    {
      schema: {
        tags,
        summary: 'One member company with its contacts and workplaces',
        description: 'Each call is recorded in the audit log as a view of the company.',
        params: idParams,
        response: { 200: companyDetail, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'company.list'), 'not_found');
      const result = await getCompanyDetail(app.db, req.actor, req.params.id);
      if (!result.ok) refuse(req, 'not_found');
      return result.company;
    },
  );
}
