import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { ProblemError } from '../../platform/errors.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { idParams } from '../../kernel/schema.js';
import { can } from './policy.js';
import { appointToRole, endRoleAssignment, getRoleAssignment, listRoleAssignments, type RoleFailure, type RoleResult } from './roles.js';
import { appointmentInput, endRoleInput, roleAssignmentOutput, roleListQuery } from './roles-schema.js';
import { problemFor, type ReasonTable } from '../../platform/outcomes.js';

/** Unknown id 404; a clash with what exists 409; a mistake in the request 422 — each naming the field. */
const roleAnswers = {
  email_taken: { status: 409, code: 'role.email_taken' },
  already_held: { status: 409, code: 'role.already_held' },
  already_ended: { status: 409, code: 'role.already_ended' },
  unit_not_found: { status: 422, code: 'role.unit_not_found' },
  person_not_found: { status: 422, code: 'role.person_not_found' },
  end_before_start: { status: 422, code: 'role.end_before_start' },
} satisfies ReasonTable<RoleFailure['reason']>;

function roleProblem(req: FastifyRequest, failure: Exclude<RoleResult, { ok: true }>): ProblemError {
  return problemFor(req, failure, roleAnswers);
}

/** `/api/v1/roles`: who holds which unit role (staff, board, leader, admin) and for which period (admin). */
export async function roleApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Roles'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

  r.get(
    '/api/v1/roles',
    {
      schema: {
        tags,
        summary: 'Unit roles held today, or in every period with current=false (admin)',
        querystring: roleListQuery,
        response: { 200: z.object({ items: z.array(roleAssignmentOutput) }), 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'roles.manage'));
      return { items: await listRoleAssignments(app.db, req.query) };
    },
  );

  r.post(
    '/api/v1/roles',
    {
      schema: {
        tags,
        summary: 'Appoint a person to a unit role for a period (admin)',
        description:
          'Give `personId` (anyone the register knows, e.g. a member) or `person: { firstName, lastName, email }` to create someone new, such as an employee of the office; ' +
          'they log in with that e-mail. `unitId` is required except for `admin`, which is organisation-wide. `startsOn` defaults to today; `endsOn` to open-ended. ' +
          'The person’s access follows at their next request. 409 when they already hold the role in that unit in an overlapping period, or the new person’s e-mail is taken.',
        body: appointmentInput,
        response: { 201: roleAssignmentOutput, ...errors },
      },
    },
    async (req, reply) => {
      allow(req, can(req.actor, 'roles.manage'));
      const result = await appointToRole(app.db, req.actor, req.body);
      if (!result.ok) throw roleProblem(req, result);
      return reply.status(201).send(result.assignment);
    },
  );

  r.get('/api/v1/roles/:id', { schema: { tags, summary: 'One role assignment (admin)', params: idParams, response: { 200: roleAssignmentOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema } } }, async (req) => {
    allow(req, can(req.actor, 'roles.manage'));
    const assignment = await getRoleAssignment(app.db, req.params.id);
    if (!assignment) throw new ProblemError(404, 'http.not_found');
    return assignment;
  });

  r.post(
    '/api/v1/roles/:id/end',
    {
      schema: {
        tags,
        summary: 'End a role on a day, today unless `endsOn` is given (admin); the last day still counts',
        params: idParams,
        body: endRoleInput,
        response: { 200: roleAssignmentOutput, ...errors },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'roles.manage'));
      const result = await endRoleAssignment(app.db, req.actor, req.params.id, req.body ?? {});
      if (!result.ok) throw roleProblem(req, result);
      return result.assignment;
    },
  );
}
