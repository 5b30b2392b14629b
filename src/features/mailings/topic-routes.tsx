import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldErrorsFromZod, ProblemError } from '../../platform/errors.js';
import { canManageTopics } from './policy.js';
import { topicInput } from './schema.js';
import { createTopic, listTopics, updateTopic } from './topics.js';
import { TopicsPage } from './pages/topics.js';

const uuid = z.uuid();

/** The form's flat fields (`name_sv`, a checkbox that sends nothing when off) as the API's topic. */
function parseTopicForm(req: FastifyRequest): { ok: true; data: z.output<typeof topicInput> } | { ok: false; form: FormState } {
  const v = formValues(req.body);
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  const input = {
    name: { da: s('name_da'), sv: s('name_sv'), en: s('name_en') },
    description: { da: s('description_da'), sv: s('description_sv'), en: s('description_en') },
    defaultSubscribed: v.defaultSubscribed === 'on',
    active: v.active === 'on',
    position: Number(s('position') || 0),
  };
  const parsed = topicInput.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors = fieldErrorsFromZod(parsed.error, req.t).map((e) => ({ ...e, path: e.path.replace(/^(name|description)\.(da|sv|en)$/, '$1_$2') }));
  return { ok: false, form: { values: v, errors } };
}

/** Staff keep the catalogue of newsletter topics at /mailings/topics. */
export async function topicPages(app: FastifyInstance): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), editing: string | null = null, status = 200) => {
    const topics = await listTopics(app.db);
    return reply.header('cache-control', 'no-store').status(status).html(<TopicsPage view={await reply.view()} topics={topics} form={form} editing={editing} />);
  };

  app.get('/mailings/topics', async (req, reply) => {
    allow(req, canManageTopics(req.actor));
    return page(req, reply);
  });

  app.post('/mailings/topics', async (req, reply) => {
    allow(req, canManageTopics(req.actor));
    const parsed = parseTopicForm(req);
    if (!parsed.ok) return page(req, reply, parsed.form, null, 422);
    const result = await createTopic(app.db, req.actor, parsed.data);
    if (!result.ok) throw new ProblemError(403, 'http.forbidden');
    reply.flash('success', req.t('mailings.flash.topic_saved'));
    return reply.redirect('/mailings/topics', 303);
  });

  app.post<{ Params: { id: string } }>('/mailings/topics/:id', async (req, reply) => {
    allow(req, canManageTopics(req.actor));
    if (!uuid.safeParse(req.params.id).success) throw new ProblemError(404, 'http.not_found');
    const parsed = parseTopicForm(req);
    if (!parsed.ok) return page(req, reply, parsed.form, req.params.id, 422);
    const result = await updateTopic(app.db, req.actor, req.params.id, parsed.data);
    if (!result.ok) throw result.reason === 'not_found' ? new ProblemError(404, 'http.not_found') : new ProblemError(403, 'http.forbidden');
    reply.flash('success', req.t('mailings.flash.topic_saved'));
    return reply.redirect('/mailings/topics', 303);
  });
}
