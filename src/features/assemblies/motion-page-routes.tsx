import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorPersonId } from '../../platform/actor.js';
import { fieldError, fieldErrorsFromZod, ProblemError, type FieldError } from '../../platform/errors.js';
import { formValues, mergeFieldErrors, numberFromText } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import { assemblyFor, type AssemblyRow } from './access.js';
import { admitAmendment, refuseAmendment, submitAmendment, withdrawAmendment } from './amendments.js';
import { can } from './policy.js';
import { motionProblem } from './motion-answers.js';
import { confirmCosignature, rollMembersByNumber } from './motion-cosigners.js';
import { listMotions, loadMotionDetail, motionFor, motionIdOfAmendment, seesAllMotions, type MotionDetail } from './motion-queries.js';
import { admitMotion, referMotion, refuseMotion, setBoardRecommendation, submitMotion, withdrawMotion } from './motions.js';
import { amendmentInput, motionInput, recommendationInput, refusalInput } from './motion-schema.js';
import { MotionListPage } from './pages/motion-list.js';
import { MotionFormPage, type MotionFormClosed } from './pages/motion-form.js';
import { MotionDetailPage } from './pages/motion-detail.js';
import { MotionChairPage } from './pages/motion-chair.js';
import { motionApi } from './motions-api.js';
import type { ActiveForm } from './pages/motion-parts.js';
import type { MotionAbilities } from './pages/motion-staff-forms.js';

const idParams = z.object({ id: z.uuid() });
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** Member numbers as typed: separated by spaces, commas or semicolons. */
const numbersIn = (v: unknown) => text(v).split(/[\s,;]+/).filter(Boolean);

/** The use case's paths → the motion form's field names; a path with no field of its own is told above the form. */
function motionFormField(path: string): string {
  if (path.startsWith('cosignerIds')) return 'cosigners';
  if (path === 'submitterId') return 'submitter';
  return ['title', 'body', 'reasoning', 'voteKind', 'lateReason'].includes(path) ? path : '';
}

/**
 * A failure as errors on a page: refusals end the request the way pages refuse; the rest are told
 * by the form, on its field when it has one (`fieldOf`), else above it.
 */
const pageErrors = (req: FastifyRequest, failure: Failure<string>, fieldOf: (path: string) => string) => pageFailure(req, failure, motionProblem, fieldOf);

const idOf = (req: FastifyRequest) => {
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new ProblemError(404, 'http.not_found');
  return p.data.id;
};

/** What the reader may do on the motion's page. */
function abilities(req: FastifyRequest, a: AssemblyRow, m: MotionDetail): MotionAbilities {
  const actor = req.actor;
  const me = actorPersonId(actor);
  const manage = can(actor, 'assembly.manage', a);
  const run = can(actor, 'assembly.run', a);
  const open = a.status === 'notice_sent' || a.status === 'in_session';
  const pending = m.state === 'submitted' || m.state === 'admitted';
  return {
    me,
    manage,
    run,
    open,
    motionAdmitted: m.state === 'admitted',
    admit: manage && open && m.state === 'submitted',
    refuse: manage && open && m.state === 'submitted',
    recommend: can(req.actor, 'assembly.recommend', a) && open && pending,
    withdraw: open && pending && (run || (me !== null && m.submittedById === me && a.status === 'notice_sent')),
    refer: run && a.status === 'in_session' && m.state === 'admitted',
    cosign: open && pending && m.cosigners.some((c) => c.personId === me && !c.confirmed),
    amend: open && m.state === 'admitted' && (manage || can(actor, 'assembly.participate', a)),
    chairView: seesAllMotions(actor, a),
  };
}

/**
 * The motions' pages: the assembly's motions, submitting one, one motion with its amendments and
 * the actions on it (co-signing, staff's admit, refuse and recommendation, the chair's refer and
 * withdraw, amendments proposed and decided), and the chair's view with the voting order and the
 * amended text. Each action posts a form to the same use case as the API, then redirects back.
 */
