import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { assemblyFor } from './access.js';
import { hallProblem } from './hall-problems.js';
import { liveMessage, loadHallState } from './hall-state.js';
import { idParams, looseOutput } from './schema.js';
import { closeAssembly, openAssembly, setCurrentItem } from './session.js';
import {
  addSpeaker,
  askToSpeak,
  closeSpeakerList,
  finishSpeaker,
  giveFloor,
  loadSpeakerList,
  moveSpeaker,
  removeSpeaker,
  reopenSpeakerList,
  withdrawFromList,
  type SpeakerResult,
} from './speakers.js';

const speakerOutput = z.looseObject({ id: z.uuid(), personId: z.uuid(), name: z.string(), status: z.string(), position: z.number().int() });
const listOutput = z.looseObject({ itemId: z.uuid().nullable(), closed: z.boolean(), speakers: z.array(speakerOutput) });
const sessionOutput = z.looseObject({ status: z.string(), currentItemId: z.uuid().nullable() });
const moveInput = z.union([z.object({ direction: z.enum(['up', 'down']) }).strict(), z.object({ position: z.number().int().min(1).max(1000) }).strict()]);

/**
 * The hall over the API: opening and closing the assembly, the item on the floor, the speakers'
 * list, and the hall's state as the live stream sends it. A member uses their personal token to ask
 * to speak; the chair and staff of the unit run the rest.
 */
export async function hallApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assemblies'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const list = (req: FastifyRequest, result: SpeakerResult) => {
    if (!result.ok) throw hallProblem(req, result);
    return result.list;
  };

  r.post(
    '/api/v1/assemblies/:id/open',
    { schema: { tags, summary: 'Open the assembly (the chair or staff of the unit); its first item goes on the floor', params: idParams, response: { 200: sessionOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await openAssembly(app.db, req.actor, req.params.id);
      if (!result.ok) throw hallProblem(req, result);
      return result;
    },
  );

  r.post(
    '/api/v1/assemblies/:id/close',
    { schema: { tags, summary: 'Close the assembly (refused while a poll is open: `hall.poll_open`)', params: idParams, response: { 200: sessionOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await closeAssembly(app.db, req.actor, req.params.id);
      if (!result.ok) throw hallProblem(req, result);
      return result;
    },
  );

  r.put(
    '/api/v1/assemblies/:id/current-item',
    { schema: { tags, summary: 'Put an agenda item on the floor (the chair or staff of the unit)', params: idParams, body: z.object({ itemId: z.uuid() }).strict(), response: { 200: sessionOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await setCurrentItem(app.db, req.actor, req.params.id, req.body.itemId);
      if (!result.ok) throw hallProblem(req, result);
      return result;
    },
  );

  r.get(
    '/api/v1/assemblies/:id/hall',
    {
      schema: {
        tags,
        summary: 'The hall now: the item on the floor, present and quorum, speakers, the polls of the item with their turnout',
        description: 'The same JSON as the `state` events of `GET /assemblies/{id}/live` (Server-Sent Events).',
        params: idParams,
        response: { 200: looseOutput, 401: problemSchema, 404: problemSchema },
      },
    },
    async (req) => {
      signedIn(req);
      const found = await assemblyFor(app.db, req.actor, req.params.id, 'assembly.view');
      if (!found.ok) throw hallProblem(req, found);
      return liveMessage((await loadHallState(app.db, req.params.id))!);
    },
  );

  r.get(
    '/api/v1/assemblies/:id/speakers',
    { schema: { tags, summary: 'The speakers’ list of the item on the floor', params: idParams, response: { 200: listOutput, 401: problemSchema, 404: problemSchema } } },
    async (req) => {
      signedIn(req);
      const found = await assemblyFor(app.db, req.actor, req.params.id, 'assembly.view');
      if (!found.ok) throw hallProblem(req, found);
      const itemId = found.assembly.currentItemId;
      return itemId ? loadSpeakerList(app.db, itemId) : { itemId: null, closed: false, speakers: [] };
    },
  );

  r.post(
    '/api/v1/assemblies/:id/speakers',
    {
      schema: {
        tags,
        summary: 'Ask to speak on the item on the floor (as the signed-in member), or, as the chair, put `personId` on the list',
        description: 'A member must be checked in; a closed list refuses with `speaker.list_closed` (the chair may still add).',
        params: idParams,
        body: z.object({ personId: z.uuid().optional() }).strict().optional(),
        response: { 200: listOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const personId = req.body?.personId;
      return list(req, personId ? await addSpeaker(app.db, req.actor, req.params.id, personId) : await askToSpeak(app.db, req.actor, req.params.id));
    },
  );

  r.post(
    '/api/v1/assemblies/:id/speakers/withdraw',
    { schema: { tags, summary: 'Withdraw the signed-in member’s request to speak', params: idParams, response: { 200: listOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return list(req, await withdrawFromList(app.db, req.actor, req.params.id));
    },
  );

  r.post(
    '/api/v1/assemblies/:id/speakers/close',
    { schema: { tags, summary: 'Close the speakers’ list of the item on the floor (the chair)', params: idParams, response: { 200: listOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return list(req, await closeSpeakerList(app.db, req.actor, req.params.id));
    },
  );

  r.post(
    '/api/v1/assemblies/:id/speakers/reopen',
    { schema: { tags, summary: 'Open the speakers’ list again (the chair)', params: idParams, response: { 200: listOutput, ...errors } } },
    async (req) => {
      signedIn(req);
      return list(req, await reopenSpeakerList(app.db, req.actor, req.params.id));
    },
  );

  const chairStep = (path: string, summary: string, run: typeof giveFloor) =>
    r.post(path, { schema: { tags, summary, params: idParams, response: { 200: listOutput, ...errors } } }, async (req) => {
      signedIn(req);
      return list(req, await run(app.db, req.actor, req.params.id));
    });
  chairStep('/api/v1/speakers/:id/floor', 'Give a waiting speaker the floor (whoever had it is done)', giveFloor);
  chairStep('/api/v1/speakers/:id/done', 'Mark a speaker done', finishSpeaker);
  chairStep('/api/v1/speakers/:id/remove', 'Strike a waiting speaker off the list', removeSpeaker);

  r.post(
    '/api/v1/speakers/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a waiting speaker: `{ direction: "up" | "down" }` or `{ position }` (1 = next to speak)',
        params: idParams,
        body: moveInput,
        response: { 200: listOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      return list(req, await moveSpeaker(app.db, req.actor, req.params.id, req.body));
    },
  );
}
