import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { fieldError, ProblemError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { allow } from '../../platform/http/guard.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { createPersonalToken, listPersonalTokens, MAX_PERSONAL_TOKENS, revokePersonalToken } from '../../kernel/auth/api-tokens.js';
import { can } from './policy.js';
import { idParams, personalTokenInput } from './schema.js';
import { MeTokensPage } from './me-token-pages.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

/** `/me/tokens`: a person's own API tokens, which act as them with exactly their rights. */
export async function meTokenPages(app: FastifyInstance): Promise<void> {
  function me(req: FastifyRequest): PersonActor {
    allow(req, req.actor.kind === 'person' && can(req.actor, 'me.tokens', { personId: req.actor.personId }));
    return req.actor as PersonActor;
  }

  // A page that may hold a token's only showing: never kept by a browser's or a proxy's cache.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const page = async (reply: FastifyReply, actor: PersonActor, form: FormState, status = 200, created?: { name: string; value: string }) =>
    reply.status(status).html(<MeTokensPage view={await reply.view()} tokens={await listPersonalTokens(app.db, actor.personId)} form={form} created={created} />);

  app.get('/me/tokens', async (req, reply) => page(reply, me(req), emptyForm()));

  app.post('/me/tokens', async (req, reply) => {
    const actor = me(req);
    const form = parseForm(personalTokenInput, req.body, req.t);
    if (!form.ok) return page(reply, actor, form, 422);
    const result = await createPersonalToken(app.db, actor, { personId: actor.personId, name: form.data.name });
    if (!result.ok) {
      if (result.reason === 'not_found') throw new ProblemError(404, 'http.not_found');
      return page(reply, actor, { values: form.data, errors: [fieldError(req.t, result.field, 'me_tokens.too_many', { max: MAX_PERSONAL_TOKENS })] }, 422);
    }
    // Shown on this one response and never again: no redirect that could lose it, no cache that could keep it.
    return page(reply, actor, emptyForm(), 200, { name: result.token.name, value: result.token.value });
  });

  app.post('/me/tokens/:id/revoke', async (req, reply) => {
    const actor = me(req);
    const params = idParams.safeParse(req.params);
    // Someone else's token is "not found": revoking reveals nothing about other people's tokens.
    if (!params.success || !(await revokePersonalToken(app.db, actor, { personId: actor.personId, tokenId: params.data.id }))) throw new ProblemError(404, 'http.not_found');
    reply.flash('success', req.t('tokens.revoked_done'));
    return reply.redirect('/me/tokens', 303);
  });
}
