import { z } from 'zod';
import { optionalId, optionalText } from './schema.js';
import { voteKinds } from './tables.js';
import { amendmentStates, motionStates } from './motion-tables.js';

/**
 * A motion as a member (or staff) submits it. `cosignerIds`: members on the roll who sign with the
 * submitter; they confirm on their own page. Staff of the unit may name the member it is from
 * (`submitterId`), and after the deadline only they take a motion in, naming why (`lateReason`).
 */
export const motionInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20_000),
    reasoning: optionalText(10_000),
    voteKind: z.enum(voteKinds).default('ordinary'),
    cosignerIds: z.array(z.uuid()).max(50).default([]),
    submitterId: optionalId,
    lateReason: optionalText(2_000),
  })
  .strict();
export type MotionInput = z.output<typeof motionInput>;

/** Replaces lines `fromLine`–`toLine` (1-based, inclusive) of the motion's text; an empty `replacement` strikes them. */
export const amendmentInput = z
  .object({
    fromLine: z.number().int().min(1).max(10_000),
    toLine: z.number().int().min(1).max(10_000),
    replacement: z.string().trim().max(20_000).default(''),
    reasoning: optionalText(10_000),
  })
  .strict();
export type AmendmentInput = z.output<typeof amendmentInput>;

/** Refusing a motion or an amendment: the submitter is told why. */
export const refusalInput = z.object({ reason: z.string().trim().min(1).max(2_000) }).strict();
export type RefusalInput = z.output<typeof refusalInput>;

/** The board's recommendation to the assembly; empty takes it away. */
export const recommendationInput = z.object({ recommendation: optionalText(5_000) }).strict();
export type RecommendationInput = z.output<typeof recommendationInput>;

const line = z.looseObject({ number: z.number().int(), text: z.string(), paragraph: z.boolean() });

/** The shapes the API answers with: the contract's fields named, the rest passed through. */
export const motionOutput = z.looseObject({
  id: z.uuid(),
  assemblyId: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  reasoning: z.string().nullable(),
  voteKind: z.enum(voteKinds),
  state: z.enum(motionStates),
  lines: z.array(line),
  cosigners: z.array(z.looseObject({ personId: z.uuid(), name: z.string(), confirmed: z.boolean() })),
});
export const amendmentOutput = z.looseObject({
  id: z.uuid(),
  motionId: z.uuid(),
  number: z.number().int(),
  fromLine: z.number().int(),
  toLine: z.number().int(),
  replacement: z.string(),
  state: z.enum(amendmentStates),
});
export const motionDetailOutput = motionOutput.extend({
  amendments: z.array(amendmentOutput),
  votingOrder: z.array(z.looseObject({ kind: z.enum(['amendment', 'motion']), number: z.number().int() })),
  amended: z.looseObject({ text: z.string(), lines: z.array(line), diff: z.array(z.looseObject({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })) }),
});
export const motionListOutput = z.looseObject({ items: z.array(motionOutput) });
