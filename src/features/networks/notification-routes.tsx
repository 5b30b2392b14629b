import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError } from '../../platform/errors.js';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { Layout } from '../../platform/html/layout.js';
import { ErrorSummary } from '../../platform/html/components.js';
import type { View } from '../../platform/html/view.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { translator, type Translate } from '../../platform/i18n/i18n.js';
import { problemFor, refuse, type Failure } from '../../platform/outcomes.js';
import type { FieldError } from '../../platform/errors.js';
import { LOCALE_COOKIE } from '../../kernel/request-context.js';
import { findNotificationTarget, setNotificationMode, setNotificationModeByToken, type NotificationTarget } from './notifications.js';
import { notificationModes, type NotificationMode } from './tables.js';

/** Each mode's name (`networks.notifications.modes.…`). */
export const notificationModeLabel = {
  each: 'networks.notifications.modes.each',
  digest: 'networks.notifications.modes.digest',
  none: 'networks.notifications.modes.none',
} as const satisfies LabelTable<NotificationMode>;

/** What each mode means, beside its button (`networks.notifications.hints.…`). */
export const notificationModeHint = {
  each: 'networks.notifications.hints.each',
  digest: 'networks.notifications.hints.digest',
  none: 'networks.notifications.hints.none',
} as const satisfies LabelTable<NotificationMode>;

/** What the reader now gets, after saving (`networks.notifications.saved.…`). */
const savedText = {
  each: 'networks.notifications.saved.each',
  digest: 'networks.notifications.saved.digest',
  none: 'networks.notifications.saved.none',
} as const satisfies LabelTable<NotificationMode>;

const modeInput = z.object({ mode: z.enum(notificationModes) });
const idParams = z.object({ id: z.uuid() });
const tokenParams = z.object({ token: z.string().min(1).max(200) });

/**
 * The three choices as one-click buttons of a form that works without JavaScript: the button
 * pressed is the choice sent (`mode`), the present one is marked as pressed.
 */
function ModeButtons({ t, mode, idPrefix }: { t: Translate; mode: NotificationMode; idPrefix: string }): JSX.Element {
  return (
    <fieldset class="choice-field network-notification-choice">
      <legend safe>{t('networks.notifications.legend')}</legend>
      <p class="hint" safe>
        {t('networks.notifications.current', { mode: t(notificationModeLabel[mode]) })}
      </p>
      {notificationModes.map((m) => (
        <p class="inline-actions">
          <button
            type="submit"
            name="mode"
            value={m}
            class={m === mode ? 'button' : 'button button-secondary'}
            aria-pressed={m === mode ? 'true' : 'false'}
            aria-describedby={`${idPrefix}-hint-${m}`}
            safe
          >
            {t(notificationModeLabel[m])}
          </button>
          <span class="hint" id={`${idPrefix}-hint-${m}`} safe>
            {t(notificationModeHint[m])}
          </span>
        </p>
      ))}
    </fieldset>
  );
}

/**
 * The signed-in participant's choice for a network, for the network's page to embed: posts to
 * `/networks/{id}/notifications`, which saves and comes back to the page.
 */
export function NotificationChoice({ t, networkId, mode, csrf }: { t: Translate; networkId: string; mode: NotificationMode; csrf: string }): JSX.Element {
  return (
    <form method="post" action={`/networks/${encodeURIComponent(networkId)}/notifications`} class="network-notifications">
      <input type="hidden" name="_csrf" value={csrf} />
      <ModeButtons t={t} mode={mode} idPrefix={`network-${networkId.replace(/[^\w-]/g, '')}-notify`} />
    </form>
  );
}

