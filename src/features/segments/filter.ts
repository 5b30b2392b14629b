import { z } from 'zod';

/**
 * What a segment selects. Conditions on the same field with several values match any of them;
 * `match` says whether all conditions or any one of them must hold; `exclude` removes everyone who
 * matches any of its conditions. Without a `status` condition only active memberships count.
 */
export const segmentFields = ['unit', 'section', 'membershipType', 'status', 'role', 'workplace', 'employerKind', 'language', 'eventRegistered', 'eventAttended'] as const;
export type SegmentField = (typeof segmentFields)[number];

export const segmentCondition = z.object({
  field: z.enum(segmentFields),
  /** Ids for unit/section/membershipType/workplace/event fields; codes for status, role, employerKind, language. */
  values: z.array(z.string().min(1).max(100)).min(1).max(200),
});
export type SegmentCondition = z.infer<typeof segmentCondition>;

export const segmentFilter = z.object({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(segmentCondition).max(30).default([]),
  exclude: z.array(segmentCondition).max(30).default([]),
});
export type SegmentFilter = z.infer<typeof segmentFilter>;
