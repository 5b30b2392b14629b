import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOCALE_COOKIE } from '../../kernel/request-context.js';
import { isLocale, translator } from '../../platform/i18n/i18n.js';
import { eventMailContext } from '../events/index.js';
import { acceptInvitation, findInvitation } from './invitations.js';
import { findUnsubscribeTarget, unsubscribeByToken } from './unsubscribe.js';
import { BadLinkPage, InvitationPage, UnsubscribePage, UnsubscribedPage } from './pages/public.js';

/** The personal links are credentials: kept out of caches, referrers and search engines. */
function secretPage(reply: FastifyReply): FastifyReply {
  return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
}

/**
 * The pages behind the personal links in mailings: one-click unsubscribe (RFC 8058) and the
 * invitation's register link. Neither needs a log-in and neither changes anything on GET.
 */
export async function mailingLinkPages(app: FastifyInstance): Promise<void> {
  /** A visitor without a language of their own reads the page in the language the mail was in. */
  const readerView = async (req: FastifyRequest, reply: FastifyReply, locale: string | null) => {
    const view = await reply.view();
    if (!req.cookies[LOCALE_COOKIE] && req.actor.kind === 'anonymous' && isLocale(locale)) {
      view.locale = locale;
      view.t = translator(locale);
    }
    return view;
  };

  const badLink = async (reply: FastifyReply) => secretPage(reply).status(404).html(<BadLinkPage view={await reply.view()} />);

  app.get<{ Params: { token: string } }>('/unsubscribe/:token', async (req, reply) => {
    const target = await findUnsubscribeTarget(app.db, req.params.token);
    if (!target) return badLink(reply);
    const view = await readerView(req, reply, target.locale);
    return secretPage(reply).html(<UnsubscribePage view={view} token={req.params.token} topic={target.topicName} subscribed={target.subscribed} />);
  });

  // A mail client's one-click POST has no cookie and no CSRF token. The POST does one thing, to the
  // person and topic its unforgeable address names, which anyone holding the address could do anyway.
  app.post<{ Params: { token: string } }>('/unsubscribe/:token', { config: { csrf: false } }, async (req, reply) => {
    const result = await unsubscribeByToken(app.db, req.actor, req.params.token);
    if (!result.ok) return badLink(reply);
    const view = await readerView(req, reply, result.target.locale);
    // 200 with a page for a person at the button; a mail client only looks at the status.
    return secretPage(reply).status(200).html(<UnsubscribedPage view={view} topic={result.target.topicName} />);
  });

  app.get<{ Params: { token: string } }>('/invitations/:token', async (req, reply) => {
    const invitation = await findInvitation(app.db, req.params.token);
    if (!invitation) return badLink(reply);
    return secretPage(reply).html(<InvitationPage view={await readerView(req, reply, invitation.locale)} token={req.params.token} invitation={invitation} outcome={null} />);
  });

  app.post<{ Params: { token: string } }>('/invitations/:token', async (req, reply) => {
    const result = await acceptInvitation(app.db, req.params.token, await eventMailContext(app), req.ip);
    if (!result.ok && result.reason === 'not_found') return badLink(reply);
    const view = await readerView(req, reply, result.ok ? result.invitation.locale : result.invitation.locale);
    if (!result.ok) {
      // Registered already (a second click, or both the mail and the event page): said so, not refused.
      const outcome = result.reason === 'duplicate' ? { kind: 'already' as const } : { kind: 'refused' as const, reason: result.reason };
      return secretPage(reply).status(result.reason === 'duplicate' ? 200 : 409).html(<InvitationPage view={view} token={req.params.token} invitation={result.invitation} outcome={outcome} />);
    }
    const outcome = result.status === 'waitlisted' ? { kind: 'waitlisted' as const, position: result.waitlistPosition } : { kind: result.status };
    return secretPage(reply).html(<InvitationPage view={view} token={req.params.token} invitation={result.invitation} outcome={outcome} />);
  });
}