/** The page behind a mail's personal link: the network's name, the choice now, and the buttons; after saving, what the reader now gets. */
function NotificationLinkPage({ view, target, token, saved, errors }: { view: View; target: NotificationTarget; token: string; saved: boolean; errors: FieldError[] }): JSX.Element {
  const { t } = view;
  const title = saved ? t('networks.notifications.saved_title') : t('networks.notifications.title');
  return (
    <Layout view={view} title={title}>
      <div class="card narrow">
        <h1 safe>{title}</h1>
        {saved ? (
          <p class="lead" role="status" safe>
            {t(savedText[target.mode], { network: target.networkName })}
          </p>
        ) : (
          <p class="lead" safe>
            {t('networks.notifications.lead', { network: target.networkName })}
          </p>
        )}
        <ErrorSummary view={view} errors={errors} />
        <form method="post" action={`/networks/notifications/${encodeURIComponent(token)}`}>
          <input type="hidden" name="_csrf" value={view.csrfToken} />
          <ModeButtons t={t} mode={target.mode} idPrefix="notify" />
        </form>
        <p>
          <a href={`/networks/${target.networkId}`} safe>
            {t('networks.notifications.to_network')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** A personal link is a credential: kept out of caches, referrers and search engines. */
function secretPage(reply: FastifyReply): FastifyReply {
  return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
}

const notFoundPage = (): never => {
  // The usual "not found", for anyone: a link that is not genuine tells nothing of any network.
  throw new ProblemError(404, 'http.not_found');
};

/**
 * The pages of the networks' notifications: the personal link of every network mail
 * (`/networks/notifications/{token}`, no log-in needed: the link is the proof), where one click
 * changes how its reader hears of new posts, and the signed-in form of the network's page.
 */
export async function networkNotificationPages(app: FastifyInstance): Promise<void> {
  /** The page in the language of the person the link is for, unless the visitor chose one or is signed in. */
  const viewFor = async (req: FastifyRequest, reply: FastifyReply, target: NotificationTarget): Promise<View> => {
    const view = await reply.view();
    if (req.actor.kind === 'anonymous' && !req.cookies[LOCALE_COOKIE] && target.locale) {
      view.locale = target.locale;
      view.t = translator(target.locale);
    }
    return view;
  };

  app.get('/networks/notifications/:token', async (req, reply) => {
    const p = tokenParams.safeParse(req.params);
    const target = p.success ? await findNotificationTarget(app.db, p.data.token) : null;
    if (!p.success || !target) return notFoundPage();
    return secretPage(reply).html(<NotificationLinkPage view={await viewFor(req, reply, target)} target={target} token={p.data.token} saved={false} errors={[]} />);
  });

  app.post('/networks/notifications/:token', async (req, reply) => {
    const p = tokenParams.safeParse(req.params);
    const target = p.success ? await findNotificationTarget(app.db, p.data.token) : null;
    if (!p.success || !target) return notFoundPage();
    const body = modeInput.safeParse(req.body);
    const view = await viewFor(req, reply, target);
    if (!body.success) {
      const errors = [{ path: 'mode', code: 'networks.notifications.mode_invalid', message: view.t('networks.notifications.mode_invalid') }];
      return secretPage(reply).status(422).html(<NotificationLinkPage view={view} target={target} token={p.data.token} saved={false} errors={errors} />);
    }
    const result = await setNotificationModeByToken(app.db, p.data.token, body.data.mode);
    if (!result.ok) return notFoundPage();
    return secretPage(reply).html(<NotificationLinkPage view={view} target={result.target} token={p.data.token} saved={true} errors={[]} />);
  });

  app.post('/networks/:id/notifications', async (req, reply) => {
    if (req.actor.kind === 'anonymous') return refuse(req, 'forbidden');
    const p = idParams.safeParse(req.params);
    if (!p.success) return refuse(req, 'not_found');
    const body = modeInput.safeParse(req.body);
    const result = await setNotificationMode(app.db, req.actor, p.data.id, body.success ? body.data.mode : '');
    if (!result.ok && result.reason !== 'invalid') return refuse(req, result);
    if (result.ok) reply.flash('success', req.t('networks.notifications.saved_flash', { mode: req.t(notificationModeLabel[result.mode]) }));
    else reply.flash('error', req.t('networks.notifications.mode_invalid'));
    return reply.redirect(`/networks/${p.data.id}`, 303);
  });
}

/** `PUT /api/v1/networks/{id}/notifications`: the signed-in participant's choice, the same use case as the page's. */
export async function networkNotificationApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.put(
    '/api/v1/networks/:id/notifications',
    {
      schema: {
        tags: ['Networks'],
        summary: 'Choose how I hear of new posts in a network (each post, a daily digest, or none)',
        params: idParams,
        body: modeInput,
        response: { 200: z.object({ mode: z.enum(notificationModes) }), 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, req.actor.kind !== 'anonymous');
      const result = await setNotificationMode(app.db, req.actor, req.params.id, req.body.mode);
      if (!result.ok) throw problemFor(req, result as Failure<never>, {});
      return { mode: result.mode };
    },
  );
}
