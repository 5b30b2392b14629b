import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { assemblyFor } from './access.js';
import { checkInMember, checkOutMember } from './attendance.js';
import { quorumState } from './presence.js';
import { hallDataProblem } from './poll-answers.js';
import { attendanceInput, proxyInput } from './poll-schema.js';
import { listProxies, recordProxy, revokeProxy } from './proxies.js';
import { idParams, listOutput, looseOutput } from './schema.js';

/** The door and the proxies: check-in and check-out, proxies, the live quorum. */
export async function attendanceApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assemblies'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });
  const giverParams = z.object({ id: z.uuid(), giverId: z.uuid() });

  r.post(
    '/api/v1/assemblies/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Check a member in at the door (staff of the unit, or the chair)',
        description:
          'Only members on the electoral roll are checked in (`attendance.not_on_roll` otherwise). A proxy the member gave lapses: their own presence wins. ' +
          'Where the assembly is part of an event, members checked in at the event count as present too. Answers with the live quorum.',
        params: idParams,
        body: attendanceInput,
        response: { 201: looseOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await checkInMember(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw hallDataProblem(req, result);
      const { ok: _ok, ...body } = result;
      return reply.status(201).send(body);
    },
  );

  r.delete(
    '/api/v1/assemblies/:id/attendance/:memberId',
    { schema: { tags, summary: 'Check a member out: they left the hall and no longer vote (staff of the unit, or the chair)', params: memberParams, response: { 200: looseOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await checkOutMember(app.db, req.actor, req.params.id, { memberId: req.params.memberId });
      if (!result.ok) throw hallDataProblem(req, result);
      const { ok: _ok, ...body } = result;
      return body;
    },
  );

  r.get(
    '/api/v1/assemblies/:id/quorum',
    {
      schema: {
        tags,
        summary: 'The live quorum: roll, present, usable proxies, votes that can be cast, and the quorum per vote kind',
        params: idParams,
        response: { 200: looseOutput, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      signedIn(req);
      const found = await assemblyFor(app.db, req.actor, req.params.id, 'assembly.view');
      if (!found.ok) throw hallDataProblem(req, found);
      return quorumState(app.db, req.params.id);
    },
  );

  r.post(
    '/api/v1/assemblies/:id/proxies',
    {
      schema: {
        tags,
        summary: 'Record that member `holderId` votes for absent member `giverId` (staff of the unit)',
        description:
          'Only where the statutes allow proxies (`proxy.not_allowed`); both on the roll; the giver not present (`proxy.giver_present`); one proxy per giver (`proxy.already_given`); ' +
          'at most the statutes’ number per holder (`proxy.limit`); no chains (`proxy.chain`). If the giver checks in later, the proxy lapses.',
        params: idParams,
        body: proxyInput,
        response: { 201: looseOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await recordProxy(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw hallDataProblem(req, result);
      return reply.status(201).send(result.proxy);
    },
  );

  r.get(
    '/api/v1/assemblies/:id/proxies',
    { schema: { tags, summary: 'The proxies recorded, by holder, with whether each can be used now (staff and board of the unit)', params: idParams, response: { 200: listOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const found = await assemblyFor(app.db, req.actor, req.params.id, 'assembly.view_roll');
      if (!found.ok) throw hallDataProblem(req, found);
      return { items: await listProxies(app.db, req.params.id) };
    },
  );

  r.delete(
    '/api/v1/assemblies/:id/proxies/:giverId',
    { schema: { tags, summary: 'Withdraw the proxy a member gave (staff of the unit)', params: giverParams, response: { 200: looseOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await revokeProxy(app.db, req.actor, req.params.id, { giverId: req.params.giverId });
      if (!result.ok) throw hallDataProblem(req, result);
      return { giverId: result.giverId, revoked: true };
    },
  );
}
