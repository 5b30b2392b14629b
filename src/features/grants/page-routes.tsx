import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorPersonId, unitScope } from '../../platform/actor.js';
import { ProblemError } from '../../platform/errors.js';
import { allow } from '../../platform/http/guard.js';
import { formValues, mergeFieldErrors, parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import { listUnits } from '../../kernel/units.js';
import { can } from './policy.js';
import { poolFor, type PoolRow } from './access.js';
import { budgetHistory, createPool, getPool, listPools, updatePool } from './pools.js';
import { grantProblem } from './problems.js';
import { exportRows, listApplications, myApplications, openPoolsFor } from './queries.js';
import { grantsCsv } from './export-csv.js';
import { idParams, poolInput, poolPatch } from './schema.js';
import { newPoolValues, poolFormField, poolFromForm, poolValues, withPoolLabels } from './pages/pool-input.js';
import { PoolListPage } from './pages/pool-list.js';
import { PoolFormPage, type PoolFormTarget } from './pages/pool-form.js';
import { PoolDetailPage } from './pages/pool-detail.js';

const idOf = (req: FastifyRequest): string => {
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new ProblemError(404, 'http.not_found');
  return p.data.id;
};

const localeOf = (req: FastifyRequest): Locale => (isLocale(req.locale) ? req.locale : 'da');

/** A use case's failure on the pool form: refusals end the request; the rest name the form's fields, in its own words. */
const formFailure = (req: FastifyRequest, failure: Failure<string>) => {
  const { errors, status } = pageFailure(req, failure, grantProblem, poolFormField);
  return { errors: withPoolLabels(req.t, errors), status };
};

/**
 * The pools' pages for those who run them, and the feature's start page: the pools one reviews, can
 * apply to, and one's own applications; opening a pool; a pool with its budget at a glance, its
 * queue, its overdue reports and its budget's history; changing it; the bookkeeper's CSV. The
 * applications' own pages (applying, deciding, paying, reporting) and the public page are
 * application-routes.tsx.
 */
export async function grantPages(app: FastifyInstance): Promise<void> {
  /** The units the reader's staff grant reaches (with the units below), in the tree's order. */
  const staffUnits = async (req: FastifyRequest) => {
    const scope = unitScope(req.actor, 'staff');
    const reached = (await listUnits(app.db)).filter((u) => scope === 'all' || scope.has(u.id));
    // Indented from the highest unit offered: a district's staff see their district flush left.
    const top = Math.min(...reached.map((u) => u.depth));
    return reached.map((u) => ({ id: u.id, name: `${'— '.repeat(u.depth - top)}${u.name}` }));
  };

  app.get('/grants', async (req, reply) => {
    allow(req, can(req.actor, 'grant.list'));
    const me = actorPersonId(req.actor);
    const reviews = unitScope(req.actor, 'staff', 'board');
    const [reviewed, open, mine] = await Promise.all([
      reviews === 'all' || reviews.size > 0 ? listPools(app.db, req.actor) : Promise.resolve(null),
      openPoolsFor(app.db, req.actor),
      me ? myApplications(app.db, me) : Promise.resolve([]),
    ]);
    reply.header('cache-control', 'no-store');
    return reply.html(<PoolListPage view={await reply.view()} reviewed={reviewed} open={open} mine={mine} mayCreate={can(req.actor, 'grant.pool_create')} />);
  });

  const createForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.status(status).html(<PoolFormPage view={await reply.view()} form={form} units={await staffUnits(req)} />);

  app.get('/grants/pools/new', async (req, reply) => {
    allow(req, can(req.actor, 'grant.pool_create'));
    const units = await staffUnits(req);
    return createForm(req, reply, emptyForm(newPoolValues(units.length === 1 ? units[0].id : undefined)));
  });

  app.post('/grants/pools/new', async (req, reply) => {
    allow(req, can(req.actor, 'grant.pool_create'));
    const values = formValues(req.body);
    const { input, kronerErrors } = poolFromForm(values, req.t, { withUnit: true, withCurrency: true, withReason: false });
    const parsed = parseForm(poolInput, input, req.t);
    if (!parsed.ok || kronerErrors.length > 0) {
      const errors = mergeFieldErrors(kronerErrors, parsed.ok ? [] : parsed.errors);
      return createForm(req, reply, { values, errors: withPoolLabels(req.t, errors) }, 422);
    }
    const result = await createPool(app.db, req.actor, parsed.data);
    if (!result.ok) {
      const { errors, status } = formFailure(req, result);
      return createForm(req, reply, { values, errors }, status);
    }
    reply.flash('success', req.t('grant_page.pool_form.created', { pool: result.pool.name }));
    return reply.redirect(`/grants/pools/${result.pool.id}`, 303);
  });

  app.get('/grants/pools/:id', async (req, reply) => {
    const id = idOf(req);
    const found = await getPool(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    const { pool } = found;
    const subject = { unitId: pool.unitId, public: pool.public };
    // One query for the whole queue; the overdue reports are the ones it marks overdue.
    const [queue, history] = await Promise.all([listApplications(app.db, req.actor, id), budgetHistory(app.db, id)]);
    if (!queue.ok) return refuse(req, queue);
    reply.header('cache-control', 'no-store');
    return reply.html(
      <PoolDetailPage view={await reply.view()} pool={pool} items={queue.items} history={history} can={{ manage: can(req.actor, 'grant.pool_manage', subject), export: can(req.actor, 'grant.export', subject) }} />,
    );
  });

  /** The pool the reader may change, with what the edit form needs of it. */
  const managed = async (req: FastifyRequest, id: string): Promise<{ row: PoolRow; target: PoolFormTarget; values: Record<string, unknown> }> => {
    const found = await poolFor(app.db, req.actor, id, 'grant.pool_manage');
    if (!found.ok) return refuse(req, found);
    const view = await getPool(app.db, req.actor, id);
    if (!view.ok) return refuse(req, view);
    const p = view.pool;
    return {
      row: found.pool,
      target: { id: p.id, name: p.name, unitName: p.unitName, currency: p.currency, granted: p.granted },
      values: poolValues(localeOf(req), p, found.pool),
    };
  };

  const editForm = async (reply: FastifyReply, target: PoolFormTarget, form: FormState, status = 200) =>
    reply.status(status).html(<PoolFormPage view={await reply.view()} form={form} pool={target} />);

  app.get('/grants/pools/:id/edit', async (req, reply) => {
    const { target, values } = await managed(req, idOf(req));
    reply.header('cache-control', 'no-store');
    return editForm(reply, target, emptyForm(values));
  });

  app.post('/grants/pools/:id/edit', async (req, reply) => {
    const id = idOf(req);
    const { row, target } = await managed(req, id);
    const values = formValues(req.body);
    // The currency is fixed once money is granted in it (the form shows it as text then).
    const { input, kronerErrors } = poolFromForm(values, req.t, { withUnit: false, withCurrency: target.granted === 0, withReason: true });
    const parsed = parseForm(poolPatch, input, req.t);
    if (!parsed.ok || kronerErrors.length > 0) {
      const errors = mergeFieldErrors(kronerErrors, parsed.ok ? [] : parsed.errors);
      return editForm(reply, target, { values, errors: withPoolLabels(req.t, errors) }, 422);
    }
    const result = await updatePool(app.db, req.actor, id, parsed.data);
    if (!result.ok) {
      // The budget's refusal names what is granted in the pool's own money.
      const failure = result.reason === 'below_granted' ? { ...result, params: { ...result.params, currency: row.currency } } : result;
      const { errors, status } = formFailure(req, failure);
      return editForm(reply, target, { values, errors }, status);
    }
    reply.flash('success', req.t('grant_page.pool_form.saved'));
    return reply.redirect(`/grants/pools/${id}`, 303);
  });

  app.get('/grants/pools/:id/export.csv', async (req, reply) => {
    const found = await exportRows(app.db, req.actor, idOf(req));
    if (!found.ok) return refuse(req, found);
    // A fixed name of the pool's year and id: no person's name in a file name that lands in Downloads.
    const name = `grants-${found.pool.periodStart.slice(0, 4)}-${found.pool.id.slice(0, 8)}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(grantsCsv(found.rows, req.t));
  });
}
