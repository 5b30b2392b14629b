import type { FastifyInstance } from 'fastify';
import { checkEmailChange, confirmEmailChange } from '../../kernel/email-change.js';
import { mailContext } from './mail-context.js';
import { mailLocale, sendEmailChanged } from './mails.js';
import { tokenParams } from './schema.js';
import { BadEmailLinkPage, ConfirmEmailPage, EmailConfirmedPage } from './email-pages.js';

/** The link that makes a new address a person's log-in: looked at with GET, used with POST. No session needed: the link is the proof. */
export async function emailChangePages(app: FastifyInstance): Promise<void> {
  const limit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

  app.get('/me/email/confirm/:token', async (req, reply) => {
    const params = tokenParams.safeParse(req.params);
    const check = params.success ? await checkEmailChange(app.db, params.data.token) : ({ ok: false, reason: 'invalid' } as const);
    // The token is in the address: keep it out of other sites' logs and out of caches.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    if (!check.ok) return reply.status(check.reason === 'invalid' ? 404 : 410).html(<BadEmailLinkPage view={await reply.view()} reason={check.reason} />);
    return reply.html(<ConfirmEmailPage view={await reply.view()} token={params.data!.token} newEmail={check.newEmail} />);
  });

  app.post('/me/email/confirm/:token', { config: limit }, async (req, reply) => {
    const params = tokenParams.safeParse(req.params);
    const result = params.success ? await confirmEmailChange(app.db, req.actor, params.data.token) : ({ ok: false, reason: 'invalid' } as const);
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    if (!result.ok) return reply.status(result.reason === 'invalid' ? 404 : result.reason === 'email_taken' ? 409 : 410).html(<BadEmailLinkPage view={await reply.view()} reason={result.reason} />);
    if (result.oldEmail) {
      await sendEmailChanged(app.db, await mailContext(app), { email: result.oldEmail, firstName: result.person.firstName, locale: mailLocale(result.person.preferredLocale, req.locale) });
    }
    return reply.html(<EmailConfirmedPage view={await reply.view()} newEmail={result.newEmail} />);
  });
}
