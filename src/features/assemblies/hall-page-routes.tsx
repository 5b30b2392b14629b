import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { actorPersonId } from '../../platform/actor.js';
import { queryRows } from '../../platform/db/database.js';
import { formValues } from '../../platform/http/forms.js';
import { ProblemError, type FieldError } from '../../platform/errors.js';
import { pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { loadAgenda } from './queries.js';
import { loadHallState, type HallState } from './hall-state.js';
import { loadHallSeat, presentMembers } from './hall-queries.js';
import { hallProblem } from './hall-problems.js';
import { hallLive } from './hall-live.js';
import { closeAssembly, openAssembly, setCurrentItem } from './session.js';
import { addSpeaker, askToSpeak, closeSpeakerList, finishSpeaker, giveFloor, moveSpeaker, removeSpeaker, reopenSpeakerList, withdrawFromList } from './speakers.js';
import { hallPollActions, type HallPageContext } from './hall-poll-routes.js';
import { ConsolePage, type ChairPoll } from './pages/hall-console.js';
import { HallPhonePage } from './pages/hall-phone.js';
import { ProjectorPage } from './pages/hall-projector.js';
import type { PollResult } from './poll-tables.js';

const idParams = z.object({ id: z.uuid() });
const speakerParams = z.object({ id: z.uuid(), speakerId: z.uuid() });

/** A use case's failure as one line above the page (the hall's forms are buttons: no field to point at). */
export const hallPageErrors = (req: FastifyRequest, failure: Failure<string>): FieldError[] => pageFailure(req, failure, hallProblem, () => '').errors;


/**
 * The hall's pages: the chair's console (`/assemblies/{id}/console`, the chair and staff of the
 * unit), the projector (`/projector`) and the member's phone page (`/hall`) for whoever may see the
 * assembly, the live stream (`/live`), and the forms of each. Every form posts and redirects, so the
 * pages work without JavaScript; the stream only spares the reload.
 */
export async function hallPages(app: FastifyInstance): Promise<void> {
  await app.register(hallLive);

  const idOf = (req: FastifyRequest) => {
    const p = idParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    return p.data.id;
  };
  const stateOf = async (id: string): Promise<HallState> => {
    const state = await loadHallState(app.db, id);
    if (!state) throw new ProblemError(404, 'http.not_found');
    return state;
  };
  const fragmentHeaders = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  const consolePage = async (req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], status = 200) => {
    const found = await assemblyFor(app.db, req.actor, id, 'assembly.run');
    if (!found.ok) refuse(req, found);
    const state = await stateOf(id);
    const [agenda, present, counted] = await Promise.all([
      loadAgenda(app.db, id),
      presentMembers(app.db, id),
      // The chair sees a closed poll's count before the hall does (publishing shows it to everyone).
      queryRows<{ id: string; result: PollResult | null; paperCounts: Record<string, number> | null }>(
        app.db,
        sql`select id, case when status = 'closed' then result end as result, paper_counts as "paperCounts" from polls where assembly_id = ${id} and status in ('open', 'closed')`,
      ),
    ]);
    const polls: ChairPoll[] = state.polls.map((p) => {
      const own = counted.find((c) => c.id === p.id);
      return { ...p, counted: own?.result ?? null, paperCounts: own?.paperCounts ?? null };
    });
    const base = `/assemblies/${id}`;
    return fragmentHeaders(reply)
      .status(status)
      .html(<ConsolePage view={await reply.view()} state={state} polls={polls} agenda={agenda} present={present} errors={errors} base={`${base}/console`} assemblyBase={base} />);
  };

  const hallPage = async (req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], status = 200) => {
    const found = await assemblyFor(app.db, req.actor, id, 'assembly.view');
    if (!found.ok) refuse(req, found);
    const state = await stateOf(id);
    const seat = await loadHallSeat(app.db, id, actorPersonId(req.actor), state.polls.map((p) => p.id));
    return fragmentHeaders(reply)
      .status(status)
      .html(<HallPhonePage view={await reply.view()} state={state} seat={seat} errors={errors} base={`/assemblies/${id}/hall`} liveSrc={`/assemblies/${id}/live`} />);
  };

  const after: HallPageContext['after'] = async (req, reply, page, id, result, done) => {
    if (result.ok) {
      reply.flash('success', req.t(done));
      return reply.redirect(`/assemblies/${id}/${page}`, 303);
    }
    const errors = hallPageErrors(req, result as Failure<string>);
    const status = hallProblem(req, result as Failure<string>).status;
    return page === 'console' ? consolePage(req, reply, id, errors, status) : hallPage(req, reply, id, errors, status);
  };

  app.get('/assemblies/:id/console', async (req, reply) => consolePage(req, reply, idOf(req)));
  app.get('/assemblies/:id/hall', async (req, reply) => hallPage(req, reply, idOf(req)));

  app.get('/assemblies/:id/projector', async (req, reply) => {
    const id = idOf(req);
    const found = await assemblyFor(app.db, req.actor, id, 'assembly.view');
    if (!found.ok) refuse(req, found);
    const state = await stateOf(id);
    return fragmentHeaders(reply).html(<ProjectorPage view={await reply.view()} state={state} liveSrc={`/assemblies/${id}/live`} />);
  });

  // --- the chair ---

  app.post('/assemblies/:id/console/open', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, 'console', id, await openAssembly(app.db, req.actor, id), 'hall.flash.opened');
  });

  app.post('/assemblies/:id/console/close', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, 'console', id, await closeAssembly(app.db, req.actor, id), 'hall.flash.closed');
  });

  app.post('/assemblies/:id/console/current-item', async (req, reply) => {
    const id = idOf(req);
    const itemId = String(formValues(req.body).itemId ?? '');
    return after(req, reply, 'console', id, await setCurrentItem(app.db, req.actor, id, itemId), 'hall.flash.item_set');
  });

  app.post('/assemblies/:id/console/speakers', async (req, reply) => {
    const id = idOf(req);
    const personId = String(formValues(req.body).personId ?? '');
    return after(req, reply, 'console', id, await addSpeaker(app.db, req.actor, id, personId), 'hall.flash.speaker_added');
  });

  const speakerAction = z.enum(['floor', 'done', 'up', 'down', 'remove']);
  app.post('/assemblies/:id/console/speakers/:speakerId', async (req, reply) => {
    const p = speakerParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    const { id, speakerId } = p.data;
    const action = speakerAction.safeParse(formValues(req.body).action);
    if (!action.success) return consolePage(req, reply, id, [{ path: '', code: 'hall.unknown_action', message: req.t('hall.unknown_action') }], 422);
    const run = {
      floor: () => giveFloor(app.db, req.actor, speakerId),
      done: () => finishSpeaker(app.db, req.actor, speakerId),
      up: () => moveSpeaker(app.db, req.actor, speakerId, { direction: 'up' }),
      down: () => moveSpeaker(app.db, req.actor, speakerId, { direction: 'down' }),
      remove: () => removeSpeaker(app.db, req.actor, speakerId),
    }[action.data];
    return after(req, reply, 'console', id, await run(), 'hall.flash.speakers_updated');
  });

  app.post('/assemblies/:id/console/speaker-list', async (req, reply) => {
    const id = idOf(req);
    const close = formValues(req.body).action !== 'reopen';
    const result = close ? await closeSpeakerList(app.db, req.actor, id) : await reopenSpeakerList(app.db, req.actor, id);
    return after(req, reply, 'console', id, result, close ? 'hall.flash.list_closed' : 'hall.flash.list_reopened');
  });

  // --- the member in the hall ---

  app.post('/assemblies/:id/hall/speak', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, 'hall', id, await askToSpeak(app.db, req.actor, id), 'hall.flash.asked');
  });

  app.post('/assemblies/:id/hall/withdraw', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, 'hall', id, await withdrawFromList(app.db, req.actor, id), 'hall.flash.withdrawn');
  });

  await hallPollActions(app, { console: consolePage, hall: hallPage, after, idOf });
}
