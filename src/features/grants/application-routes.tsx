import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorPersonId, reachesUnit, stewardWorkplaces } from '../../platform/actor.js';
import { fieldError, fieldErrorsFromZod, ProblemError, type FieldError } from '../../platform/errors.js';
import { formValues, mergeFieldErrors } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { invalidInput, pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import { workplaceNames } from '../../kernel/workplaces.js';
import { findEvent } from '../events/index.js';
import { can } from './policy.js';
import { findPool, poolWindow, today, windowOpen, type PoolRow } from './access.js';
import { applicationProblems, createApplication, submitApplication, updateApplication, wrongStatus } from './applications.js';
import { mayApply } from './eligibility.js';
import { money } from './mails.js';
import { loadPoolView } from './pools.js';
import { grantProblem } from './problems.js';
import { applicationDetail, publicPool, type ApplicationDetail } from './queries.js';
import { applicationInput, applicationPatch, reportInput } from './schema.js';
import { fileReport } from './payouts.js';
import { applicationActions } from './application-action-routes.js';
import { applicationFromForm, namedRows, oreToKroner, reportFromForm, rowPath, rowsFromLines } from './pages/application-input.js';
import { ApplicationFormPage } from './pages/application-form.js';
import { ApplicationPage } from './pages/application-detail.js';
import { ReportFormPage } from './pages/report-form.js';
import { PublicPoolPage } from './pages/public-pool.js';
import type { ActiveForm } from './pages/application-parts.js';

const idParams = z.object({ id: z.uuid() });

const idOf = (req: FastifyRequest): string => {
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new ProblemError(404, 'http.not_found');
  return p.data.id;
};

const localeOf = (req: FastifyRequest): Locale => (isLocale(req.locale) ? req.locale : 'da');

const APPLICATION_FIELDS = ['purpose', 'title', 'description', 'activityDate', 'place', 'expectedParticipants', 'requested', 'workplaceId', 'costLines'];

/** A path of the application's schema or use case → the form's field ('' tells it above the form). */
const applicationField = (rows: readonly number[]) => (path: string) => {
  if (path.startsWith('costLines.')) return rowPath(path, rows);
  if (path.startsWith('answers.') || APPLICATION_FIELDS.includes(path)) return path;
  return '';
};

/**
 * The schema's "more than the cost total" carries no total (a schema has no money format); the form
 * says it with the total in the pool's money, as the use case does.
 */
function withTotals(errors: FieldError[], req: FastifyRequest, pool: PoolRow, lines: readonly { amount: unknown }[]): FieldError[] {
  const total = lines.reduce((s: number, l) => s + (typeof l.amount === 'number' ? l.amount : 0), 0);
  return errors.map((e) => (e.code === 'grant.over_cost_total' ? fieldError(req.t, e.path, e.code, { total: money(localeOf(req), total, pool.currency) }) : e));
}

type FormInput = ReturnType<typeof applicationFromForm>;

/**
 * The pool's own rules (the maximum, the cost total, the purposes, the period) on what of the form
 * could be read, so a form with a field the schema refuses still tells every problem in one round;
 * on "Send application" also what sending asks (cost lines, every question answered).
 */
function ruleErrors(req: FastifyRequest, pool: PoolRow, input: FormInput['input'], complete: boolean): FieldError[] {
  const lines = input.costLines.every((l) => typeof l.amount === 'number') ? (input.costLines as { description: string; amount: number }[]) : [];
  const problems = applicationProblems(
    pool,
    {
      purpose: input.purpose || pool.purposes[0],
      requested: typeof input.requested === 'number' ? input.requested : 0,
      costLines: lines,
      activityDate: input.activityDate && /^\d{4}-\d{2}-\d{2}$/.test(input.activityDate) ? input.activityDate : pool.periodStart,
      answers: input.answers,
    },
    { complete },
  );
  return problems.length > 0 ? pageFailure(req, invalidInput(...problems), grantProblem).errors : [];
}

/** What is wrong with a form the schema refused: our kroner, the schema's fields, the pool's rules — one message a field, each on its row. */
function formErrors(req: FastifyRequest, pool: PoolRow, form: FormInput, schemaError: z.ZodError | null, sending: boolean): FieldError[] {
  const field = applicationField(form.rows);
  const schema = schemaError ? withTotals(fieldErrorsFromZod(schemaError, req.t), req, pool, form.input.costLines).map((e) => ({ ...e, path: field(e.path) })) : [];
  return namedRows(mergeFieldErrors(form.kronerErrors, schema, ruleErrors(req, pool, form.input, sending)), req.t, 'costLines');
}

/** A saved application's fields as the form shows them (kroner, cost rows, answers by question). */
function valuesOf(locale: Locale, a: ApplicationDetail): Record<string, unknown> {
  const answers = Object.fromEntries(a.answers.map((q) => [`answers.${q.id}`, q.answer]));
  return {
    purpose: a.purpose,
    title: a.title,
    description: a.description,
    activityDate: a.activityDate,
    place: a.place ?? '',
    expectedParticipants: a.expectedParticipants ?? '',
    requested: oreToKroner(locale, a.requested),
    workplaceId: a.workplaceId ?? '',
    ...rowsFromLines(locale, a.costLines),
    ...answers,
  };
}

/**
 * The applicant's and the reviewers' pages of an application: applying to a pool, changing and
 * sending a draft, the application with its state, decision, payout and files (for reviewers also
 * their comments and the forms to decide and pay out), the report after the activity, and the pool's
 * public page. Each form posts to the same use case as the API and comes back here.
 */
export async function applicationPages(app: FastifyInstance): Promise<void> {
  /** The pool a person applies to; out of sight when it does not exist. Applying is for people logged in. */
  const applyPool = async (req: FastifyRequest): Promise<PoolRow> => {
    if (req.actor.kind !== 'person') refuse(req, 'forbidden');
    const pool = await findPool(app.db, idOf(req));
    if (!pool) return refuse(req, 'not_found');
    return pool;
  };

  /** The workplaces the person may apply to this pool for, as their steward. */
  const workplacesFor = async (req: FastifyRequest, pool: PoolRow, keep: string | null = null) => {
    const me = actorPersonId(req.actor);
    if (!me || !pool.applicantKinds.includes('stewards')) return [];
    const ids: string[] = [];
    for (const id of stewardWorkplaces(req.actor)) if (id === keep || (await mayApply(app.db, pool, me, id))) ids.push(id);
    const names = await workplaceNames(app.db, ids);
    return [...names].map(([id, name]) => ({ id, name }));
  };

  /** Why the person cannot apply now (not for them, or not now), in the pool's words; null: they can. */
  const doorOf = async (req: FastifyRequest, pool: PoolRow): Promise<{ message: string; status: number } | null> => {
    const me = actorPersonId(req.actor)!;
    const failure: Failure<string> | null = !(await mayApply(app.db, pool, me))
      ? { ok: false, reason: 'not_eligible', params: { pool: pool.name } }
      : !windowOpen(pool)
        ? { ok: false, reason: 'window_closed', params: poolWindow(pool) }
        : null;
    if (!failure) return null;
    const { errors, status } = pageFailure(req, failure, grantProblem);
    return { message: errors[0].message, status };
  };

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    pool: PoolRow,
    form: FormState,
    opts: { status?: number; closed?: string | null; applicationId?: string; notice?: string } = {},
  ) => {
    const view = await loadPoolView(app.db, pool);
    const editing = opts.applicationId !== undefined;
    reply.header('cache-control', 'no-store');
    return reply.status(opts.status ?? 200).html(
      <ApplicationFormPage
        view={await reply.view()}
        pool={view}
        form={form}
        action={editing ? `/grants/applications/${opts.applicationId}/edit` : `/grants/pools/${pool.id}/apply`}
        mode={editing ? 'edit' : 'apply'}
        closed={opts.closed ?? null}
        workplaces={await workplacesFor(req, pool, typeof form.values.workplaceId === 'string' ? form.values.workplaceId : null)}
        applicationId={opts.applicationId}
        notice={opts.notice}
      />,
    );
  };

  app.get('/grants/pools/:id/apply', async (req, reply) => {
    const pool = await applyPool(req);
    const door = await doorOf(req, pool);
    if (door) return formPage(req, reply, pool, emptyForm({}), { status: door.status, closed: door.message });
    return formPage(req, reply, pool, emptyForm({}));
  });

  /** Sends the saved draft when asked to; when sending fails, the draft stays saved and its form says why. */
  const sendIfAsked = async (req: FastifyRequest, reply: FastifyReply, pool: PoolRow, id: string, values: Record<string, unknown>, rows: readonly number[]) => {
    if (values.intent !== 'submit') {
      reply.flash('success', req.t('grant_page.application.flash.saved'));
      return reply.redirect(`/grants/applications/${id}`, 303);
    }
    const sent = await submitApplication(app.db, req.actor, id);
    if (!sent.ok) {
      const { errors, status } = pageFailure(req, sent, grantProblem, applicationField(rows));
      return formPage(req, reply, pool, { values, errors: namedRows(errors, req.t, 'costLines') }, { status, applicationId: id, notice: req.t('grant_page.application.saved_not_sent') });
    }
    reply.flash('success', req.t('grant_page.application.flash.submitted'));
    return reply.redirect(`/grants/applications/${id}`, 303);
  };

  app.post('/grants/pools/:id/apply', async (req, reply) => {
    const pool = await applyPool(req);
    const values = formValues(req.body);
    const form = applicationFromForm(values, pool.questions, req.t);
    const { rows } = form;
    const parsed = applicationInput.safeParse(form.input);
    if (!parsed.success || form.kronerErrors.length > 0) {
      const door = await doorOf(req, pool);
      if (door) return formPage(req, reply, pool, emptyForm({}), { status: door.status, closed: door.message });
      return formPage(req, reply, pool, { values, errors: formErrors(req, pool, form, parsed.success ? null : parsed.error, values.intent === 'submit') }, { status: 422 });
    }
    const made = await createApplication(app.db, req.actor, pool.id, parsed.data);
    if (!made.ok) {
      const { errors, status } = pageFailure(req, made, grantProblem, applicationField(rows));
      return formPage(req, reply, pool, { values, errors: namedRows(errors, req.t, 'costLines') }, { status });
    }
    return sendIfAsked(req, reply, pool, made.id, values, rows);
  });

  /** The application as this reader sees it; out of sight is refused the way pages refuse. */
  const detailOf = async (req: FastifyRequest, id: string): Promise<ApplicationDetail> => {
    const found = await applicationDetail(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    return found.application;
  };

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: string, active: ActiveForm = null, status = 200) => {
    const a = await detailOf(req, id);
    const event = a.eventId ? await findEvent(app.db, a.eventId) : undefined;
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(
      <ApplicationPage
        view={await reply.view()}
        a={a}
        reviewer={can(req.actor, 'grant.review', { unitId: a.unitId })}
        active={active}
        today={today()}
        event={event ? { slug: event.slug, manage: reachesUnit(req.actor, a.unitId, 'staff') } : null}
      />,
    );
  };

  app.get('/grants/applications/:id', async (req, reply) => detailPage(req, reply, idOf(req)));

  /**
   * A step the reader may not take in this state (editing a sent application, reporting before the
   * payout): the application's page says why; a step that is not theirs at all is refused.
   */
  const notNow = async (req: FastifyRequest, reply: FastifyReply, a: ApplicationDetail, theirs: boolean) => {
    if (!theirs) return refuse(req, 'forbidden');
    const { errors, status } = pageFailure(req, wrongStatus(a.status), grantProblem, () => '');
    return detailPage(req, reply, a.id, { key: 'status', state: { values: {}, errors } }, status);
  };

  const editable = async (req: FastifyRequest, reply: FastifyReply, id: string) => {
    const a = await detailOf(req, id);
    if (a.abilities.edit) return { a, pool: (await findPool(app.db, a.poolId))! };
    await notNow(req, reply, a, actorPersonId(req.actor) === a.applicantId);
    return null;
  };

  app.get('/grants/applications/:id/edit', async (req, reply) => {
    const found = await editable(req, reply, idOf(req));
    if (!found) return reply;
    return formPage(req, reply, found.pool, emptyForm(valuesOf(localeOf(req), found.a)), { applicationId: found.a.id });
  });

  app.post('/grants/applications/:id/edit', async (req, reply) => {
    const found = await editable(req, reply, idOf(req));
    if (!found) return reply;
    const { a, pool } = found;
    const values = formValues(req.body);
    const form = applicationFromForm(values, pool.questions, req.t);
    const { rows } = form;
    const parsed = applicationPatch.safeParse(form.input);
    if (!parsed.success || form.kronerErrors.length > 0) {
      return formPage(req, reply, pool, { values, errors: formErrors(req, pool, form, parsed.success ? null : parsed.error, values.intent === 'submit') }, { status: 422, applicationId: a.id });
    }
    const saved = await updateApplication(app.db, req.actor, a.id, parsed.data);
    if (!saved.ok) {
      const { errors, status } = pageFailure(req, saved, grantProblem, applicationField(rows));
      return formPage(req, reply, pool, { values, errors: namedRows(errors, req.t, 'costLines') }, { status, applicationId: a.id });
    }
    return sendIfAsked(req, reply, pool, a.id, values, rows);
  });

  // --- the report ---

  const reportable = async (req: FastifyRequest, reply: FastifyReply, id: string) => {
    const a = await detailOf(req, id);
    if (a.abilities.report) return a;
    const me = actorPersonId(req.actor);
    const theirs = me === a.applicantId || a.coApplicants.some((c) => c.id === me) || reachesUnit(req.actor, a.unitId, 'staff');
    await notNow(req, reply, a, theirs);
    return null;
  };

  const reportPage = async (reply: FastifyReply, a: ApplicationDetail, form: FormState, status = 200) => {
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<ReportFormPage view={await reply.view()} a={a} form={form} />);
  };

  const reportField = (rows: readonly number[]) => (path: string) => (path.startsWith('actualCosts') ? rowPath(path, rows, 'actualCosts') : ['summary', 'participants'].includes(path) ? path : '');

  app.get('/grants/applications/:id/report', async (req, reply) => {
    const a = await reportable(req, reply, idOf(req));
    if (!a) return reply;
    const lines = a.actualCostLines.length > 0 ? a.actualCostLines : a.costLines;
    const participants = a.reportParticipants ?? a.eventAttendance ?? a.expectedParticipants;
    return reportPage(reply, a, emptyForm({ summary: a.reportSummary ?? '', participants: participants ?? '', ...rowsFromLines(localeOf(req), lines, 'actualCosts') }));
  });

  app.post('/grants/applications/:id/report', async (req, reply) => {
    const a = await reportable(req, reply, idOf(req));
    if (!a) return reply;
    const values = formValues(req.body);
    const { input, rows, kronerErrors } = reportFromForm(values, req.t);
    const parsed = reportInput.safeParse(input);
    if (!parsed.success || kronerErrors.length > 0) {
      const schemaErrors = parsed.success ? [] : fieldErrorsFromZod(parsed.error, req.t).map((e) => ({ ...e, path: reportField(rows)(e.path) }));
      return reportPage(reply, a, { values, errors: namedRows(mergeFieldErrors(kronerErrors, schemaErrors), req.t, 'actualCosts') }, 422);
    }
    const filed = await fileReport(app.db, req.actor, a.id, parsed.data);
    if (!filed.ok) {
      const { errors, status } = pageFailure(req, filed, grantProblem, reportField(rows));
      return reportPage(reply, a, { values, errors: namedRows(errors, req.t, 'actualCosts') }, status);
    }
    reply.flash('success', req.t('grant_page.application.flash.reported'));
    return reply.redirect(`/grants/applications/${a.id}`, 303);
  });

  // --- the pool's public page ---

  app.get('/grants/public/:id', async (req, reply) => {
    const found = await publicPool(app.db, req.actor, idOf(req));
    if (!found.ok) return refuse(req, found, { visitorsSeeNotFound: true });
    return reply.html(<PublicPoolPage view={await reply.view()} pool={found.pool} activities={found.activities} />);
  });

  applicationActions(app, detailPage);
}
