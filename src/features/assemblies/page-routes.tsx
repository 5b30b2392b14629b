import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { reachesUnit, unitScope } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { formValues, numberFromText, parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { ProblemError, type FieldError } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { zonedInstant } from '../../platform/i18n/zoned-time.js';
import { pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import { getUnit, listUnits } from '../../kernel/units.js';
import { can } from './policy.js';
import { assemblyFor } from './access.js';
import { createAssembly, getAssembly } from './assemblies.js';
import { addAgendaItem, mergeAgendaItems, removeAgendaItem, updateAgendaItem } from './agenda.js';
import { sendNotice } from './notice.js';
import { sendMotionsPack } from './motions-pack.js';
import { listAssemblies } from './queries.js';
import { listElections } from './elect-queries.js';
import { listBodies } from './elect-bodies.js';
import { createElection } from './elect-elections.js';
import { electionInput } from './elect-schema.js';
import { electionProblem } from './elect-answers.js';
import { loadRoll } from './roll.js';
import { setUnitRules, unitRules } from './rules.js';
import { listAgendaTemplates } from './templates.js';
import { assemblyProblem } from './problems.js';
import { agendaItemInput, assemblyInput, rulesInput } from './schema.js';
import { AssemblyListPage } from './pages/assembly-list.js';
import { AssemblyFormPage } from './pages/assembly-form.js';
import { AssemblyDetailPage } from './pages/assembly-detail.js';
import { AssemblyRollPage } from './pages/assembly-roll.js';
import { AssemblyRulesPage } from './pages/assembly-rules.js';

const idParams = z.object({ id: z.uuid() });
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const unitParams = z.object({ unitId: z.uuid() });
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * A use case's failure as errors on the page: refusals end the request the way pages refuse; the
 * rest (a rule, a status, a field) are told above the form, each naming its field where there is one.
 */
const pageErrors = (req: FastifyRequest, failure: Failure<string>): FieldError[] => pageFailure(req, failure, assemblyProblem).errors;
/** An election's failure on the assembly page: the election's own reasons, in its own table. */
const electionPageErrors = (req: FastifyRequest, failure: Failure<string>): FieldError[] => pageFailure(req, failure, electionProblem).errors;

/** The create form's date and time fields → the API's input (instants in the assembly's zone). */
function assemblyFromForm(body: unknown): { input: Record<string, unknown>; errors: FieldError[] } {
  const v = formValues(body);
  const zone = 'Europe/Copenhagen';
  const startsAt = zonedInstant(text(v.date), text(v.time), zone);
  const deadline = text(v.deadlineDate) ? zonedInstant(text(v.deadlineDate), text(v.deadlineTime) || '23:59', zone) : null;
  return {
    input: {
      unitId: text(v.unitId),
      title: text(v.title),
      kind: text(v.kind) || 'ordinary',
      startsAt: startsAt ? startsAt.toISOString() : text(v.date) ? 'invalid' : '',
      motionDeadline: deadline ? deadline.toISOString() : text(v.deadlineDate) ? 'invalid' : null,
      place: text(v.place),
      template: text(v.template) || 'standard',
      minutesVisibility: text(v.minutesVisibility) || 'members',
    },
    errors: [],
  };
}

/** Schema paths → the form's field names. */
const formField = (path: string) => (path === 'startsAt' ? 'date' : path === 'motionDeadline' ? 'deadlineDate' : path);

/** The assemblies' own pages: the list, calling one, one assembly with its agenda and notice, the roll, a unit's rules. */
export async function assemblyPages(app: FastifyInstance): Promise<void> {
  const units = async (req: FastifyRequest) => {
    const all = await listUnits(app.db);
    const scope = unitScope(req.actor, 'staff');
    return all.filter((u) => scope === 'all' || scope.has(u.id)).map((u) => ({ id: u.id, name: `${'— '.repeat(u.depth)}${u.name}` }));
  };
  const locale = (req: FastifyRequest) => (isLocale(req.locale) ? req.locale : 'da');

  app.get('/assemblies', async (req, reply) => {
    allow(req, can(req.actor, 'assembly.list'));
    reply.header('cache-control', 'no-store');
    return reply.html(<AssemblyListPage view={await reply.view()} items={await listAssemblies(app.db, req.actor)} mayCreate={can(req.actor, 'assembly.create')} />);
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.status(status).html(<AssemblyFormPage view={await reply.view()} units={await units(req)} templates={await listAgendaTemplates(app.db, locale(req))} form={form} />);

  app.get('/assemblies/new', async (req, reply) => {
    allow(req, can(req.actor, 'assembly.create'));
    return formPage(req, reply, emptyForm({}));
  });

  app.post('/assemblies/new', async (req, reply) => {
    allow(req, can(req.actor, 'assembly.create'));
    const values = formValues(req.body);
    const { input } = assemblyFromForm(req.body);
    const parsed = parseForm(assemblyInput, input, req.t);
    if (!parsed.ok) return formPage(req, reply, { values, errors: parsed.errors.map((e) => ({ ...e, path: formField(e.path) })) }, 422);
    const result = await createAssembly(app.db, req.actor, parsed.data, locale(req));
    if (!result.ok) return formPage(req, reply, { values, errors: pageErrors(req, result).map((e) => ({ ...e, path: formField(e.path) })) }, result.reason === 'invalid' ? 422 : 409);
    reply.flash('success', req.t('assembly_page.flash.created'));
    return reply.redirect(`/assemblies/${result.assembly.id}`, 303);
  });

  const idOf = (req: FastifyRequest) => {
    const p = idParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    return p.data.id;
  };

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormState = emptyForm({}), status = 200) => {
    const found = await getAssembly(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    const row = await assemblyFor(app.db, req.actor, id, 'assembly.view');
    if (!row.ok) return refuse(req, row);
    const s = row.assembly;
    const abilities = {
      manage: can(req.actor, 'assembly.manage', s),
      viewRoll: can(req.actor, 'assembly.view_roll', s),
      run: can(req.actor, 'assembly.run', s),
      participate: can(req.actor, 'assembly.participate', s),
      takeMinutes: can(req.actor, 'assembly.take_minutes', s),
      readMinutes: can(req.actor, 'assembly.read_minutes', s) && (s.status === 'closed' || s.status === 'minutes_published'),
    };
    const mayCreateElection = abilities.run && (s.status === 'draft' || s.status === 'notice_sent' || s.status === 'in_session');
    const elections = {
      items: await listElections(app.db, id),
      bodies: mayCreateElection ? (await listBodies(app.db, s.unitId)).map((b) => ({ id: b.id, name: b.name, vacancies: b.vacancies.seats })) : [],
      mayCreate: mayCreateElection,
    };
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<AssemblyDetailPage view={await reply.view()} a={found.assembly} can={abilities} form={form} elections={elections} />);
  };

  app.get('/assemblies/:id', async (req, reply) => detailPage(req, reply, idOf(req)));

  /** After an action on the assembly page: back to it with a message, or the page with the errors. */
  const after = async (req: FastifyRequest, reply: FastifyReply, id: string, result: { ok: true } | Failure<string>, done: string) => {
    if (result.ok) {
      reply.flash('success', req.t(done));
      return reply.redirect(`/assemblies/${id}`, 303);
    }
    const errors = pageErrors(req, result);
    return detailPage(req, reply, id, { values: formValues(req.body), errors }, result.reason === 'invalid' ? 422 : 409);
  };

  app.post('/assemblies/:id/notice', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, await sendNotice(app.db, req.actor, id, { publicUrl: app.config.publicUrl }), 'assembly_page.flash.notice_sent');
  });

  app.post('/assemblies/:id/motions-pack', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, await sendMotionsPack(app.db, req.actor, id, { publicUrl: app.config.publicUrl }), 'assembly_page.flash.pack_sent');
  });

  app.post('/assemblies/:id/elections', async (req, reply) => {
    const id = idOf(req);
    const v = formValues(req.body);
    const parsed = parseForm(electionInput, { itemId: text(v.itemId), bodyId: text(v.bodyId), seats: numberFromText(v.seats), termEndsOn: text(v.termEndsOn) || null }, req.t);
    if (!parsed.ok) return detailPage(req, reply, id, { values: v, errors: parsed.errors }, 422);
    const result = await createElection(app.db, req.actor, id, parsed.data);
    if (!result.ok) return detailPage(req, reply, id, { values: v, errors: electionPageErrors(req, result) }, result.reason === 'invalid' ? 422 : 409);
    reply.flash('success', req.t('assembly_page.flash.election_created'));
    return reply.redirect(`/elections/${result.election.id}`, 303);
  });

  app.post('/assemblies/:id/agenda', async (req, reply) => {
    const id = idOf(req);
    const parsed = parseForm(agendaItemInput, { kind: text(formValues(req.body).kind), title: text(formValues(req.body).title) }, req.t);
    if (!parsed.ok) return detailPage(req, reply, id, { values: formValues(req.body), errors: parsed.errors }, 422);
    return after(req, reply, id, await addAgendaItem(app.db, req.actor, id, parsed.data), 'assembly_page.flash.agenda_saved');
  });

  app.post('/assemblies/:id/agenda/merge', async (req, reply) => {
    const id = idOf(req);
    const v = formValues(req.body);
    const input = z.object({ from: z.uuid(), into: z.uuid(), title: z.string().trim().min(1).max(200).optional() }).safeParse({ from: text(v.from), into: text(v.into), title: text(v.title) || undefined });
    if (!input.success) return detailPage(req, reply, id, { values: v, errors: [{ path: 'from', code: 'assembly.item_unknown', message: req.t('assembly.item_unknown') }] }, 422);
    return after(req, reply, id, await mergeAgendaItems(app.db, req.actor, id, input.data), 'assembly_page.flash.agenda_saved');
  });

  app.post('/assemblies/:id/agenda/:itemId/move', async (req, reply) => {
    const p = itemParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    const position = z.number().int().min(1).max(100).safeParse(numberFromText(formValues(req.body).position));
    if (!position.success) return detailPage(req, reply, p.data.id, emptyForm({}), 422);
    return after(req, reply, p.data.id, await updateAgendaItem(app.db, req.actor, p.data.itemId, { position: position.data }), 'assembly_page.flash.agenda_saved');
  });

  app.post('/assemblies/:id/agenda/:itemId/remove', async (req, reply) => {
    const p = itemParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    return after(req, reply, p.data.id, await removeAgendaItem(app.db, req.actor, p.data.itemId), 'assembly_page.flash.agenda_saved');
  });

  app.get('/assemblies/:id/roll', async (req, reply) => {
    const id = idOf(req);
    const found = await assemblyFor(app.db, req.actor, id, 'assembly.view_roll');
    if (!found.ok) return refuse(req, found);
    const view = await getAssembly(app.db, req.actor, id);
    if (!view.ok) return refuse(req, view);
    reply.header('cache-control', 'no-store');
    return reply.html(<AssemblyRollPage view={await reply.view()} a={view.assembly} roll={await loadRoll(app.db, id)} />);
  });

  const rulesPage = async (req: FastifyRequest, reply: FastifyReply, unitId: string, form: FormState = emptyForm({}), status = 200) => {
    const unit = await getUnit(app.db, unitId);
    if (!unit) return refuse(req, 'not_found');
    allow(req, reachesUnit(req.actor, unitId, 'staff', 'board'));
    return reply.status(status).html(<AssemblyRulesPage view={await reply.view()} unit={{ id: unit.id, name: unit.name }} rules={await unitRules(app.db, unitId)} form={form} mayEdit={reachesUnit(req.actor, unitId, 'staff')} />);
  };

  const unitOf = (req: FastifyRequest) => {
    const p = unitParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    return p.data.unitId;
  };

  app.get('/assemblies/rules/:unitId', async (req, reply) => rulesPage(req, reply, unitOf(req)));

  app.post('/assemblies/rules/:unitId', async (req, reply) => {
    const unitId = unitOf(req);
    const v = formValues(req.body);
    const share = (x: unknown) => {
      const n = numberFromText(x);
      return typeof n === 'number' ? n / 100 : n;
    };
    const input = {
      noticeDays: numberFromText(v.noticeDays),
      motionDeadlineDays: numberFromText(v.motionDeadlineDays),
      rollCutoffDays: numberFromText(v.rollCutoffDays),
      quorum: share(v.quorum),
      statuteQuorum: share(v.statuteQuorum),
      majority: text(v.majority),
      statuteMajority: text(v.statuteMajority),
      blankVotesCount: v.blankVotesCount === 'on',
      proxiesAllowed: v.proxiesAllowed === 'on',
      proxiesPerHolder: numberFromText(v.proxiesPerHolder),
    };
    const parsed = parseForm(rulesInput, input, req.t);
    if (!parsed.ok) return rulesPage(req, reply, unitId, { values: v, errors: parsed.errors }, 422);
    const result = await setUnitRules(app.db, req.actor, unitId, parsed.data);
    if (!result.ok) return refuse(req, result);
    reply.flash('success', req.t('assembly_page.flash.rules_saved'));
    return reply.redirect(`/assemblies/rules/${unitId}`, 303);
  });
}
