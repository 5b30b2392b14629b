import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { ProblemError } from '../../platform/errors.js';
import { Layout } from '../../platform/html/layout.js';
import { Csrf, PageHeader } from '../../platform/html/components.js';
import type { View } from '../../platform/html/view.js';
import { isLocale, translator } from '../../platform/i18n/i18n.js';
import { sha256 } from '../../platform/secrets.js';
import { getBrand } from '../../kernel/organisation.js';
import { eventIcs, eventPageUrl } from './calendar.js';
import { createCalendarFeed, personalFeed, unitFeed } from './calendar-feeds.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

/** How often a subscribing app is asked to fetch again; changes reach it within about this time. */
const FEED_TTL_SECONDS = 3600;

/** A file name from a unit's name, in plain ASCII: "Kreds Nord" → "kreds-nord.ics". */
export function icsFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/æ|ä/g, 'ae')
    .replace(/ø|ö/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'events'}.ics`;
}

/**
 * Sends an iCalendar document. The ETag lets a subscribing app's frequent polls end in a 304; the
 * document only changes when an event (its `updatedAt`) or the set of events does.
 */
export function sendCalendar(req: FastifyRequest, reply: FastifyReply, ics: string, opts: { fileName: string; cacheControl: string }) {
  const etag = `"${sha256(ics).slice(0, 32)}"`;
  reply.header('cache-control', opts.cacheControl).header('etag', etag);
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${opts.fileName}"`).send(ics);
}

/**
 * Calendars: a person's secret feed of their own events, a unit's public feed, and the form that
 * makes (or replaces) the secret feed address.
 */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const eventUrl = (e: { slug: string }) => eventPageUrl(app.config.publicUrl, e.slug);

  // The token in the path is the only credential: calendar apps send no cookies. Reading is not
  // audited (the feed shows its owner's own events only); making the address is.
  app.get<{ Params: { token: string } }>('/calendar/feeds/:token.ics', async (req, reply) => {
    const feed = await personalFeed(app.db, req.params.token);
    if (!feed) throw new ProblemError(404, 'http.not_found');
    const brand = await getBrand(app.db);
    const t = translator(isLocale(feed.preferredLocale) ? feed.preferredLocale : brand.defaultLocale);
    const ics = eventIcs(
      feed.events.map((e) => (e.registrationStatus === 'waitlisted' ? { ...e, title: `${t('calendar.waitlisted')}: ${e.title}` } : e)),
      { name: t('calendar.personal_name', { organisation: brand.name }), url: eventUrl, cancelledLabel: t('calendar.cancelled'), ttlSeconds: FEED_TTL_SECONDS },
    );
    // Private: a shared cache must not keep one person's events, and search engines must not list the address.
    reply.header('x-robots-tag', 'noindex');
    return sendCalendar(req, reply, ics, { fileName: 'my-events.ics', cacheControl: 'private, max-age=300' });
  });

  // Public events only, so anyone may read and cache it; in the organisation's language, so one
  // cached copy fits every reader.
  app.get<{ Params: { unitId: string } }>('/calendar/units/:unitId.ics', async (req, reply) => {
    const feed = await unitFeed(app.db, req.params.unitId);
    if (!feed) throw new ProblemError(404, 'http.not_found');
    const brand = await getBrand(app.db);
    const t = translator(brand.defaultLocale);
    const ics = eventIcs(feed.events, {
      name: t('calendar.unit_name', { unit: feed.unit.name }),
      url: eventUrl,
      cancelledLabel: t('calendar.cancelled'),
      ttlSeconds: FEED_TTL_SECONDS,
    });
    return sendCalendar(req, reply, ics, { fileName: icsFileName(feed.unit.name), cacheControl: 'public, max-age=900' });
  });

  // Shows the new address once: only its hash is kept. Reloading the page posts again and makes
  // another address, which is what "I lost it" needs anyway.
  app.post('/me/events/calendar-feed', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    const { token, replaced } = await createCalendarFeed(app.db, req.actor as PersonActor);
    const url = `${app.config.publicUrl}/calendar/feeds/${token}.ics`;
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.html(<CalendarFeedPage view={await reply.view()} url={url} replaced={replaced} />);
  });
}

/** `webcal:` opens the address in the device's calendar app as a subscription. */
function webcalUrl(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}

export function CalendarFeedPage({ view, url, replaced }: { view: View; url: string; replaced: boolean }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('calendar.feed.title')}>
      <PageHeader title={t('calendar.feed.title')} lead={t('calendar.feed.lead')} />
      <section class="card" aria-labelledby="calendar-feed-url-label">
        {replaced ? (
          <div class="flash flash-info" role="status">
            <p safe>{t('calendar.feed.replaced')}</p>
          </div>
        ) : (
          ''
        )}
        <div class="field">
          <label for="calendar-feed-url" id="calendar-feed-url-label" safe>
            {t('calendar.feed.url_label')}
          </label>
          <p class="hint" id="calendar-feed-url-hint" safe>
            {t('calendar.feed.shown_once')}
          </p>
          <input id="calendar-feed-url" type="text" class="mono" readonly value={url} aria-describedby="calendar-feed-url-hint" autocomplete="off" spellcheck="false" />
        </div>
        <p>
          <a href={webcalUrl(url)} class="button" safe>
            {t('calendar.feed.subscribe')}
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="calendar-feed-how">
        <h2 id="calendar-feed-how" safe>
          {t('calendar.feed.how_title')}
        </h2>
        <ul>
          <li safe>{t('calendar.feed.how_google')}</li>
          <li safe>{t('calendar.feed.how_outlook')}</li>
          <li safe>{t('calendar.feed.how_apple')}</li>
        </ul>
        <p class="muted" safe>
          {t('calendar.feed.refresh_note')}
        </p>
      </section>
      <p>
        <a href="/me" safe>
          {t('calendar.feed.back')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * The button that makes (or replaces) the calendar address, for the "my events" page:
 * `<CalendarFeedForm view={view} hasFeed={await hasCalendarFeed(db, personId)} />`.
 */
export function CalendarFeedForm({ view, hasFeed }: { view: View; hasFeed: boolean }): JSX.Element {
  const { t } = view;
  return (
    <form method="post" action="/me/events/calendar-feed" class="calendar-feed-form">
      <Csrf view={view} />
      <p safe>{hasFeed ? t('calendar.feed.has_feed') : t('calendar.feed.form_lead')}</p>
      <button type="submit" class={hasFeed ? 'button button-secondary' : 'button'} safe>
        {hasFeed ? t('calendar.feed.replace') : t('calendar.feed.create')}
      </button>
    </form>
  );
}
