import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { fieldError, ProblemError, type FieldError } from '../../platform/errors.js';
import { mergeFieldErrors, validParts } from '../../platform/http/forms.js';
import { validationErrors, validationFailed } from '../../platform/http/problems.js';
import { problemFor, type ReasonTable } from '../../platform/outcomes.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { memberProblems, type CurrentMember, type MemberDraft, type MemberFailure } from './checks.js';
import { createMember } from './create-member.js';
import { readMember } from './member-detail.js';
import { loadMemberSubject } from './member-subject.js';
import { changeMembershipStatus, type StatusFailure } from './membership-status.js';
import { createMembershipType, listMembershipTypesCached, membershipTypeJson, updateMembershipType, type MembershipTypeResult } from './membership-types.js';
import { can, type MemberSubject } from './policy.js';
import { listMembers, loadMember, memberJson } from './queries.js';
import { idParams, memberApiQuery, memberInput, memberOutput, memberPatch, membershipTypeInput, membershipTypeOutput, membershipTypePatch, statusChangeInput } from './schema.js';
import { updateMember } from './update-member.js';

/** The register's own reasons: conflicts with other records are 409, mistakes in the request 422; each names its field. */
const memberAnswers = {
  email_taken: { status: 409, code: 'member.email_taken' },
  number_taken: { status: 409, code: 'member.number_taken' },
  invalid_transition: { status: 409, code: 'member.invalid_transition' },
  unit_not_found: { status: 422, code: 'member.unit_not_found' },
  unit_not_allowed: { status: 422, code: 'member.unit_not_allowed' },
  type_not_found: { status: 422, code: 'member.type_not_found' },
  type_inactive: { status: 422, code: 'member.type_inactive' },
  section_not_found: { status: 422, code: 'member.section_not_found' },
  date_before_status: { status: 422, code: 'member.date_before_status' },
} satisfies ReasonTable<Exclude<StatusFailure['reason'], 'not_found'>>;

/** The register's problems with fields, each on its field, with the codes of `memberAnswers`. */
function memberFieldErrors(req: FastifyRequest, failures: MemberFailure[]): FieldError[] {
  return failures.flatMap((f) => (f.reason === 'not_found' ? [] : [fieldError(req.t, f.field, memberAnswers[f.reason].code)]));
}

/** A failure as its problem (status and code of the first), naming every field the round found wrong. */
export function memberProblem(req: FastifyRequest, failure: MemberFailure | StatusFailure): ProblemError {
  const problem = problemFor(req, failure, memberAnswers);
  const also = 'also' in failure ? (failure.also ?? []) : [];
  return also.length ? new ProblemError(problem.status, problem.code, [...problem.errors, ...memberFieldErrors(req, also)], problem.params) : problem;
}

/** Bad input answered with the register's checks on its valid parts as well: every problem in one answer. */
async function invalidMember(app: FastifyInstance, req: FastifyRequest, bad: FieldError[], draft: MemberDraft, current?: CurrentMember): Promise<ProblemError> {
  return validationFailed(mergeFieldErrors(bad, memberFieldErrors(req, await memberProblems(app.db, req.actor, draft, current))));
}

/** A taken code is a conflict (409) naming `code`; an unknown type is 404. */
const membershipTypeAnswers = {
  code_taken: { status: 409, code: 'membership_type.code_taken' },
} satisfies ReasonTable<'code_taken'>;

function membershipTypeProblem(req: FastifyRequest, failure: Extract<MembershipTypeResult, { ok: false }>): ProblemError {
  return problemFor(req, failure, membershipTypeAnswers);
}

