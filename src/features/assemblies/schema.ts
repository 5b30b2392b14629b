import { z } from 'zod';
import { evenWithFieldErrors } from '../../platform/http/forms.js';
import { instant, isTime } from '../../platform/http/time-input.js';
import { agendaItemKinds, assemblyKinds, majorities, minutesVisibilities, reportDecisions } from './tables.js';

const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);
export const optionalText = (max: number) => z.string().trim().max(max).nullish().transform(blankToNull);
export const optionalId = z
  .union([z.literal(''), z.uuid()])
  .nullish()
  .transform((v) => v || null);
export const idParams = z.object({ id: z.uuid() });

/**
 * Calling an assembly. The motion deadline may be left out: the unit's rules set it (so many days
 * before). Whether the date leaves room for the notice period is checked when the notice is sent.
 */
export const assemblyInput = z
  .object({
    unitId: z.uuid(),
    title: z.string().trim().min(1).max(200),
    kind: z.enum(assemblyKinds).default('ordinary'),
    startsAt: instant,
    motionDeadline: instant.nullish().transform((v) => v ?? null),
    place: optionalText(300),
    timeZone: z.string().trim().min(1).max(60).default('Europe/Copenhagen'),
    eventId: optionalId,
    template: z.string().trim().min(1).max(60).default('standard'),
    minutesVisibility: z.enum(minutesVisibilities).default('members'),
    chairPersonId: optionalId,
    minuteTakerPersonId: optionalId,
  })
  .strict()
  .superRefine((v, ctx) => {
    // Also checked by the use case against the same clock; here so a form tells it with its other errors.
    if (isTime(v.startsAt) && v.startsAt.getTime() <= Date.now()) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'assembly.starts_in_past' });
    if (isTime(v.startsAt) && isTime(v.motionDeadline) && v.motionDeadline.getTime() > v.startsAt.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['motionDeadline'], message: 'assembly.deadline_after_start' });
    }
  }, evenWithFieldErrors);
export type AssemblyInput = z.output<typeof assemblyInput>;

export const assemblyPatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(assemblyKinds).optional(),
    startsAt: instant.optional(),
    motionDeadline: instant.optional(),
    place: optionalText(300),
    eventId: optionalId.optional(),
    minutesVisibility: z.enum(minutesVisibilities).optional(),
    chairPersonId: optionalId.optional(),
    minuteTakerPersonId: optionalId.optional(),
  })
  .strict();
export type AssemblyPatch = z.output<typeof assemblyPatch>;

export const rulesInput = z
  .object({
    noticeDays: z.number().int().min(0).max(365),
    motionDeadlineDays: z.number().int().min(0).max(365),
    rollCutoffDays: z.number().int().min(0).max(365),
    quorum: z.number().gt(0).max(1).nullish().transform((v) => v ?? null),
    statuteQuorum: z.number().gt(0).max(1).nullish().transform((v) => v ?? null),
    majority: z.enum(majorities),
    statuteMajority: z.enum(majorities),
    blankVotesCount: z.boolean(),
    proxiesAllowed: z.boolean(),
    proxiesPerHolder: z.number().int().min(0).max(10),
  })
  .strict();
export type RulesInput = z.output<typeof rulesInput>;

export const agendaItemInput = z
  .object({
    kind: z.enum(agendaItemKinds),
    title: z.string().trim().min(1).max(200),
    /** Where it goes (1-based); at the end when left out. */
    position: z.number().int().min(1).max(100).optional(),
    reportDecision: z.enum(reportDecisions).nullish().transform((v) => v ?? null),
  })
  .strict();
export type AgendaItemInput = z.output<typeof agendaItemInput>;

export const agendaItemPatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(agendaItemKinds).optional(),
    position: z.number().int().min(1).max(100).optional(),
    reportDecision: z.enum(reportDecisions).nullish(),
  })
  .strict();
export type AgendaItemPatch = z.output<typeof agendaItemPatch>;

/** Merging items: `from` is folded into `into` (the seed merged the report and future work). */
export const mergeItemsInput = z.object({ from: z.uuid(), into: z.uuid(), title: z.string().trim().min(1).max(200).optional() }).strict();
export type MergeItemsInput = z.output<typeof mergeItemsInput>;

/** The shapes the API answers with: the contract's fields named, the rest passed through. */
export const agendaItemOutput = z.looseObject({ id: z.uuid(), position: z.number().int(), kind: z.enum(agendaItemKinds), title: z.string() });
export const assemblyOutput = z.looseObject({ id: z.uuid(), unitId: z.uuid(), title: z.string(), kind: z.enum(assemblyKinds), status: z.string(), startsAt: z.string(), motionDeadline: z.string(), agenda: z.array(agendaItemOutput) });
export const listOutput = z.looseObject({ items: z.array(z.looseObject({})) });
export const looseOutput = z.looseObject({});
