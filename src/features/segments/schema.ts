import { z } from 'zod';
import { segmentFields, segmentFilter } from './filter.js';

const name = z.string().trim().min(1).max(200);

/**
 * A new segment. Without `unitId` it belongs to the unit the author works for (their one staff unit;
 * the whole organisation for an admin); someone with several must say which.
 */
export const segmentInput = z.strictObject({
  name,
  unitId: z.uuid().optional(),
  filter: segmentFilter,
});
export type SegmentInput = z.output<typeof segmentInput>;

/** A change: any of the three; the filter is replaced whole. */
export const segmentPatch = z.strictObject({
  name: name.optional(),
  unitId: z.uuid().optional(),
  filter: segmentFilter.optional(),
});
export type SegmentPatch = z.output<typeof segmentPatch>;

/** An unsaved filter to count (the builder's live count). */
export const countInput = z.strictObject({
  unitId: z.uuid(),
  filter: segmentFilter,
});
export type CountInput = z.output<typeof countInput>;

export const idParams = z.object({ id: z.uuid() });

// --- output ---------------------------------------------------------------------------------------

const conditionOutput = z.object({ field: z.enum(segmentFields), values: z.array(z.string()) });

export const segmentOutput = z
  .object({
    id: z.uuid(),
    unitId: z.uuid(),
    unitName: z.string(),
    name: z.string(),
    filter: z.object({ match: z.enum(['all', 'any']), conditions: z.array(conditionOutput), exclude: z.array(conditionOutput) }),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Segment' });

export const segmentList = z.object({ items: z.array(segmentOutput) });
export const countOutput = z.object({ count: z.number().int() });
export const previewOutput = z.object({
  items: z.array(
    z.object({
      personId: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      memberNumber: z.string().nullable(),
      email: z.string().nullable(),
      unitName: z.string(),
    }),
  ),
});
