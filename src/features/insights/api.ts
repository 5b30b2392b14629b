import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError } from '../../platform/errors.js';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { parseForm } from '../../platform/http/forms.js';
import { validationFailed } from '../../platform/http/problems.js';
import { computeFigure } from './figures.js';
import { insightT } from './labels.js';
import { can } from './policy.js';
import { resolveRange } from './range.js';
import { insightProblem } from './routes.js';
import { figureNames, figureParams, isFigureName, rangeQuery } from './schema.js';

const figureOutput = z.looseObject({
  figure: z.enum(figureNames),
  unitId: z.uuid().nullable(),
  from: z.string(),
  to: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});

/**
 * `GET /api/v1/insights/{figure}?unit=&from=&to=`: one figure of the dashboard as JSON, its columns
 * (with their headings in the caller's language) and its rows, the same rows as the CSV download.
 */
export async function insightApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/insights/:figure',
    {
      schema: {
        tags: ['Insights'],
        summary: 'One figure of the dashboard for a unit and a range of days (staff and board of the unit)',
        description: `Figures: ${figureNames.join(', ')}. \`from\`/\`to\` are days (YYYY-MM-DD, default: the twelve months up to today); \`unit\` covers the units below it (default: every unit the caller reaches). Months are counted as of each month's end (the last as of \`to\`), in ${organisationTimeZone}. Shares are 0..1; money is in minor units (øre). \`grain\` (year or month) groups the retention cohorts.`,
        params: figureParams,
        querystring: rangeQuery,
        response: { 200: figureOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema },
      },
      // The query's errors come to the handler, which names the fields as the dashboard does.
      attachValidation: true,
    },
    async (req) => {
      allow(req, req.actor.kind !== 'anonymous');
      allow(req, can(req.actor, 'insights.view'));
      const name = req.params.figure;
      if (!isFigureName(name)) throw new ProblemError(404, 'insights.figure_unknown', [], { figure: name });
      if (req.validationError) {
        const parsed = parseForm(rangeQuery, req.query, insightT(req.t));
        if (!parsed.ok) throw validationFailed(parsed.errors);
      }
      const resolved = await resolveRange(app.db, req.actor, req.query);
      if (!resolved.ok) throw insightProblem(req, resolved);
      const locale = isLocale(req.locale) ? req.locale : 'da';
      const table = await computeFigure(name, { db: app.db, range: resolved.range, t: req.t, locale, defaultLocale: 'da' });
      const { range } = resolved;
      return { ...table, unitId: range.unitId, from: range.from, to: range.to, grain: range.grain, units: range.units };
    },
  );
}
