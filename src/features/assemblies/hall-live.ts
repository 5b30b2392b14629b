import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ProblemError } from '../../platform/errors.js';
import { refuse } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { loadHallState, liveMessage } from './hall-state.js';
import { AssemblyHub, type LiveClient } from './live-hub.js';

/** One Server-Sent Event. JSON never holds a raw line break, so `data` is one line. */
export const sseFrame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** By the app's HTTP server, which a plugin's encapsulated instance shares with the app itself. */
const hubs = new WeakMap<object, AssemblyHub>();

/** The hub of an app (tests and the benchmark look at its pushes). */
export function hallHubOf(app: FastifyInstance): AssemblyHub | undefined {
  return hubs.get(app.server);
}

const idParams = z.object({ id: z.uuid() });

/**
 * `GET /assemblies/{id}/live`: the hall's state as Server-Sent Events, for whoever may see the
 * assembly. On connect and after every change (coalesced per assembly) it sends `event: state` with
 * the JSON of `liveMessage` — `counts` (present, `voted-<pollId>`, `eligible-<pollId>` …) and
 * `keys` (a fingerprint per page region); comment lines keep the stream alive in between.
 */
export async function hallLive(app: FastifyInstance): Promise<void> {
  const hub = new AssemblyHub(
    app.database,
    async (assemblyId) => {
      const state = await loadHallState(app.db, assemblyId);
      return state ? sseFrame('state', liveMessage(state)) : null;
    },
    { onError: (err) => app.log.error({ err }, 'the hall’s live state could not be read') },
  );
  hubs.set(app.server, hub);
  // Open streams would keep the server from stopping: end them first.
  app.addHook('preClose', async () => hub.close());

  app.get('/assemblies/:id/live', async (req, reply) => {
    const parsed = idParams.safeParse(req.params);
    if (!parsed.success) throw new ProblemError(404, 'http.not_found');
    const id = parsed.data.id;
    const found = await assemblyFor(app.db, req.actor, id, 'assembly.view');
    if (!found.ok) refuse(req, found);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // nginx and friends would otherwise hold the frames back in their buffers.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    let pushed = false;
    let ended = false;
    const client: LiveClient = {
      send(frame) {
        pushed = true;
        if (!ended) res.write(frame);
      },
      end() {
        ended = true;
        res.end();
      },
    };
    let unsubscribe: () => void = () => undefined;
    req.raw.on('close', () => {
      ended = true;
      unsubscribe();
    });
    try {
      unsubscribe = await hub.subscribe(id, client);
      if (ended) return unsubscribe();
      // Read after subscribing, so no change falls between the two; a push that came first is newer.
      const state = await loadHallState(app.db, id);
      if (state && !pushed && !ended) res.write(sseFrame('state', liveMessage(state)));
    } catch (err) {
      app.log.error({ err }, 'the hall’s live stream could not start');
      client.end();
    }
  });
}