export async function memberApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Members'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

  /** Out of reach is "not found": the API does not confirm that someone is a member elsewhere. */
  async function subjectFor(req: FastifyRequest, id: string): Promise<MemberSubject> {
    const subject = await loadMemberSubject(app.db, id);
    allow(req, Boolean(subject?.hasMembership) && can(req.actor, 'member.view', subject), 'not_found');
    return subject!;
  }

  r.get(
    '/api/v1/members',
    {
      schema: {
        tags,
        summary: 'Search and filter members (staff and board, within their units)',
        querystring: memberApiQuery,
        response: { 200: z.object({ items: z.array(memberOutput), total: z.number().int(), page: z.number().int() }), 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'members.list'));
      const page = await listMembers(app.db, req.actor, req.query, req.locale);
      return { items: page.items.map(memberJson), total: page.total, page: page.page };
    },
  );

  r.get(
    '/api/v1/members/types',
    { schema: { tags, summary: 'Membership types', response: { 200: z.object({ items: z.array(membershipTypeOutput) }), 401: problemSchema, 403: problemSchema } } },
    async (req) => {
      allow(req, can(req.actor, 'members.list'));
      return { items: (await listMembershipTypesCached(app.db)).map(membershipTypeJson) };
    },
  );

  r.post(
    '/api/v1/members/types',
    { schema: { tags, summary: 'Create a membership type (admin)', body: membershipTypeInput, response: { 201: membershipTypeOutput, ...errors } } },
    async (req, reply) => {
      allow(req, can(req.actor, 'membership_types.manage'));
      const result = await createMembershipType(app.db, req.actor, req.body);
      if (!result.ok) throw membershipTypeProblem(req, result);
      return reply.status(201).send(membershipTypeJson(result.type));
    },
  );

  r.patch(
    '/api/v1/members/types/:id',
    {
      schema: {
        tags,
        summary: 'Rename, reorder or (de)activate a membership type (admin); its code never changes',
        params: idParams,
        body: membershipTypePatch,
        response: { 200: membershipTypeOutput, ...errors },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'membership_types.manage'));
      const result = await updateMembershipType(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw membershipTypeProblem(req, result);
      return membershipTypeJson(result.type);
    },
  );

  r.post(
    '/api/v1/members',
    { schema: { tags, summary: 'Register a member (staff of the unit)', body: memberInput, response: { 201: memberOutput, ...errors } }, attachValidation: true },
    async (req, reply) => {
      allow(req, can(req.actor, 'members.create'));
      const bad = validationErrors(req);
      if (bad) throw await invalidMember(app, req, bad, validParts(memberInput, req.body));
      const result = await createMember(app.db, req.actor, req.body);
      if (!result.ok) throw memberProblem(req, result);
      return reply.status(201).send(memberJson(result.member));
    },
  );

  r.get('/api/v1/members/:id', { schema: { tags, summary: 'One member (reading is audited)', params: idParams, response: { 200: memberOutput, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    await subjectFor(req, req.params.id);
    const member = await readMember(app.db, req.actor, req.params.id);
    if (!member) throw new ProblemError(404, 'http.not_found');
    return memberJson(member);
  });

  r.patch(
    '/api/v1/members/:id',
    { schema: { tags, summary: "Change a member's details (staff of the unit)", params: idParams, body: memberPatch, response: { 200: memberOutput, ...errors } }, attachValidation: true },
    async (req) => {
      // A malformed id is answered as before; only the body's errors wait for the register's checks.
      if (req.validationError && req.validationError.validationContext !== 'body') throw req.validationError;
      const subject = await subjectFor(req, req.params.id);
      allow(req, can(req.actor, 'member.edit', subject));
      const bad = validationErrors(req);
      if (bad) {
        const member = await loadMember(app.db, subject.personId);
        if (!member) throw new ProblemError(404, 'http.not_found');
        const current = { personId: member.id, typeId: member.typeId, unitId: member.unitId, memberNumber: member.memberNumber };
        throw await invalidMember(app, req, bad, validParts(memberPatch, req.body), current);
      }
      const result = await updateMember(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw memberProblem(req, result);
      return memberJson(result.member);
    },
  );

  r.post(
    '/api/v1/members/:id/status',
    {
      schema: {
        tags,
        summary: 'Resign, expel, record a death or reinstate (staff of the unit)',
        params: idParams,
        body: statusChangeInput,
        response: { 200: memberOutput, ...errors },
      },
    },
    async (req) => {
      const subject = await subjectFor(req, req.params.id);
      allow(req, can(req.actor, 'member.edit', subject));
      const result = await changeMembershipStatus(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw memberProblem(req, result);
      return memberJson(result.member);
    },
  );
}
