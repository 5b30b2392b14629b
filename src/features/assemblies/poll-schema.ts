import { z } from 'zod';
import { evenWithFieldErrors } from '../../platform/http/forms.js';
import { optionalId } from './schema.js';
import { voteKinds } from './tables.js';
import { pollMethods, pollModes } from './poll-tables.js';

/*
 * The inputs of attendance, proxies, polls and ballots: one schema each for the API and the pages.
 */

export const attendanceInput = z.object({ memberId: z.uuid() }).strict();
export type AttendanceInput = z.output<typeof attendanceInput>;

export const proxyInput = z.object({ holderId: z.uuid(), giverId: z.uuid() }).strict();
export type ProxyInput = z.output<typeof proxyInput>;

const optionLabel = z.string().trim().min(1).max(200);

/**
 * A poll on an item (and, optionally, a motion or an amendment of this assembly). `secret: true` is
 * the contract's way to ask for a secret ballot; `mode` says it in full (open: counted hands, named,
 * secret). Options are labels, or `{ label }`.
 */
export const pollInput = z
  .object({
    itemId: z.uuid(),
    title: z.string().trim().min(1).max(200),
    method: z.enum(pollMethods),
    secret: z.boolean().optional(),
    mode: z.enum(pollModes).optional(),
    options: z
      .array(z.union([optionLabel, z.object({ label: optionLabel }).strict()]))
      .max(50)
      .optional()
      .transform((v) => (v ?? []).map((o) => (typeof o === 'string' ? o : o.label))),
    motionId: optionalId,
    amendmentId: optionalId,
    voteKind: z.enum(voteKinds).optional(),
    maxMarks: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // Runs even when the body failed its own checks (to tell everything at once), so it may not be an object at all.
    if (!v || typeof v !== 'object') return;
    if (v.secret === true && v.mode !== undefined && v.mode !== 'secret') ctx.addIssue({ code: 'custom', path: ['mode'], message: 'poll.mode_conflict' });
  }, evenWithFieldErrors)
  .transform(({ secret, mode, ...rest }) => ({ ...rest, mode: mode ?? (secret ? ('secret' as const) : ('open' as const)) }));
export type PollInput = z.output<typeof pollInput>;

/**
 * A ballot: `choice` is `yes`, `no` or `abstain`, or an option's id (or `abstain`/`blank` for a
 * blank ballot in a choice poll); `choices` marks several options (an election with several seats;
 * `[]` is blank). A proxy holder adds `forMemberId` to vote for the member who gave them the proxy.
 */
export const ballotInput = z
  .object({
    choice: z.string().trim().min(1).max(100).optional(),
    choices: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    forMemberId: z.uuid().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.choice === undefined) === (v.choices === undefined)) ctx.addIssue({ code: 'custom', path: ['choice'], message: 'poll.choice_required' });
  });
export type BallotInput = z.output<typeof ballotInput>;

/** The chair's count of hands or paper ballots: per choice (`yes`/`no`/`abstain`, or option ids), plus `blank` and `ballots`. */
export const paperCountsInput = z.object({ counts: z.record(z.string().min(1).max(100), z.number().int().min(0).max(1_000_000)) }).strict();
export type PaperCountsInput = z.output<typeof paperCountsInput>;
