import { z } from 'zod';
import { evenWithFieldErrors } from '../../platform/http/forms.js';
import { isoDate } from '../../platform/http/time-input.js';
import { applicantKinds, currencies, grantPurposes, recommendations } from './tables.js';

const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);
const optionalDate = z
  .union([z.literal(''), isoDate])
  .nullish()
  .transform((v) => v || null);
export const idParams = z.object({ id: z.uuid() });

/** An amount in minor units (øre / öre): a whole number, never negative, at most a billion kroner. */
export const amount = z.number().int().min(0).max(100_000_000_000);
const positiveAmount = z.number().int().min(1).max(100_000_000_000);

export const costLine = z.object({ description: z.string().trim().min(1).max(200), amount }).strict();
export type CostLineInput = z.output<typeof costLine>;

const poolFields = {
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  rules: z.string().trim().max(20_000).default(''),
  periodStart: isoDate,
  periodEnd: isoDate,
  currency: z.enum(currencies).default('DKK'),
  budget: amount,
  maxPerApplication: positiveAmount,
  purposes: z.array(z.enum(grantPurposes)).min(1).max(grantPurposes.length).default(['talk', 'workshop', 'network_meeting', 'workplace_visit']),
  applicantKinds: z.array(z.enum(applicantKinds)).min(1).max(applicantKinds.length).default(['members', 'stewards']),
  opensOn: optionalDate,
  closesOn: optionalDate,
  questions: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  reportDays: z.number().int().min(0).max(365).default(30),
  public: z.boolean().default(false),
};

/**
 * A field of a PATCH: optional, and without its default — zod 4 fills in a default even inside
 * `.optional()`, which would reset every field left out (a pool's questions, a draft's cost lines).
 */
const patchField = (f: z.ZodType): z.ZodType => (f instanceof z.ZodDefault ? (f.unwrap() as z.ZodType) : f).optional();

type DateRules = { periodStart?: unknown; periodEnd?: unknown; opensOn?: unknown; closesOn?: unknown; budget?: unknown; maxPerApplication?: unknown };
/** The pool's rules between fields: the period and the window run forwards; the maximum is no more than the budget. */
function poolRules(v: DateRules, ctx: z.RefinementCtx): void {
  const day = (x: unknown) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? x : null);
  const start = day(v.periodStart);
  const end = day(v.periodEnd);
  if (start && end && end < start) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'grant.period_backwards' });
  const opens = day(v.opensOn);
  const closes = day(v.closesOn);
  if (opens && closes && closes < opens) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'grant.window_backwards' });
  if (typeof v.budget === 'number' && typeof v.maxPerApplication === 'number' && v.maxPerApplication > v.budget && v.budget > 0) {
    ctx.addIssue({ code: 'custom', path: ['maxPerApplication'], message: 'grant.max_over_budget' });
  }
}

/** A new pool. The budget may be 0 (money to come); the maximum is per application. */
export const poolInput = z
  .object(poolFields)
  .strict()
  .superRefine((v, ctx) => poolRules(v, ctx), evenWithFieldErrors);
export type PoolInput = z.output<typeof poolInput>;

/** PATCH of a pool: the fields sent change; a budget change may say why (kept with the budget's history). */
export const poolPatch = z
  .object({ ...Object.fromEntries(Object.entries(poolFields).filter(([k]) => k !== 'unitId').map(([k, f]) => [k, patchField(f)])), budgetReason: optionalText(500) })
  .strict() as unknown as z.ZodType<Partial<Omit<PoolInput, 'unitId'>> & { budgetReason?: string | null }>;
export type PoolPatch = Partial<Omit<PoolInput, 'unitId'>> & { budgetReason?: string | null };

const applicationFields = {
  purpose: z.enum(grantPurposes),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(10_000).default(''),
  activityDate: isoDate,
  place: optionalText(300),
  expectedParticipants: z.number().int().min(0).max(100_000).nullish().transform((v) => v ?? null),
  requested: positiveAmount,
  costLines: z.array(costLine).max(50).default([]),
  answers: z.record(z.string().max(100), z.string().trim().max(5000)).default({}),
  coApplicantIds: z.array(z.uuid()).max(10).default([]),
  workplaceId: z
    .union([z.literal(''), z.uuid()])
    .nullish()
    .transform((v) => v || null),
};

/** The requested amount is no more than the cost total (the maximum is the pool's, checked by the use case). */
function requestRules(v: { requested?: unknown; costLines?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof v.requested !== 'number' || !Array.isArray(v.costLines) || v.costLines.length === 0) return;
  const total = v.costLines.reduce((s: number, l: unknown) => s + (l && typeof (l as { amount?: unknown }).amount === 'number' ? (l as { amount: number }).amount : 0), 0);
  if (v.requested > total) ctx.addIssue({ code: 'custom', path: ['requested'], message: 'grant.over_cost_total' });
}

/**
 * A new application, saved as a draft. `applicantId` is the person applying: one's own id (or left
 * out), or — for staff entering an application handed in on paper — a person of the unit.
 */
export const applicationInput = z
  .object({ applicantId: z.uuid().optional(), ...applicationFields })
  .strict()
  .superRefine((v, ctx) => requestRules(v, ctx), evenWithFieldErrors);
export type ApplicationInput = z.output<typeof applicationInput>;

export const applicationPatch = z
  .object(Object.fromEntries(Object.entries(applicationFields).map(([k, f]) => [k, patchField(f)])))
  .strict() as unknown as z.ZodType<Partial<Omit<ApplicationInput, 'applicantId'>>>;
export type ApplicationPatch = Partial<Omit<ApplicationInput, 'applicantId'>>;

/** A reviewer's comment, possibly with a recommendation (and, for a lower grant, the amount). */
export const reviewInput = z
  .object({
    body: z.string().trim().min(1).max(5000),
    recommendation: z.enum(recommendations).nullish().transform((v) => v ?? null),
    amount: positiveAmount.nullish().transform((v) => v ?? null),
  })
  .strict();
export type ReviewInput = z.output<typeof reviewInput>;

/** The decision: granted (the requested amount unless a lower one is given) or rejected, always with a reason. */
export const decisionInput = z
  .object({
    outcome: z.enum(['granted', 'rejected']),
    amount: positiveAmount.nullish().transform((v) => v ?? null),
    reason: z.string().trim().min(1).max(5000),
  })
  .strict();
export type DecisionInput = z.output<typeof decisionInput>;

export const payoutInput = z
  .object({
    paidOn: isoDate.optional(),
    reference: z.string().trim().min(1).max(200),
  })
  .strict();
export type PayoutInput = z.output<typeof payoutInput>;

/** The report after the activity: what happened, who came, what it cost. */
export const reportInput = z
  .object({
    summary: z.string().trim().min(1).max(10_000),
    participants: z.number().int().min(0).max(100_000),
    actualCosts: z.array(costLine).max(50).default([]),
  })
  .strict();
export type ReportInput = z.output<typeof reportInput>;

export const withdrawInput = z.object({ reason: optionalText(1000) }).strict();
