import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import type { Failure } from '../../platform/outcomes.js';
import { castBallot } from './ballots.js';
import { hallDataProblem } from './poll-answers.js';
import { closePoll, enterPaperCounts, publishPoll } from './poll-close.js';
import { ballotInput, paperCountsInput, pollInput } from './poll-schema.js';
import { listPolls, pollView, type PollView } from './poll-view.js';
import { createPoll, openPoll, requestWrittenBallot, setPollSecret } from './polls.js';
import { pollRuleText, pollSummaryText } from './results.js';
import { idParams, listOutput } from './schema.js';

/** A poll as the API answers: the contract's `status`, `eligible`, `voted`, `results?`, and the rest. */
const pollOutput = z.looseObject({ id: z.uuid(), status: z.string(), eligible: z.number().int(), voted: z.number().int(), results: z.record(z.string(), z.number()).optional() });

/** The poll with the deciding rule and the result in words, in the reader's language, where the reader may see the result. */
function answer(req: FastifyRequest, view: PollView): PollView & { decidedBy?: string; summary?: string } {
  if (!view.result) return view;
  const labels = Object.fromEntries(view.options.map((o) => [o.id, o.label]));
  return { ...view, decidedBy: pollRuleText(req.t, view.result, labels), summary: pollSummaryText(req.t, view.result, labels) };
}

/** The polls' API: making, opening, counting and publishing polls, and casting ballots. */
export async function pollsApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assemblies'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const pollReply = (req: FastifyRequest, result: { ok: true; poll: PollView } | Failure<string>) => {
    if (!result.ok) throw hallDataProblem(req, result);
    return answer(req, result.poll);
  };

  r.post(
    '/api/v1/assemblies/:id/polls',
    {
      schema: {
        tags,
        summary: 'Create a poll on an agenda item (the chair or staff of the unit)',
        description:
          '`method`: `yes_no_abstain` or `choice` (with `options`); `secret: true` (or `mode: "secret"`) makes a secret ballot, `mode: "named"` records who voted what, ' +
          'otherwise the chair counts hands (`mode: "open"`). A poll under “any other business” is refused (`poll.any_other_business`); ' +
          'a poll on `motionId` or `amendmentId` takes the motion’s vote kind.',
        params: idParams,
        body: pollInput,
        response: { 201: pollOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      return reply.status(201).send(pollReply(req, await createPoll(app.db, req.actor, req.params.id, req.body)));
    },
  );

  r.get(
    '/api/v1/assemblies/:id/polls',
    { schema: { tags, summary: 'The polls of an assembly with their turnout (results once published)', params: idParams, response: { 200: listOutput, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const result = await listPolls(app.db, req.actor, req.params.id);
      if (!result.ok) throw hallDataProblem(req, result);
      return { items: result.items };
    },
  );

  r.get(
    '/api/v1/polls/:id',
    {
      schema: {
        tags,
        summary: 'A poll: `status`, `eligible`, `voted`, and `results` once published',
        description: '`results` is `{ yes, no, abstain }` or a count per option id. `me` tells a member whether they may vote, have voted, and for whom they hold proxies.',
        params: idParams,
        response: { 200: pollOutput, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      signedIn(req);
      const view = await pollView(app.db, req.actor, req.params.id);
      if (!view) throw hallDataProblem(req, { ok: false, reason: 'not_found' });
      return answer(req, view);
    },
  );

  const step = (path: string, summary: string, run: (req: FastifyRequest, id: string) => Promise<{ ok: true; poll: PollView } | Failure<string>>, description?: string) =>
    r.post(path, { schema: { tags, summary, ...(description ? { description } : {}), params: idParams, response: { 200: pollOutput, ...errors } } }, async (req) => {
      signedIn(req);
      return pollReply(req, await run(req, req.params.id));
    });

  step('/api/v1/polls/:id/open', 'Open a poll for ballots (the chair or staff; the assembly in session)', (req, id) => openPoll(app.db, req.actor, id), 'A poll a member asked to have in writing opens only once it is secret (`poll.written_ballot_requested`).');
  step(
    '/api/v1/polls/:id/close',
    'Close a poll and count it (the chair or staff)',
    (req, id) => closePoll(app.db, req.actor, id),
    'Counts electronic ballots and the paper counts in SQL, reconciles them against who could vote, applies the statutes’ rules and stores the result; a secret poll’s ballots are then deleted.',
  );
  step('/api/v1/polls/:id/publish', 'Publish a closed poll’s result; a poll on a motion, amendment or election decides it', (req, id) => publishPoll(app.db, req.actor, id));
  step('/api/v1/polls/:id/secret', 'Make a poll a secret (written) ballot, before it opens (the chair or staff)', (req, id) => setPollSecret(app.db, req.actor, id));

  r.post(
    '/api/v1/polls/:id/written-ballot-request',
    {
      schema: {
        tags,
        summary: 'Ask for a written (secret) ballot, before the poll opens (a member present)',
        description: 'One member asking is enough: the poll then opens only as a secret ballot. The answer counts the requests, never names who asked.',
        params: idParams,
        response: { 200: z.object({ pollId: z.uuid(), requests: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await requestWrittenBallot(app.db, req.actor, req.params.id);
      if (!result.ok) throw hallDataProblem(req, result);
      return { pollId: result.pollId, requests: result.requests };
    },
  );

  r.post(
    '/api/v1/polls/:id/paper-counts',
    {
      schema: {
        tags,
        summary: 'Enter counted hands or paper ballots per choice, while the poll is open (the chair or staff)',
        description:
          '`counts`: `yes`/`no`/`abstain`, or option ids with `blank`, and `ballots` (the number of paper ballots) where a voter marks several options. ' +
          'Electronic and paper ballots together can’t outnumber the members who could vote (`poll.count_exceeds`).',
        params: idParams,
        body: paperCountsInput,
        response: { 200: pollOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      return pollReply(req, await enterPaperCounts(app.db, req.actor, req.params.id, req.body));
    },
  );

  r.post(
    '/api/v1/polls/:id/ballots',
    {
      schema: {
        tags,
        summary: 'Cast a ballot as the signed-in member (personal API token), checked in and on the roll',
        description:
          '`choice`: `yes`, `no` or `abstain`, or an option’s id (`abstain` is a blank ballot in a choice poll); `choices`: several option ids, at most the poll’s `maxMarks`. ' +
          'A proxy holder adds `forMemberId` to vote for the absent member who gave them the proxy. A second ballot is refused (`poll.already_voted`).',
        params: idParams,
        body: ballotInput,
        response: { 201: z.object({ pollId: z.uuid(), voterId: z.uuid(), byProxy: z.boolean() }), ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const { forMemberId, ...marks } = req.body;
      const ballot = marks.choices !== undefined ? { choices: marks.choices } : { choice: marks.choice ?? '' };
      const result = await castBallot(app.db, req.actor, req.params.id, ballot, { forMemberId });
      if (!result.ok) throw hallDataProblem(req, result);
      return reply.status(201).send({ pollId: result.pollId, voterId: result.voterId, byProxy: result.byProxy });
    },
  );
}
