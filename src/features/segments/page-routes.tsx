import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reachesUnit } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { listUnits } from '../../kernel/units.js';
import { can } from './policy.js';
import { listSegments, loadSegmentFor, type Segment } from './access.js';
import { refuse } from '../../platform/outcomes.js';
import { countFilter, countSegment, previewFilter, previewSegment } from './audience.js';
import { createSegment, deleteSegment, segmentInUse, updateSegment, type SegmentResult } from './segments.js';
import { describeFilter, namesFor } from './describe.js';
import { builderOptions } from './page-queries.js';
import { filterFromForm, fitsTheForm, formValuesOf, parseSegmentForm, problemsToFormErrors, type SegmentForm } from './page-form.js';
import type { SegmentFilter } from './filter.js';
import { SegmentListPage } from './pages/list.js';
import { SegmentFormPage, type BuilderResult } from './pages/form.js';
import { DeleteSegmentPage, SegmentPage } from './pages/detail.js';
import { LiveCount } from './pages/parts.js';
import { formValues } from '../../platform/http/forms.js';

const chosenIds = (values: Record<string, unknown>): string[] =>
  Object.entries(values)
    .filter(([k]) => k.startsWith('c.') || k.startsWith('x.'))
    .flatMap(([, v]) => (Array.isArray(v) ? v.map(String) : [String(v)]));

/**
 * The segment pages: the list, the builder (new and edit; a plain form whose "show count" button
 * re-renders it with the count and the first recipients, and whose every change asks `/segments/count`
 * for the live count when htmx runs), one segment with its count and recipients, and deleting with a
 * confirmation step. Each action calls the same use case as the API.
 */
