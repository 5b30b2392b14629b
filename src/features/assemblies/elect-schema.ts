import { z } from 'zod';
import { isoDate } from '../../platform/http/time-input.js';
import { optionalText } from './schema.js';
import { seatKinds } from './election-tables.js';

/** The inputs of bodies, elections and candidates: one schema each for the API and the forms. */

export const bodyInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    seats: z.number().int().min(1).max(50),
    substitutes: z.number().int().min(0).max(50).default(0),
    termYears: z.number().int().min(1).max(10).default(2),
  })
  .strict();
export type BodyInput = z.output<typeof bodyInput> & { unitId: string };

/** A term held already (the board before Forening, or a constitution), recorded by staff. */
export const termInput = z
  .object({
    personId: z.uuid(),
    seatKind: z.enum(seatKinds).default('member'),
    title: optionalText(100),
    startsOn: isoDate,
    endsOn: isoDate.nullish().transform((v) => v ?? null),
  })
  .strict();
export type TermInput = z.output<typeof termInput>;

/**
 * An election on an item of the agenda. Left out, the seats and substitute places are the body's
 * vacancies on the assembly's day, and the term ends `termYears` after it; a by-election names the
 * end of the term it fills.
 */
export const electionInput = z
  .object({
    itemId: z.uuid(),
    bodyId: z.uuid(),
    title: optionalText(200),
    seats: z.number().int().min(1).max(50).nullish().transform((v) => v ?? null),
    substitutes: z.number().int().min(0).max(50).nullish().transform((v) => v ?? null),
    termEndsOn: isoDate.nullish().transform((v) => v ?? null),
  })
  .strict();
export type ElectionInput = z.output<typeof electionInput>;

export const candidateInput = z
  .object({
    electionId: z.uuid(),
    personId: z.uuid(),
    presentation: optionalText(2000),
  })
  .strict();
export type CandidateInput = z.output<typeof candidateInput>;
