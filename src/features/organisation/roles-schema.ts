import { z } from 'zod';
import { isoDate } from '../../platform/http/time-input.js';

/**
 * The roles a person holds in a unit (or, for admin, in the whole organisation). Stewards and
 * safety reps hold office at a workplace and are appointed there (the workplaces feature).
 */
export const unitRoles = ['leader', 'board', 'staff', 'admin'] as const;
export type UnitRole = (typeof unitRoles)[number];

/** Someone not yet in the register, e.g. a new employee of the office: enough to log in by e-mail. */
const newPerson = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.string().trim().min(1).max(254).pipe(z.email()),
  })
  .strict();

export const appointmentInput = z
  .object({
    /** An existing person (a member, or anyone the register knows) … */
    personId: z.uuid().optional(),
    /** … or a new one, created with the appointment. */
    person: newPerson.optional(),
    role: z.enum(unitRoles),
    unitId: z.uuid().nullish(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.personId && !v.person) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'validation.required' });
    if (v.personId && v.person) ctx.addIssue({ code: 'custom', path: ['person'], message: 'role.person_or_new_person' });
    // Admin is organisation-wide by nature (an admin anywhere is an admin everywhere); the others need their unit.
    if (v.role === 'admin' && v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'role.admin_whole_organisation' });
    if (v.role !== 'admin' && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'validation.required' });
    if (typeof v.startsOn === 'string' && typeof v.endsOn === 'string' && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'role.end_before_start' });
  });
export type AppointmentInput = z.output<typeof appointmentInput>;

/** Ending a role: on a day (today unless told); the last day still counts. */
const endRoleFields = z.object({ endsOn: isoDate.optional() }).strict();
export type EndRoleInput = z.output<typeof endRoleFields>;
/** No body at all means "today". */
export const endRoleInput = endRoleFields.nullish();

export const roleListQuery = z
  .object({
    unit: z.uuid().optional(),
    role: z.enum(unitRoles).optional(),
    personId: z.uuid().optional(),
    /** Only the roles held today (default); `false` includes past and future periods. */
    current: z.enum(['true', 'false']).default('true'),
  })
  .strict();
export type RoleListQuery = z.output<typeof roleListQuery>;

export const roleAssignmentOutput = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    role: z.enum(unitRoles),
    unitId: z.uuid().nullable(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    /** Held today: the period has begun and not ended. */
    current: z.boolean(),
  })
  .meta({ id: 'RoleAssignment' });
export type RoleAssignmentOutput = z.infer<typeof roleAssignmentOutput>;
