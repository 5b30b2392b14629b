import { z } from 'zod';
import type { MembershipStatus } from '../members/index.js';
import type { EmployerKind } from '../../kernel/tables.js';

/**
 * What a segment selects. Conditions on the same field with several values match any of them;
 * `match` says whether all conditions or any one of them must hold; `exclude` removes everyone who
 * matches any of its conditions. Without a `status` condition only active memberships count.
 */
export const segmentFields = ['unit', 'section', 'membershipType', 'status', 'role', 'workplace', 'employerKind', 'language', 'eventRegistered', 'eventAttended'] as const;
export type SegmentField = (typeof segmentFields)[number];

/*
 * The codes a coded field accepts. Written out here rather than imported, so that drizzle-kit (which
 * loads every tables.ts, and through ours this file) does not pull the members and workplaces
 * features in; `filter.test.ts` checks they are the same lists as the owners'.
 */
export const segmentStatuses = ['applicant', 'active', 'resigned', 'expelled', 'deceased', 'rejected'] as const satisfies readonly MembershipStatus[];
export const segmentRoles = ['steward', 'safety_rep', 'leader', 'board', 'staff'] as const;
export const segmentEmployerKinds = ['municipality', 'region', 'state', 'private', 'member_company'] as const satisfies readonly EmployerKind[];
export const segmentLanguages = ['da', 'sv', 'en'] as const;

/** The fields whose values are codes, and the codes each accepts. */
export const codedFields = {
  status: segmentStatuses,
  role: segmentRoles,
  employerKind: segmentEmployerKinds,
  language: segmentLanguages,
} as const satisfies Partial<Record<SegmentField, readonly string[]>>;

/** The fields whose values are ids of rows (units, sections, membership types, workplaces, events). */
export const idFields = ['unit', 'section', 'membershipType', 'workplace', 'eventRegistered', 'eventAttended'] as const satisfies readonly SegmentField[];
export type IdField = (typeof idFields)[number];

export function isCodedField(field: SegmentField): field is keyof typeof codedFields {
  return field in codedFields;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string): boolean => UUID.test(v);

export const segmentCondition = z
  .strictObject({
    field: z.enum(segmentFields),
    /** Ids for unit/section/membershipType/workplace/event fields; codes for status, role, employerKind, language. */
    values: z.array(z.string().min(1).max(100)).min(1).max(200),
  })
  .superRefine((c, ctx) => {
    // Codes and the shape of ids are checked here; whether an id exists and is the actor's to use is
    // the use case's question (it needs the database).
    if (isCodedField(c.field)) {
      const known: readonly string[] = codedFields[c.field];
      if (c.values.some((v) => !known.includes(v))) ctx.addIssue({ code: 'custom', path: ['values'], message: 'segment.unknown_code' });
    } else if (c.values.some((v) => !isUuid(v))) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'segment.unknown_id' });
    }
  });
export type SegmentCondition = z.infer<typeof segmentCondition>;

export const segmentFilter = z.strictObject({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(segmentCondition).max(30).default([]),
  exclude: z.array(segmentCondition).max(30).default([]),
});
export type SegmentFilter = z.infer<typeof segmentFilter>;

/** A filter that selects every active member of the segment's unit. */
export const emptyFilter = (): SegmentFilter => ({ match: 'all', conditions: [], exclude: [] });