export async function motionPages(app: FastifyInstance): Promise<void> {
  const assemblyOf = async (req: FastifyRequest, id: string) => {
    const found = await assemblyFor(app.db, req.actor, id, 'assembly.view');
    if (!found.ok) return refuse(req, found);
    return found.assembly;
  };

  app.get('/assemblies/:id/motions', async (req, reply) => {
    const a = await assemblyOf(req, idOf(req));
    const maySubmit = (can(req.actor, 'assembly.manage', a) || can(req.actor, 'assembly.participate', a)) && (a.status === 'notice_sent' || a.status === 'in_session');
    reply.header('cache-control', 'no-store');
    return reply.html(<MotionListPage view={await reply.view()} a={a} motions={await listMotions(app.db, req.actor, a)} maySubmit={maySubmit} />);
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, a: AssemblyRow, form: FormState, status = 200) => {
    const staff = can(req.actor, 'assembly.manage', a);
    if (!staff && !can(req.actor, 'assembly.participate', a)) return refuse(req, 'forbidden');
    const closed: MotionFormClosed =
      a.status === 'draft' ? 'notice_not_sent' : a.status !== 'notice_sent' && a.status !== 'in_session' ? 'closed' : !staff && Date.now() > a.motionDeadline.getTime() ? 'after_deadline' : null;
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<MotionFormPage view={await reply.view()} a={a} form={form} staff={staff} closed={closed} />);
  };

  app.get('/assemblies/:id/motions/new', async (req, reply) => formPage(req, reply, await assemblyOf(req, idOf(req)), emptyForm({})));

  app.post('/assemblies/:id/motions/new', async (req, reply) => {
    const a = await assemblyOf(req, idOf(req));
    if (!can(req.actor, 'assembly.manage', a) && !can(req.actor, 'assembly.participate', a)) return refuse(req, 'forbidden');
    const values = formValues(req.body);
    const cosignerNumbers = numbersIn(values.cosigners);
    const submitterNumber = text(values.submitter);
    const known = await rollMembersByNumber(app.db, a.id, submitterNumber ? [...cosignerNumbers, submitterNumber] : cosignerNumbers);
    const errors: FieldError[] = [];
    const unknownCosigners = cosignerNumbers.filter((n) => known.unknown.includes(n));
    if (unknownCosigners.length > 0) errors.push(fieldError(req.t, 'cosigners', 'motion.cosigner_unknown', { numbers: unknownCosigners.join(', ') }));
    if (submitterNumber && known.unknown.includes(submitterNumber)) errors.push(fieldError(req.t, 'submitter', 'motion.submitter_unknown', { number: submitterNumber }));
    const input = {
      title: text(values.title),
      body: text(values.body),
      reasoning: text(values.reasoning),
      voteKind: text(values.voteKind) || 'ordinary',
      cosignerIds: cosignerNumbers.map((n) => known.ids.get(n)).filter((id): id is string => id !== undefined),
      submitterId: submitterNumber ? (known.ids.get(submitterNumber) ?? null) : null,
      lateReason: text(values.lateReason),
    };
    const parsed = motionInput.safeParse(input);
    if (!parsed.success) errors.push(...fieldErrorsFromZod(parsed.error, req.t).map((e) => ({ ...e, path: motionFormField(e.path) })));
    if (errors.length > 0 || !parsed.success) return formPage(req, reply, a, { values, errors: mergeFieldErrors(errors) }, 422);
    const result = await submitMotion(app.db, req.actor, a.id, parsed.data);
    if (!result.ok) {
      const { errors: shown, status } = pageErrors(req, result, motionFormField);
      return formPage(req, reply, a, { values, errors: shown }, status);
    }
    reply.flash('success', req.t(result.motion.state === 'admitted' ? 'motion_page.flash.admitted_late' : 'motion_page.flash.submitted', { number: result.motion.number }));
    return reply.redirect(`/motions/${result.motion.id}`, 303);
  });

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, motionId: string, active: ActiveForm = null, status = 200) => {
    const found = await motionFor(app.db, req.actor, motionId);
    if (!found.ok) return refuse(req, found);
    const m = (await loadMotionDetail(app.db, req.actor, found.assembly, motionId))!;
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<MotionDetailPage view={await reply.view()} a={found.assembly} m={m} may={abilities(req, found.assembly, m)} active={active} />);
  };

  app.get('/motions/:id', async (req, reply) => detailPage(req, reply, idOf(req)));

  app.get('/motions/:id/chair', async (req, reply) => {
    const id = idOf(req);
    const found = await motionFor(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    if (!seesAllMotions(req.actor, found.assembly)) return refuse(req, 'forbidden');
    const m = (await loadMotionDetail(app.db, req.actor, found.assembly, id))!;
    reply.header('cache-control', 'no-store');
    return reply.html(<MotionChairPage view={await reply.view()} a={found.assembly} m={m} />);
  });

  /** After an action: back to the motion with a message, or its page with the errors on the form it came from. */
  const after = async (req: FastifyRequest, reply: FastifyReply, motionId: string, key: string, result: { ok: true } | Failure<string>, flash: string, fields: readonly string[] = []) => {
    if (result.ok) {
      reply.flash('success', req.t(flash));
      return reply.redirect(`/motions/${motionId}`, 303);
    }
    const { errors, status } = pageErrors(req, result, (p) => (fields.includes(p) ? p : ''));
    return detailPage(req, reply, motionId, { key, state: { values: formValues(req.body), errors } }, status);
  };

  /** A form's own schema errors: the page again with them on the form's fields. */
  const invalidForm = (req: FastifyRequest, reply: FastifyReply, motionId: string, key: string, error: z.ZodError) =>
    detailPage(req, reply, motionId, { key, state: { values: formValues(req.body), errors: fieldErrorsFromZod(error, req.t) } }, 422);

  app.post('/motions/:id/cosign', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'cosign', await confirmCosignature(app.db, req.actor, id), 'motion_page.flash.cosigned');
  });

  app.post('/motions/:id/admit', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'admit', await admitMotion(app.db, req.actor, id), 'motion_page.flash.admitted');
  });

  app.post('/motions/:id/refuse', async (req, reply) => {
    const id = idOf(req);
    const parsed = refusalInput.safeParse({ reason: text(formValues(req.body).reason) });
    if (!parsed.success) {
      // Whether the reader may refuse at all comes before what they typed.
      const found = await motionFor(app.db, req.actor, id);
      if (!found.ok) return refuse(req, found);
      if (!can(req.actor, 'assembly.manage', found.assembly)) return refuse(req, 'forbidden');
      return invalidForm(req, reply, id, 'refuse', parsed.error);
    }
    return after(req, reply, id, 'refuse', await refuseMotion(app.db, req.actor, id, parsed.data), 'motion_page.flash.refused', ['reason']);
  });

  app.post('/motions/:id/recommendation', async (req, reply) => {
    const id = idOf(req);
    const parsed = recommendationInput.safeParse({ recommendation: text(formValues(req.body).recommendation) });
    if (!parsed.success) {
      const found = await motionFor(app.db, req.actor, id);
      if (!found.ok) return refuse(req, found);
      if (!can(req.actor, 'assembly.manage', found.assembly)) return refuse(req, 'forbidden');
      return invalidForm(req, reply, id, 'recommendation', parsed.error);
    }
    return after(req, reply, id, 'recommendation', await setBoardRecommendation(app.db, req.actor, id, parsed.data), 'motion_page.flash.recommendation_saved', ['recommendation']);
  });

  app.post('/motions/:id/withdraw', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'withdraw', await withdrawMotion(app.db, req.actor, id), 'motion_page.flash.withdrawn');
  });

  app.post('/motions/:id/refer', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'refer', await referMotion(app.db, req.actor, id), 'motion_page.flash.referred');
  });

  app.post('/motions/:id/amendments', async (req, reply) => {
    const id = idOf(req);
    const v = formValues(req.body);
    const parsed = amendmentInput.safeParse({ fromLine: numberFromText(v.fromLine), toLine: numberFromText(v.toLine), replacement: text(v.replacement), reasoning: text(v.reasoning) });
    if (!parsed.success) {
      const found = await motionFor(app.db, req.actor, id);
      if (!found.ok) return refuse(req, found);
      if (!can(req.actor, 'assembly.manage', found.assembly) && !can(req.actor, 'assembly.participate', found.assembly)) return refuse(req, 'forbidden');
      return invalidForm(req, reply, id, 'amend', parsed.error);
    }
    const result = await submitAmendment(app.db, req.actor, id, parsed.data);
    return after(req, reply, id, 'amend', result, 'motion_page.flash.amendment_submitted', ['fromLine', 'toLine', 'replacement', 'reasoning']);
  });

  const motionOfAmendment = async (req: FastifyRequest) => {
    const amendmentId = idOf(req);
    const motionId = await motionIdOfAmendment(app.db, amendmentId);
    if (!motionId) return refuse(req, 'not_found');
    return { amendmentId, motionId };
  };

  app.post('/amendments/:id/admit', async (req, reply) => {
    const { amendmentId, motionId } = await motionOfAmendment(req);
    return after(req, reply, motionId, `amendment-admit-${amendmentId}`, await admitAmendment(app.db, req.actor, amendmentId), 'motion_page.flash.amendment_admitted');
  });

  app.post('/amendments/:id/refuse', async (req, reply) => {
    const { amendmentId, motionId } = await motionOfAmendment(req);
    const key = `amendment-refuse-${amendmentId}`;
    const parsed = refusalInput.safeParse({ reason: text(formValues(req.body).reason) });
    if (!parsed.success) {
      const found = await motionFor(app.db, req.actor, motionId);
      if (!found.ok) return refuse(req, found);
      if (!can(req.actor, 'assembly.manage', found.assembly)) return refuse(req, 'forbidden');
      return invalidForm(req, reply, motionId, key, parsed.error);
    }
    return after(req, reply, motionId, key, await refuseAmendment(app.db, req.actor, amendmentId, parsed.data), 'motion_page.flash.amendment_refused', ['reason']);
  });

  app.post('/amendments/:id/withdraw', async (req, reply) => {
    const { amendmentId, motionId } = await motionOfAmendment(req);
    return after(req, reply, motionId, `amendment-withdraw-${amendmentId}`, await withdrawAmendment(app.db, req.actor, amendmentId), 'motion_page.flash.amendment_withdrawn');
  });
}

/** The motions' API and pages, as the feature registers them. */
export async function motionRoutes(app: FastifyInstance): Promise<void> {
  await app.register(motionApi);
  await app.register(motionPages);
}
