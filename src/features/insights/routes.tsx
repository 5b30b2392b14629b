import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, type FieldError } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/http/downloads.js';
import { parseForm } from '../../platform/http/forms.js';
import type { View } from '../../platform/html/view.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { forbidden, pageFailure, problemFor, refuse, type Failure } from '../../platform/outcomes.js';
import { organisationToday } from '../../kernel/person-fields.js';
import { listUnitsCached } from '../../kernel/units.js';
import { computeFigure, type FigureTable } from './figures.js';
import { figureCsv } from './format.js';
import { packPdf } from './pack-pdf.js';
import { DashboardPage } from './pages/dashboard.js';
import { PackPage } from './pages/pack.js';
import { insightT } from './labels.js';
import { can } from './policy.js';
import { choosableUnits, defaultGrain, defaultRange, resolveRange, type ResolvedRange } from './range.js';
import { figureNames, packQuery, rangeQuery, type FigureName } from './schema.js';

const localeOf = (req: FastifyRequest): Locale => (isLocale(req.locale) ? req.locale : 'da');

/** The insights' failures as problem+json: only refusals and invalid input. */
export const insightProblem = (req: FastifyRequest, failure: Failure<string>) => problemFor(req, failure, {}, insightT(req.t));

/** The filter's own fields from a query string, blank ones dropped (a select's "all"). */
function rangeInput(query: unknown): Record<string, string> {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (typeof v === 'string' && v !== '') out[k] = v;
  return out;
}

const queryString = (r: ResolvedRange): string => {
  const p = new URLSearchParams({ ...(r.unitId ? { unit: r.unitId } : {}), from: r.from, to: r.to, grain: r.grain });
  return `?${p.toString()}`;
};

/** Every figure of a range, computed side by side (each is one or two statements). */
export async function allFigures(app: FastifyInstance, view: View, range: ResolvedRange, names: readonly FigureName[] = figureNames): Promise<FigureTable[]> {
  const ctx = { db: app.db, range, t: view.t, locale: view.locale, defaultLocale: view.org.defaultLocale };
  return Promise.all(names.map((n) => computeFigure(n, ctx)));
}

/**
 * The dashboard, each figure's CSV, and the board pack as a printable page and as a PDF. Staff and
 * board only; a visitor logs in first. A range the reader may not ask for is refused before anything
 * is computed: the page shows the form with the errors, a download answers problem+json.
 */
export async function insightPages(app: FastifyInstance): Promise<void> {
  /** The range a request asks for, or the errors and status that refuse it. */
  const rangeOf = async (req: FastifyRequest): Promise<{ ok: true; range: ResolvedRange } | { ok: false; errors: FieldError[]; status: number }> => {
    if (!can(req.actor, 'insights.view')) return refuse(req, forbidden);
    const parsed = parseForm(rangeQuery, rangeInput(req.query), insightT(req.t));
    if (!parsed.ok) return { ok: false, errors: parsed.errors, status: 422 };
    const resolved = await resolveRange(app.db, req.actor, parsed.data);
    if (!resolved.ok) return { ok: false, ...pageFailure(req, resolved, insightProblem) };
    return resolved;
  };

  app.get('/insights', async (req, reply) => {
    const found = await rangeOf(req);
    const view = await reply.view();
    const units = await choosableUnits(app.db, req.actor);
    const given = rangeInput(req.query);
    const fallback = defaultRange();
    const figures = found.ok ? await allFigures(app, view, found.range) : [];
    const filter = found.ok
      ? { unit: found.range.unitId ?? '', from: found.range.from, to: found.range.to, grain: found.range.grain }
      : { unit: given.unit ?? '', from: given.from ?? fallback.from, to: given.to ?? fallback.to, grain: given.grain ?? defaultGrain(given.from ?? fallback.from, given.to ?? fallback.to) };
    reply.header('cache-control', 'no-store');
    return reply
      .status(found.ok ? 200 : found.status)
      .html(
        <DashboardPage
          view={view}
          units={units}
          allLabel={view.t('insights.all_units')}
          filter={filter}
          errors={found.ok ? [] : found.errors}
          figures={figures}
          query={found.ok ? queryString(found.range) : ''}
          packYear={Number((found.ok ? found.range.to : organisationToday()).slice(0, 4))}
        />,
      );
  });

  const csv = async (req: FastifyRequest, reply: FastifyReply, name: FigureName) => {
    const found = await rangeOf(req);
    if (!found.ok) throw new ProblemError(found.status, 'validation.failed', found.errors);
    const view = await reply.view();
    const [table] = await allFigures(app, view, found.range, [name]);
    const filename = `${name}-${found.range.from}-${found.range.to}.csv`;
    reply.header('cache-control', 'no-store');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', contentDisposition('attachment', filename)).send(figureCsv(table, localeOf(req)));
  };
  for (const name of figureNames) app.get(`/insights/${name}.csv`, (req, reply) => csv(req, reply, name));

  /** The pack's year and unit as a range: the whole calendar year, or up to today in the current one. */
  const packOf = async (req: FastifyRequest) => {
    if (!can(req.actor, 'insights.view')) return refuse(req, forbidden);
    const parsed = parseForm(packQuery, rangeInput(req.query), insightT(req.t));
    const today = organisationToday();
    if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
    const year = parsed.data.year ?? Number(today.slice(0, 4));
    const to = `${year}-12-31` < today ? `${year}-12-31` : today;
    const resolved = await resolveRange(app.db, req.actor, { unit: parsed.data.unit, from: `${year}-01-01`, to, grain: 'month' });
    if (!resolved.ok) return { ok: false as const, errors: pageFailure(req, resolved, insightProblem).errors };
    const units = await listUnitsCached(app.db);
    const unitName = resolved.range.unitId ? (units.find((u) => u.id === resolved.range.unitId)?.name ?? '') : req.t('insights.all_units');
    return { ok: true as const, year, range: resolved.range, unitName };
  };

  app.get('/insights/pack', async (req, reply) => {
    const pack = await packOf(req);
    if (!pack.ok) throw new ProblemError(422, 'validation.failed', pack.errors);
    const view = await reply.view();
    const figures = await allFigures(app, view, pack.range);
    const pdfHref = `/insights/pack.pdf?year=${pack.year}${pack.range.unitId ? `&unit=${pack.range.unitId}` : ''}`;
    reply.header('cache-control', 'no-store');
    return reply.html(<PackPage view={view} year={pack.year} unitName={pack.unitName} from={pack.range.from} to={pack.range.to} figures={figures} now={new Date()} pdfHref={pdfHref} />);
  });

  app.get('/insights/pack.pdf', async (req, reply) => {
    const pack = await packOf(req);
    if (!pack.ok) throw new ProblemError(422, 'validation.failed', pack.errors);
    const view = await reply.view();
    const figures = await allFigures(app, view, pack.range);
    const pdf = await packPdf({ organisation: view.org.name, year: pack.year, unitName: pack.unitName, from: pack.range.from, to: pack.range.to, figures, locale: view.locale, t: view.t, now: new Date() });
    reply.header('cache-control', 'no-store');
    return reply.type('application/pdf').header('content-disposition', contentDisposition('attachment', `board-pack-${pack.year}.pdf`)).send(pdf);
  });
}
