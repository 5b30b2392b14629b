import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { can } from './policy.js';
import { cancelAssembly, createAssembly, getAssembly, updateAssembly } from './assemblies.js';
import { listAssemblies } from './queries.js';
import { setUnitRules, unitRules } from './rules.js';
import { listAgendaTemplates } from './templates.js';
import { assemblyProblem } from './problems.js';
import { assemblyInput, assemblyOutput, assemblyPatch, idParams, listOutput, looseOutput, rulesInput } from './schema.js';
import { getUnit } from '../../kernel/units.js';
import { validationErrors, validationFailed } from '../../platform/http/problems.js';
import { mergeFieldErrors } from '../../platform/http/forms.js';
import { problemsToFieldErrors } from '../../platform/outcomes.js';
import { addAgendaItem, mergeAgendaItems, removeAgendaItem, updateAgendaItem } from './agenda.js';
import { sendNotice } from './notice.js';
import { sendMotionsPack } from './motions-pack.js';
import { assemblyFor } from './access.js';
import { loadRoll } from './roll.js';
import { agendaItemInput, agendaItemPatch, mergeItemsInput } from './schema.js';

/** The assemblies' API: calling and changing assemblies, the units' rules, the templates. */
export async function assemblyApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assemblies'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const locale = (req: FastifyRequest) => (isLocale(req.locale) ? req.locale : 'da');

  r.post(
    '/api/v1/assemblies',
    {
      schema: {
        tags,
        summary: 'Call an assembly of a unit (staff of the unit)',
        description:
          'The unit’s statutes’ rules are copied onto the assembly; `motionDeadline` defaults to the rules’ days before `startsAt`; ' +
          'the agenda is made from `template` (`standard`: the Danish standard agenda, `arsmote`: the Swedish order) in the caller’s language. ' +
          'Answers 201 with the assembly and its `agenda: [{ id, position, kind, title }]`.',
        body: assemblyInput,
        response: { 201: assemblyOutput, ...errors },
      },
      // The body's errors come to the handler, which adds what the database says about the rest (the template).
      attachValidation: true,
    },
    async (req, reply) => {
      signedIn(req);
      const bad = validationErrors(req);
      if (bad) {
        const sent = (req.body ?? {}) as { template?: unknown };
        const known = typeof sent.template !== 'string' || (await listAgendaTemplates(app.db, locale(req))).some((x) => x.key === sent.template);
        throw validationFailed(known ? bad : mergeFieldErrors(bad, problemsToFieldErrors(req.t, [{ path: 'template', code: 'assembly.template_unknown' }])));
      }
      const result = await createAssembly(app.db, req.actor, req.body, locale(req));
      if (!result.ok) throw assemblyProblem(req, result);
      return reply.status(201).send(result.assembly);
    },
  );

  r.get(
    '/api/v1/assemblies',
    {
      schema: {
        tags,
        summary: 'Assemblies the caller may see: to come, or held (`past=true`)',
        querystring: z.object({ past: z.enum(['true', 'false']).optional(), unitId: z.uuid().optional() }).strict(),
        response: { 200: listOutput, 401: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      signedIn(req);
      return { items: await listAssemblies(app.db, req.actor, { past: req.query.past === 'true', unitId: req.query.unitId }) };
    },
  );

  r.get(
    '/api/v1/assemblies/:id',
    { schema: { tags, summary: 'One assembly with its agenda, roll size and present count', params: idParams, response: { 200: assemblyOutput, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const result = await getAssembly(app.db, req.actor, req.params.id);
      if (!result.ok) throw assemblyProblem(req, result);
      return result.assembly;
    },
  );

  r.patch(
    '/api/v1/assemblies/:id',
    {
      schema: {
        tags,
        summary: 'Change an assembly (staff of the unit)',
        description: 'The date, deadline and kind are fixed once the notice is out; the chair and minute taker may change until the assembly closes.',
        params: idParams,
        body: assemblyPatch,
        response: { 200: assemblyOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await updateAssembly(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw assemblyProblem(req, result);
      return result.assembly;
    },
  );

  r.post(
    '/api/v1/assemblies/:id/cancel',
    { schema: { tags, summary: 'Call an assembly off before it meets (staff of the unit)', params: idParams, response: { 200: assemblyOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await cancelAssembly(app.db, req.actor, req.params.id);
      if (!result.ok) throw assemblyProblem(req, result);
      return result.assembly;
    },
  );

  r.get(
    '/api/v1/units/:id/assembly-rules',
    { schema: { tags, summary: 'The statutes’ rules for a unit’s assemblies (anyone signed in: the statutes are the members’)', params: idParams, response: { 200: looseOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      if (!(await getUnit(app.db, req.params.id))) throw assemblyProblem(req, { ok: false, reason: 'not_found' });
      return unitRules(app.db, req.params.id);
    },
  );

  r.put(
    '/api/v1/units/:id/assembly-rules',
    {
      schema: {
        tags,
        summary: 'Set the statutes’ rules for a unit’s assemblies (staff of the unit)',
        description: 'Assemblies already called keep the rules they were called under.',
        params: idParams,
        body: rulesInput,
        response: { 200: looseOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await setUnitRules(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw assemblyProblem(req, result);
      return result.rules;
    },
  );

  r.get(
    '/api/v1/agenda-templates',
    { schema: { tags, summary: 'The agenda templates, with their items in the caller’s language', response: { 200: listOutput, 401: problemSchema } } },
    async (req) => {
      signedIn(req);
      return { items: await listAgendaTemplates(app.db, locale(req)) };
    },
  );

  const agendaOutput = z.looseObject({ agenda: z.array(z.looseObject({ id: z.uuid(), position: z.number(), kind: z.string(), title: z.string() })) });
  const agendaReply = <T extends { ok: boolean }>(req: FastifyRequest, result: T) => {
    if (!result.ok) throw assemblyProblem(req, result as never);
    return { agenda: (result as unknown as { agenda: { id: string; position: number; kind: string; title: string }[] }).agenda };
  };

  r.post(
    '/api/v1/assemblies/:id/agenda',
    { schema: { tags, summary: 'Add an item to the agenda (staff of the unit, before the assembly meets)', params: idParams, body: agendaItemInput, response: { 200: agendaOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return agendaReply(req, await addAgendaItem(app.db, req.actor, req.params.id, req.body));
    },
  );

  r.patch(
    '/api/v1/agenda-items/:id',
    { schema: { tags, summary: 'Rename, re-kind or move an agenda item (`position`, 1-based)', params: idParams, body: agendaItemPatch, response: { 200: agendaOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return agendaReply(req, await updateAgendaItem(app.db, req.actor, req.params.id, req.body));
    },
  );

  r.delete(
    '/api/v1/agenda-items/:id',
    { schema: { tags, summary: 'Take an item off the agenda (not one with polls or elections)', params: idParams, response: { 200: agendaOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return agendaReply(req, await removeAgendaItem(app.db, req.actor, req.params.id));
    },
  );

  r.post(
    '/api/v1/assemblies/:id/agenda/merge',
    { schema: { tags, summary: 'Fold one agenda item into another (`from` into `into`, optionally a new `title`)', params: idParams, body: mergeItemsInput, response: { 200: agendaOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return agendaReply(req, await mergeAgendaItems(app.db, req.actor, req.params.id, req.body));
    },
  );

  r.post(
    '/api/v1/assemblies/:id/notice',
    {
      schema: {
        tags,
        summary: 'Send the notice to the electoral roll (staff of the unit)',
        description:
          'Takes the roll (the unit’s active members on the cut-off day) and mails it the notice with the agenda and the motion deadline as service mail through the mailings queue. ' +
          'Refused with 409 `assembly.notice_late` when the statutes’ notice period no longer fits before the assembly, and `assembly.empty_roll` when nobody is entitled to vote.',
        params: idParams,
        response: { 200: z.object({ recipients: z.number().int(), mailingId: z.uuid() }), ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await sendNotice(app.db, req.actor, req.params.id, { publicUrl: app.config.publicUrl });
      if (!result.ok) throw assemblyProblem(req, result);
      return { recipients: result.recipients, mailingId: result.mailingId };
    },
  );

  r.post(
    '/api/v1/assemblies/:id/motions-pack',
    {
      schema: {
        tags,
        summary: 'Send the admitted motions to the electoral roll (staff of the unit, once)',
        params: idParams,
        response: { 200: z.object({ recipients: z.number().int(), mailingId: z.uuid(), motions: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await sendMotionsPack(app.db, req.actor, req.params.id, { publicUrl: app.config.publicUrl });
      if (!result.ok) throw assemblyProblem(req, result);
      return { recipients: result.recipients, mailingId: result.mailingId, motions: result.motions };
    },
  );

  r.get(
    '/api/v1/assemblies/:id/roll',
    { schema: { tags, summary: 'The electoral roll with who is present (staff and board of the unit)', params: idParams, response: { 200: listOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const found = await assemblyFor(app.db, req.actor, req.params.id, 'assembly.view_roll');
      if (!found.ok) throw assemblyProblem(req, found);
      return { items: await loadRoll(app.db, req.params.id) };
    },
  );
}
