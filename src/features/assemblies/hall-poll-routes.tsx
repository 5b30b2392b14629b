import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { ProblemError, type FieldError } from '../../platform/errors.js';
import { castBallot } from './ballots.js';
import { closePoll, enterPaperCounts, publishPoll } from './poll-close.js';
import { ballotInput } from './poll-schema.js';
import { openPoll, requestWrittenBallot, setPollSecret } from './polls.js';

/** What the hall's page routes lend their poll forms: the pages to render again and the way back. */
export type HallPageContext = {
  /** Renders the console again with errors (status from the failure). */
  console(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[], status: number): Promise<unknown>;
  /** Renders the phone page again with errors. */
  hall(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[], status: number): Promise<unknown>;
  /** After an action: its message and back to the page; a failure is told on the page. */
  after(req: FastifyRequest, reply: FastifyReply, page: 'console' | 'hall', id: string, result: { ok: boolean }, done: string): Promise<unknown>;
  idOf(req: FastifyRequest): string;
};

const pollParams = z.object({ id: z.uuid(), pollId: z.uuid() });
const chairAction = z.enum(['open', 'close', 'publish', 'secret']);

/** Form fields `count_<choice>` (a number each, blank left out) → the paper counts. */
export function countsFromForm(values: Record<string, unknown>): Record<string, number> | null {
  const counts: Record<string, number> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (!name.startsWith('count_')) continue;
    const text = String(raw ?? '').trim();
    if (text === '') continue;
    if (!/^\d{1,7}$/.test(text)) return null;
    counts[name.slice('count_'.length)] = Number(text);
  }
  return counts;
}

/**
 * The polls' forms on the hall's pages, calling the polls' own use cases (polls.ts, poll-close.ts,
 * ballots.ts): the chair opens, closes and publishes, makes a poll secret and enters counted hands;
 * a member asks for a written ballot and casts their ballot (and a proxy's) from the phone.
 */
export async function hallPollActions(app: FastifyInstance, page: HallPageContext): Promise<void> {
  const paramsOf = (params: unknown) => {
    const p = pollParams.safeParse(params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    return p.data;
  };

  app.post('/assemblies/:id/console/polls/:pollId', async (req, reply) => {
    const { id, pollId } = paramsOf(req.params);
    const action = chairAction.safeParse(formValues(req.body).action);
    if (!action.success) return page.console(req, reply, id, [{ path: '', code: 'hall.unknown_action', message: req.t('hall.unknown_action') }], 422);
    const done = { open: 'hall.flash.poll_opened', close: 'hall.flash.poll_closed', publish: 'hall.flash.poll_published', secret: 'hall.flash.poll_secret' }[action.data];
    const run = { open: openPoll, close: closePoll, publish: publishPoll, secret: setPollSecret }[action.data];
    return page.after(req, reply, 'console', id, await run(app.db, req.actor, pollId), done);
  });

  app.post('/assemblies/:id/console/polls/:pollId/counts', async (req, reply) => {
    const { id, pollId } = paramsOf(req.params);
    const counts = countsFromForm(formValues(req.body));
    if (!counts) return page.console(req, reply, id, [{ path: '', code: 'hall.counts_invalid', message: req.t('hall.counts_invalid') }], 422);
    return page.after(req, reply, 'console', id, await enterPaperCounts(app.db, req.actor, pollId, { counts }), 'hall.flash.counts_saved');
  });

  app.post('/assemblies/:id/hall/polls/:pollId/written-ballot', async (req, reply) => {
    const { id, pollId } = paramsOf(req.params);
    return page.after(req, reply, 'hall', id, await requestWrittenBallot(app.db, req.actor, pollId), 'hall.flash.written_requested');
  });

  app.post('/assemblies/:id/hall/polls/:pollId/ballot', async (req, reply) => {
    const { id, pollId } = paramsOf(req.params);
    const v = formValues(req.body);
    // A form sends one radio `choice`, or `choices` (one or several check boxes; none ticked is a blank ballot).
    const multi = v.multi === '1' || v.choices !== undefined;
    const choices = v.choices === undefined ? [] : Array.isArray(v.choices) ? v.choices.map(String) : [String(v.choices)];
    const input = { ...(multi ? { choices } : { choice: v.choice }), ...(v.forMemberId ? { forMemberId: v.forMemberId } : {}) };
    const form = parseForm(ballotInput, input, req.t);
    if (!form.ok) return page.hall(req, reply, id, form.errors.map((e) => ({ ...e, path: '' })), 422);
    const { forMemberId, choice, choices: marks } = form.data;
    const ballot = marks !== undefined ? { choices: marks } : { choice: choice ?? '' };
    return page.after(req, reply, 'hall', id, await castBallot(app.db, req.actor, pollId, ballot, { forMemberId }), 'hall.flash.ballot_cast');
  });
}
