import { z } from 'zod';
import { isoDate } from '../../platform/http/time-input.js';
import { employerKinds } from '../../kernel/tables.js';

/** Blank form fields and JSON nulls both mean "none". */
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === '' || v === null ? null : v);

export const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);

/** An id a form must choose: blank is "required", anything else must be an id. */
export const requiredId = z.string().trim().min(1).pipe(z.uuid());

export const optionalId = z
  .union([z.literal(''), z.uuid()])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

export const optionalDate = z
  .union([z.literal(''), isoDate])
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

/** A checkbox sends "on" when ticked and nothing when not; JSON sends a boolean. */
export const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** The Danish production unit number: ten digits, often written in groups ("10 12 34 56 78"). */
const pNumber = z
  .string()
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === null ? null : v.replace(/[\s.-]/g, '') || null))
  .refine((v) => v === undefined || v === null || /^[0-9]{10}$/.test(v), 'workplace.invalid_p_number');

export const workplaceInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    employerKind: z.enum(employerKinds),
    employerName: optionalText(200),
    memberCompanyId: optionalId,
    pNumber,
    addressLine: optionalText(200),
    postalCode: optionalText(20),
    city: optionalText(100),
    unitId: requiredId,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.employerKind === 'member_company' && !v.memberCompanyId) ctx.addIssue({ code: 'custom', path: ['memberCompanyId'], message: 'validation.required' });
  })
  // A member company is the employer's name; another kind of employer has none.
  .transform((v) =>
    v.employerKind === 'member_company' ? { ...v, employerName: null } : { ...v, memberCompanyId: null },
  );
export type WorkplaceInput = z.output<typeof workplaceInput>;

export const vacancies = ['steward', 'safety_rep'] as const;
export type Vacancy = (typeof vacancies)[number];

const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), schema]).optional().transform((v) => (v === '' ? undefined : v)) as unknown as z.ZodType<z.output<T> | undefined>;

export const workplaceFilter = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  unit: blankIsAbsent(z.uuid()),
  employerKind: blankIsAbsent(z.enum(employerKinds)),
  vacancy: blankIsAbsent(z.enum(vacancies)),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorkplaceFilter = z.output<typeof workplaceFilter>;

export const officeRoles = ['steward', 'safety_rep'] as const;
export type OfficeRole = (typeof officeRoles)[number];

export const officeInput = z
  .object({
    personId: requiredId,
    role: z.enum(officeRoles),
    startsOn: optionalDate,
    endsOn: optionalDate,
  })
  .strict();
export type OfficeInput = z.output<typeof officeInput>;

/** Ending an office or an employment: the last day it holds (blank: today). */
export const endInput = z.object({ endsOn: optionalDate }).strict();
export type EndInput = z.output<typeof endInput>;

export const employmentInput = z
  .object({
    email: z
      .union([z.literal(''), z.email().max(254)])
      .nullish()
      .transform((v) => (v ? v.trim().toLowerCase() : null)),
    firstName: optionalText(100),
    lastName: optionalText(100),
    jobTitle: optionalText(120),
    isLeader: checkbox,
    startsOn: optionalDate,
    endsOn: optionalDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    // Without an e-mail the colleague is registered by name, so both names are needed.
    if (!v.email) {
      if (!v.firstName) ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'validation.required' });
      if (!v.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'validation.required' });
    }
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'workplace.end_before_start' });
  });
export type EmploymentInput = z.output<typeof employmentInput>;

export const idParams = z.object({ id: z.uuid() });
export const officeParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });
export const employmentParams = z.object({ id: z.uuid(), employmentId: z.uuid() });

// --- API output --------------------------------------------------------------------------------

export const workplaceSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  employerKind: z.enum(employerKinds),
  employerName: z.string().nullable(),
  memberCompanyId: z.uuid().nullable(),
  memberCompanyName: z.string().nullable(),
  pNumber: z.string().nullable(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  unitId: z.uuid(),
  unitName: z.string(),
  employees: z.number().int(),
  members: z.number().int(),
  organisationRate: z.number().nullable().describe('members / employees, 0–1; null without employees'),
  stewardInOffice: z.boolean(),
  safetyRepInOffice: z.boolean(),
});
export type WorkplaceSummary = z.infer<typeof workplaceSummary>;

export const workplaceList = z.object({ items: z.array(workplaceSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const employeeOutput = z.object({
  employmentId: z.uuid(),
  personId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string().nullable(),
  isLeader: z.boolean(),
  isMember: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** Only for the workplace's own stewards and safety reps, and for staff and board who reach it. */
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});
export type Employee = z.infer<typeof employeeOutput>;

export const officeOutput = z.object({
  assignmentId: z.uuid(),
  personId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(officeRoles),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  current: z.boolean(),
});
export type Office = z.infer<typeof officeOutput>;

export const workplaceDetail = workplaceSummary.extend({
  /** Current and past stewards and safety reps with their periods; `current` marks who is in office today. */
  coverage: z.object({ stewards: z.array(officeOutput), safetyReps: z.array(officeOutput) }),
  /** Everyone employed here today: members and the non-member colleagues the register knows. */
  people: z.object({ members: z.array(employeeOutput), nonMembers: z.array(employeeOutput) }),
});
export type WorkplaceDetail = z.infer<typeof workplaceDetail>;
