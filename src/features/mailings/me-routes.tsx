import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { formValues } from '../../platform/http/forms.js';
import { ProblemError } from '../../platform/errors.js';
import { loadMyNewsletters, setSubscriptions } from './subscriptions.js';
import { MyNewslettersPage } from './pages/newsletters.js';

const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid()).max(200));

/** /me/newsletters: a logged-in person opts in and out of each topic. */
export async function myNewsletterPages(app: FastifyInstance): Promise<void> {
  app.get('/me/newsletters', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    if (req.actor.kind !== 'person') throw new ProblemError(403, 'http.forbidden');
    const mine = await loadMyNewsletters(app.db, req.actor.personId);
    return reply.header('cache-control', 'no-store').html(<MyNewslettersPage view={await reply.view()} mine={mine} />);
  });

  app.post('/me/newsletters', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    if (req.actor.kind !== 'person') throw new ProblemError(403, 'http.forbidden');
    const values = formValues(req.body);
    const shown = ids.safeParse(values.shown);
    const ticked = ids.safeParse(values.subscribed);
    if (!shown.success || !ticked.success) throw new ProblemError(400, 'http.bad_request');
    const on = new Set(ticked.data);
    // Only the topics the form showed are answered: a topic added meanwhile keeps its default.
    const changed = await setSubscriptions(app.db, req.actor, req.actor.personId, shown.data.map((topicId) => ({ topicId, subscribed: on.has(topicId) })), 'me');
    reply.flash('success', req.t(changed.length ? 'mailings.me.saved' : 'mailings.me.nothing_changed'));
    return reply.redirect('/me/newsletters', 303);
  });
}
