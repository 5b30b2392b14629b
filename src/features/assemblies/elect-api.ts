import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import type { Failure } from '../../platform/outcomes.js';
import { electionProblem } from './elect-answers.js';
import { unitBoard } from './elect-board.js';
import { createBody, listBodies, recordBodyTerm, type BodyView } from './elect-bodies.js';
import { acceptNomination, declineNomination, nominate, withdrawCandidate, type CandidacyResult } from './elect-candidates.js';
import { createElection, startElection } from './elect-elections.js';
import { electionFor, loadElection, type CandidateView, type ElectionView } from './elect-queries.js';
import { bodyInput, candidateInput, electionInput, termInput } from './elect-schema.js';
import { idParams, listOutput, looseOutput, optionalText } from './schema.js';

const acceptInput = z.object({ presentation: optionalText(2000) }).strict().nullish();

/**
 * Bodies, elections and candidates over the API, and a unit's board. The board and the bodies are
 * public (names and terms, never contact data); everything else needs a bearer token and follows the
 * assembly's rules of sight. Errors are problem+json naming the field.
 */
export async function electionsApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assemblies: elections'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const ok = <T>(req: FastifyRequest, result: { ok: true } & T | Failure<string>): T => {
    if (!result.ok) throw electionProblem(req, result);
    return result as T;
  };

  r.get(
    '/api/v1/units/:id/board',
    {
      schema: {
        tags,
        summary: 'A unit’s board: per body its seats, the current members with their terms, the vacancies and the history (public)',
        params: idParams,
        response: { 200: looseOutput, 404: problemSchema },
      },
    },
    async (req) => {
      const board = await unitBoard(app.db, req.params.id);
      if (!board) throw electionProblem(req, { ok: false, reason: 'not_found' });
      return board;
    },
  );

  r.get(
    '/api/v1/units/:id/bodies',
    { schema: { tags, summary: 'A unit’s bodies with their seats, substitutes, term length and today’s vacancies (public)', params: idParams, response: { 200: listOutput, 404: problemSchema } } },
    async (req) => {
      const board = await unitBoard(app.db, req.params.id);
      if (!board) throw electionProblem(req, { ok: false, reason: 'not_found' });
      return { items: await listBodies(app.db, req.params.id) };
    },
  );

  r.post(
    '/api/v1/units/:id/bodies',
    { schema: { tags, summary: 'Set up a body of the unit, such as its board (staff of the unit)', params: idParams, body: bodyInput, response: { 201: looseOutput, ...errors } } },
    async (req, reply) => {
      signedIn(req);
      return reply.status(201).send(ok<{ body: BodyView }>(req, await createBody(app.db, req.actor, { ...req.body, unitId: req.params.id })).body);
    },
  );

  r.post(
    '/api/v1/bodies/:id/terms',
    {
      schema: {
        tags,
        summary: 'Record a term held already on a body (staff of the unit)',
        description: 'For the board as it sat before Forening knew it. A member’s seat is also a `board` role assignment with the same period; a substitute’s is not.',
        params: idParams,
        body: termInput,
        response: { 201: looseOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const done = ok<{ termId: string; body: BodyView }>(req, await recordBodyTerm(app.db, req.actor, req.params.id, req.body));
      return reply.status(201).send({ termId: done.termId, body: done.body });
    },
  );

  r.post(
    '/api/v1/assemblies/:id/elections',
    {
      schema: {
        tags,
        summary: 'Set up an election on an agenda item of kind `election` (the chair or staff of the unit)',
        description:
          'The body must be the assembly’s unit’s. Left out, `seats` and `substitutes` are the body’s vacancies on the assembly’s day and `termEndsOn` is that day plus the body’s term length; ' +
          'a by-election names `termEndsOn`, the end of the term it fills. An item of another kind is refused naming `itemId` (`election.item_not_election`).',
        params: idParams,
        body: electionInput,
        response: { 201: looseOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      return reply.status(201).send(ok<{ election: ElectionView }>(req, await createElection(app.db, req.actor, req.params.id, req.body)).election);
    },
  );

  r.get(
    '/api/v1/elections/:id',
    { schema: { tags, summary: 'An election with its candidates, and once decided the votes, the outcome and any lots drawn', params: idParams, response: { 200: looseOutput, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const found = await electionFor(app.db, req.actor, req.params.id, 'assembly.view');
      if (!found.ok) throw electionProblem(req, found);
      return (await loadElection(app.db, req.actor, found.assembly, req.params.id))!;
    },
  );

  r.post(
    '/api/v1/elections/:id/start',
    {
      schema: {
        tags,
        summary: 'Start an election in session; nominations close (the chair or staff)',
        description:
          'No more candidates than seats: all are elected unopposed, without a poll. Otherwise a secret poll (`pollId`) is made with one option per candidate and up to `seats` marks; ' +
          'open, close and publish it with the polls’ routes — publishing decides the election, a tie at a boundary by a recorded drawing of lots.',
        params: idParams,
        response: { 200: looseOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const done = ok<{ election: ElectionView; pollId: string | null }>(req, await startElection(app.db, req.actor, req.params.id));
      return { ...done.election, pollId: done.pollId };
    },
  );

  r.post(
    '/api/v1/assemblies/:id/candidates',
    {
      schema: {
        tags,
        summary: 'Nominate a member of the roll in an election (oneself, another member of the roll, the chair or staff)',
        description: 'A self-nomination stands at once; a nomination by someone else stands once the nominee accepts (`POST /api/v1/candidates/{id}/accept`). Someone not on the roll is refused naming `personId` (`election.not_eligible`); after the election started, `election.closed`.',
        params: idParams,
        body: candidateInput,
        response: { 201: looseOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const done = ok<{ candidate: CandidateView }>(req, await nominate(app.db, req.actor, req.params.id, req.body));
      return reply.status(201).send({ ...done.candidate, electionId: req.body.electionId });
    },
  );

  const candidacy = (path: string, summary: string, run: (req: FastifyRequest, id: string) => Promise<CandidacyResult>) =>
    r.post(path, { schema: { tags, summary, params: idParams, response: { 200: looseOutput, ...errors } } }, async (req) => {
      signedIn(req);
      return ok<{ election: ElectionView }>(req, await run(req, req.params.id)).election;
    });

  r.post(
    '/api/v1/candidates/:id/accept',
    { schema: { tags, summary: 'Accept one’s nomination, optionally with a `presentation` (the nominee)', params: idParams, body: acceptInput, response: { 200: looseOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return ok<{ election: ElectionView }>(req, await acceptNomination(app.db, req.actor, req.params.id, req.body ?? {})).election;
    },
  );
  candidacy('/api/v1/candidates/:id/decline', 'Decline one’s nomination (the nominee)', (req, id) => declineNomination(app.db, req.actor, id));
  candidacy('/api/v1/candidates/:id/withdraw', 'Withdraw a candidacy before the election starts (the candidate, the chair or staff)', (req, id) => withdrawCandidate(app.db, req.actor, id));
}
