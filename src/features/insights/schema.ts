import { z } from 'zod';
import { blankIsAbsent } from '../../platform/http/forms.js';
import { isCalendarDate } from '../../kernel/person-fields.js';

/** The dashboard's figures, by the name the API and the CSV downloads use. */
export const figureNames = ['members', 'flows', 'leave-reasons', 'retention', 'coverage', 'events', 'workplace-meetings', 'grants', 'surveys', 'mailings'] as const;
export type FigureName = (typeof figureNames)[number];

export const isFigureName = (v: unknown): v is FigureName => typeof v === 'string' && (figureNames as readonly string[]).includes(v);

const day = z
  .string()
  .max(10)
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v) && v >= '1900-01-01', 'validation.invalid_date')
  .meta({ format: 'date' });

/** `?unit=&from=&to=` of the dashboard, a figure and its CSV; blank means "not given". */
export const rangeQuery = z
  .object({
    unit: blankIsAbsent(z.uuid('insights.unit_unknown')),
    from: blankIsAbsent(day),
    to: blankIsAbsent(day),
    /** Retention cohorts by month or by year (the retention figure only). */
    grain: blankIsAbsent(z.enum(['month', 'year'])),
  })
  .strict();
export type RangeQuery = z.output<typeof rangeQuery>;

/** `?year=&unit=` of the board pack. */
export const packQuery = z
  .object({
    year: blankIsAbsent(z.coerce.number().int().min(1900).max(2999)),
    unit: blankIsAbsent(z.uuid('insights.unit_unknown')),
  })
  .strict();

export const figureParams = z.object({ figure: z.string().max(40) });