export async function segmentPages(app: FastifyInstance): Promise<void> {
  // Segments are reached from the mailings page ("Udsendelser"), which keeps the staff menu on one row.

  const builder = async (
    req: FastifyRequest,
    reply: FastifyReply,
    page: { action: string; title: string; cancelHref: string },
    form: FormState,
    opts: { result?: BuilderResult | null; fits?: boolean; status?: number } = {},
  ) => {
    const staffUnits = (await listUnits(app.db)).filter((u) => reachesUnit(req.actor, u.id, 'staff'));
    const values = form.values as Record<string, unknown>;
    const unitId = typeof values.unitId === 'string' && values.unitId ? values.unitId : (staffUnits[0]?.id ?? null);
    const options = await builderOptions(app.db, req.actor, unitId, chosenIds(values));
    // The count is there from the start (a new segment is every active member of the unit), so the live region only changes it.
    let count = opts.result?.count ?? null;
    if (count === null && form.errors.length === 0 && unitId) {
      const counted = await countFilter(app.db, req.actor, unitId, filterFromForm(values));
      if (counted.ok) count = counted.count;
    }
    return reply
      .header('cache-control', 'no-store')
      .status(opts.status ?? 200)
      .html(<SegmentFormPage view={await reply.view()} {...page} form={form} options={options} staffUnits={staffUnits} count={count} result={opts.result ?? null} fits={opts.fits ?? true} />);
  };

  /** "Vis antal og modtagere" without JavaScript: the form again, with the count and the first recipients. */
  const showCount = async (req: FastifyRequest, reply: FastifyReply, page: Parameters<typeof builder>[2], form: Extract<SegmentForm, { ok: true }>) => {
    const unitId = form.data.unitId!;
    const [count, preview] = [await countFilter(app.db, req.actor, unitId, form.filter), await previewFilter(app.db, req.actor, unitId, form.filter, undefined, req.locale)];
    if (!count.ok || !preview.ok) {
      const failed = !count.ok ? count : preview;
      if (failed.ok) throw new Error('unreachable');
      if (failed.reason !== 'invalid') refuse(req, failed);
      return builder(req, reply, page, { values: form.values, errors: problemsToFormErrors(req.t, failed.errors, form.filter) }, { status: 422 });
    }
    return builder(req, reply, page, { values: form.values, errors: [] }, { result: { count: count.count, preview: preview.items } });
  };

  /** Save or show the count: both buttons post the same form. */
  const submit = async (req: FastifyRequest, reply: FastifyReply, page: Parameters<typeof builder>[2], save: (form: Extract<SegmentForm, { ok: true }>) => Promise<SegmentResult>) => {
    const counting = formValues(req.body).intent === 'preview';
    const form = parseSegmentForm(req, counting ? 'count' : 'save');
    if (!form.ok) return builder(req, reply, page, form, { status: 422 });
    if (counting) return showCount(req, reply, page, form);
    const result = await save(form);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return builder(req, reply, page, { values: form.values, errors: problemsToFormErrors(req.t, result.errors, form.filter) }, { status: 422 });
    }
    reply.flash('success', req.t('segments.flash_saved', { name: result.segment.name }));
    return reply.redirect(`/segments/${result.segment.id}`, 303);
  };

  app.get('/segments', async (req, reply) => {
    allow(req, can(req.actor, 'segment.list'));
    const segments = await listSegments(app.db, req.actor);
    const names = await namesFor(app.db, segments.map((s) => s.filter));
    const items = segments.map((segment) => ({ segment, summary: describeFilter(req.t, segment.filter, names), canUse: can(req.actor, 'segment.use', segment) }));
    return reply.header('cache-control', 'no-store').html(<SegmentListPage view={await reply.view()} items={items} canCreate={can(req.actor, 'segment.create')} />);
  });

  const newPage = (req: FastifyRequest) => ({ action: '/segments/new', title: req.t('segments.new'), cancelHref: '/segments' });

  app.get('/segments/new', async (req, reply) => {
    allow(req, can(req.actor, 'segment.create'));
    return builder(req, reply, newPage(req), emptyForm({ match: 'all' }));
  });

  app.post('/segments/new', async (req, reply) => {
    allow(req, can(req.actor, 'segment.create'));
    return submit(req, reply, newPage(req), (form) => createSegment(app.db, req.actor, form.data));
  });

  // The live count: the builder's fields in, the count (or what to fix) out, into an aria-live region.
  app.post('/segments/count', async (req, reply) => {
    allow(req, can(req.actor, 'segment.create'));
    const view = await reply.view();
    reply.header('cache-control', 'no-store');
    const form = parseSegmentForm(req, 'count');
    if (!form.ok) return reply.html(<LiveCount view={view} count={null} problem={form.errors[0]?.message} />);
    const result = await countFilter(app.db, req.actor, form.data.unitId!, form.filter);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return reply.html(<LiveCount view={view} count={null} problem={problemsToFormErrors(req.t, result.errors, form.filter)[0]?.message} />);
    }
    return reply.html(<LiveCount view={view} count={result.count} />);
  });

  const summaryOf = async (req: FastifyRequest, filter: SegmentFilter) => describeFilter(req.t, filter, await namesFor(app.db, [filter]));

  app.get<{ Params: { id: string } }>('/segments/:id', async (req, reply) => {
    const found = await loadSegmentFor(app.db, req.actor, req.params.id, 'view');
    if (!found.ok) refuse(req, found);
    const segment = found.segment;
    const count = await countSegment(app.db, req.actor, segment.id);
    if (!count.ok) refuse(req, count);
    const canUse = can(req.actor, 'segment.use', segment);
    const preview = canUse ? await previewSegment(app.db, req.actor, segment.id, undefined, req.locale) : null;
    return reply
      .header('cache-control', 'no-store')
      .html(<SegmentPage view={await reply.view()} segment={segment} summary={await summaryOf(req, segment.filter)} count={count.count} preview={preview?.ok ? preview.items : null} canUse={canUse} />);
  });

  const editPage = (req: FastifyRequest, segment: Segment) => ({ action: `/segments/${segment.id}/edit`, title: req.t('segments.edit_title', { name: segment.name }), cancelHref: `/segments/${segment.id}` });

  app.get<{ Params: { id: string } }>('/segments/:id/edit', async (req, reply) => {
    const found = await loadSegmentFor(app.db, req.actor, req.params.id, 'use');
    if (!found.ok) refuse(req, found);
    return builder(req, reply, editPage(req, found.segment), emptyForm(formValuesOf(found.segment)), { fits: fitsTheForm(found.segment.filter) });
  });

  app.post<{ Params: { id: string } }>('/segments/:id/edit', async (req, reply) => {
    const found = await loadSegmentFor(app.db, req.actor, req.params.id, 'use');
    if (!found.ok) refuse(req, found);
    return submit(req, reply, editPage(req, found.segment), (form) => updateSegment(app.db, req.actor, found.segment.id, { name: form.data.name, unitId: form.data.unitId, filter: form.data.filter }));
  });

  app.get<{ Params: { id: string } }>('/segments/:id/delete', async (req, reply) => {
    const found = await loadSegmentFor(app.db, req.actor, req.params.id, 'use');
    if (!found.ok) refuse(req, found);
    const inUse = await segmentInUse(app.db, found.segment.id);
    return reply.header('cache-control', 'no-store').html(<DeleteSegmentPage view={await reply.view()} segment={found.segment} summary={await summaryOf(req, found.segment.filter)} inUse={inUse} />);
  });

  app.post<{ Params: { id: string } }>('/segments/:id/delete', async (req, reply) => {
    const result = await deleteSegment(app.db, req.actor, req.params.id);
    if (!result.ok) {
      if (result.reason !== 'in_use') refuse(req, result);
      const found = await loadSegmentFor(app.db, req.actor, req.params.id, 'use');
      if (!found.ok) refuse(req, found);
      return reply.status(409).html(<DeleteSegmentPage view={await reply.view()} segment={found.segment} summary={await summaryOf(req, found.segment.filter)} inUse />);
    }
    reply.flash('success', req.t('segments.flash_deleted'));
    return reply.redirect('/segments', 303);
  });
}
