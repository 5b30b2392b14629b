import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorPersonId } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { fieldError, fieldErrorsFromZod, ProblemError, type FieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import { pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import type { AssemblyRow } from './access.js';
import { electionProblem } from './elect-answers.js';
import { electionsApi } from './elect-api.js';
import { unitBoard } from './elect-board.js';
import { acceptNomination, declineNomination, nominate, withdrawCandidate, type CandidacyResult } from './elect-candidates.js';
import { startElection } from './elect-elections.js';
import { electionFor, loadElection } from './elect-queries.js';
import { candidateInput } from './elect-schema.js';
import { optionalText } from './schema.js';
import { rollMembersByNumber } from './motion-cosigners.js';
import { can } from './policy.js';
import { BoardPage } from './pages/elect-board.js';
import { ElectionPage, type ElectionAbilities, type ElectionForm } from './pages/elect-election.js';

const idParams = z.object({ id: z.uuid() });
const presentationInput = z.object({ presentation: optionalText(2000) });
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const idOf = (req: FastifyRequest) => {
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new ProblemError(404, 'http.not_found');
  return p.data.id;
};

/** The use case's paths → the forms' field names; a path with no field of its own is told above the forms. */
const formField = (path: string) => (path === 'personId' ? 'memberNumber' : path === 'presentation' ? 'presentation' : '');

const pageErrors = (req: FastifyRequest, failure: Failure<string>) => pageFailure(req, failure, electionProblem, formField);

const mayNominate = (req: FastifyRequest, a: AssemblyRow) =>
  (a.status === 'notice_sent' || a.status === 'in_session') && (can(req.actor, 'assembly.manage', a) || can(req.actor, 'assembly.run', a) || can(req.actor, 'assembly.participate', a));

/**
 * The unit's board page (public) and the election's page: candidates with their presentations, the
 * nomination form (oneself, or another member of the roll by member number), the nominee's accept
 * and decline, and the chair's start. Each form posts to the same use case as the API and redirects.
 */
export async function electionPages(app: FastifyInstance): Promise<void> {
  app.get('/units/:id/board', async (req, reply) => {
    const p = idParams.safeParse(req.params);
    const board = p.success ? await unitBoard(app.db, p.data.id) : null;
    if (!board) return refuse(req, 'not_found', { visitorsSeeNotFound: true });
    return reply.html(<BoardPage view={await reply.view()} board={board} />);
  });

  const electionPage = async (req: FastifyRequest, reply: FastifyReply, electionId: string, active: ElectionForm = null, status = 200) => {
    const found = await electionFor(app.db, req.actor, electionId, 'assembly.view');
    if (!found.ok) return refuse(req, found);
    const a = found.assembly;
    const e = (await loadElection(app.db, req.actor, a, electionId))!;
    const may: ElectionAbilities = {
      me: actorPersonId(req.actor),
      nominate: mayNominate(req, a),
      onRoll: a.onRoll && req.actor.kind === 'person',
      run: can(req.actor, 'assembly.run', a),
      inSession: a.status === 'in_session',
    };
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<ElectionPage view={await reply.view()} e={e} may={may} active={active} />);
  };

  app.get('/elections/:id', async (req, reply) => electionPage(req, reply, idOf(req)));

  const after = async (req: FastifyRequest, reply: FastifyReply, electionId: string, key: string, result: { ok: true } | Failure<string>, flash: string) => {
    if (result.ok) {
      reply.flash('success', req.t(flash));
      return reply.redirect(`/elections/${electionId}`, 303);
    }
    const { errors, status } = pageErrors(req, result);
    return electionPage(req, reply, electionId, { key, state: { values: formValues(req.body), errors } }, status);
  };

  app.post('/elections/:id/nominate', async (req, reply) => {
    const id = idOf(req);
    const found = await electionFor(app.db, req.actor, id, 'assembly.view');
    if (!found.ok) return refuse(req, found);
    // Whether the reader may nominate at all comes before what they typed (and before any number is looked up).
    if (!can(req.actor, 'assembly.manage', found.assembly) && !can(req.actor, 'assembly.run', found.assembly) && !can(req.actor, 'assembly.participate', found.assembly)) return refuse(req, 'forbidden');
    const values = formValues(req.body);
    const number = text(values.memberNumber);
    const errors: FieldError[] = [];
    let personId = actorPersonId(req.actor);
    if (number) {
      const known = await rollMembersByNumber(app.db, found.assembly.id, [number]);
      personId = known.ids.get(number) ?? null;
      if (!personId) errors.push(fieldError(req.t, 'memberNumber', 'election.member_unknown', { number }));
    } else if (!personId || !found.assembly.onRoll) errors.push(fieldError(req.t, 'memberNumber', 'validation.required'));
    const parsed = candidateInput.safeParse({ electionId: id, personId: personId ?? '', presentation: text(values.presentation) });
    if (!parsed.success && errors.length === 0) errors.push(...fieldErrorsFromZod(parsed.error, req.t).map((e) => ({ ...e, path: formField(e.path) || 'memberNumber' })));
    if (errors.length > 0 || !parsed.success) return electionPage(req, reply, id, { key: 'nominate', state: { values, errors } }, 422);
    const result = await nominate(app.db, req.actor, found.assembly.id, parsed.data);
    return after(req, reply, id, 'nominate', result, result.ok && !result.candidate.accepted ? 'election.flash.nominated_other' : 'election.flash.nominated');
  });

  app.post('/elections/:id/start', async (req, reply) => {
    const id = idOf(req);
    const result = await startElection(app.db, req.actor, id);
    return after(req, reply, id, 'start', result, result.ok && result.pollId ? 'election.flash.poll_made' : 'election.flash.decided');
  });

  const candidacy = (action: string, flash: string, run: (req: FastifyRequest, id: string) => Promise<CandidacyResult>) =>
    app.post(`/candidates/:id/${action}`, async (req, reply) => {
      const candidateId = idOf(req);
      const [c] = await queryRows<{ electionId: string }>(app.db, sql`select election_id as "electionId" from candidates where id = ${candidateId}`);
      if (!c) return refuse(req, 'not_found');
      return after(req, reply, c.electionId, `${action}-${candidateId}`, await run(req, candidateId), flash);
    });

  app.post('/candidates/:id/accept', async (req, reply) => {
    const candidateId = idOf(req);
    const [c] = await queryRows<{ electionId: string; personId: string }>(app.db, sql`select election_id as "electionId", person_id as "personId" from candidates where id = ${candidateId}`);
    if (!c) return refuse(req, 'not_found');
    const parsed = presentationInput.safeParse({ presentation: text(formValues(req.body).presentation) });
    if (!parsed.success) {
      // Only the nominee's own typing is worth telling them about; anyone else is refused as the use case would.
      const found = await electionFor(app.db, req.actor, c.electionId, 'assembly.view');
      if (!found.ok) return refuse(req, found);
      if (actorPersonId(req.actor) !== c.personId) return after(req, reply, c.electionId, `accept-${candidateId}`, { ok: false, reason: 'not_nominee' }, '');
      return electionPage(req, reply, c.electionId, { key: `accept-${candidateId}`, state: { values: formValues(req.body), errors: fieldErrorsFromZod(parsed.error, req.t) } }, 422);
    }
    return after(req, reply, c.electionId, `accept-${candidateId}`, await acceptNomination(app.db, req.actor, candidateId, parsed.data), 'election.flash.accepted');
  });
  candidacy('decline', 'election.flash.declined', (req, id) => declineNomination(app.db, req.actor, id));
  candidacy('withdraw', 'election.flash.withdrawn', (req, id) => withdrawCandidate(app.db, req.actor, id));
}

/** The elections' API and pages, as the feature registers them. */
export async function electionRoutes(app: FastifyInstance): Promise<void> {
  await app.register(electionsApi);
  await app.register(electionPages);
}
