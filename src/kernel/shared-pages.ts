import type { FastifyReply, FastifyRequest } from 'fastify';
import type { View } from '../platform/html/view.js';

/**
 * A page that every visitor without a session sees alike (the front page), kept rendered. Rendering
 * the front page took about as long as all of HTTP itself in the profile, for the same bytes each
 * time; a page is therefore rendered once per language, address and set of inputs, and sent as bytes
 * after that.
 *
 * The inputs are the route's cached data (`memo` in platform/cache.ts): a changed organisation, unit
 * tree or news list is a new object, so the page is rendered again as soon as its data is reloaded,
 * and never outlives that data. `render` must depend only on the inputs and the view (nothing per
 * person, no clock), and set no headers or cookies; a page that asks for a CSRF token is not kept,
 * since each visitor needs their own. Anyone logged in, or shown a message, gets a page made for them.
 */
export interface SharedPages {
  /** Answers the request; resolves to what `reply.html` or `reply.send` gives, as a route handler returns it. */
  send(req: FastifyRequest, reply: FastifyReply, inputs: readonly unknown[], render: (view: View) => JSX.Element): Promise<FastifyReply | void>;
}

/** Languages × addresses (a query string makes another one); past this the pages start over. */
const MAX_PAGES = 64;
/** What `reply.html` does to a document without a doctype, so a kept page is the same bytes. */
const TAG_HTML = /^\s*<html/i;

export function sharedPages(): SharedPages {
  let keptFor: readonly unknown[] = [];
  let pages = new Map<string, Buffer>();
  return {
    async send(req, reply, inputs, render) {
      const view = await reply.view();
      if ((req.method !== 'GET' && req.method !== 'HEAD') || req.actor.kind !== 'anonymous' || view.flash !== null) return reply.html(await render(view));
      // The brand is in every page; it is made once per cached organisation, so its identity tells a change too.
      const current = [view.org, ...inputs];
      const same = current.length === keptFor.length && current.every((x, i) => x === keptFor[i]);
      const key = `${view.locale} ${view.path}`;
      const kept = same ? pages.get(key) : undefined;
      if (kept) return reply.type('text/html; charset=utf-8').send(kept);
      let askedForToken = false;
      const watched: View = {
        t: view.t,
        locale: view.locale,
        actor: view.actor,
        org: view.org,
        path: view.path,
        flash: view.flash,
        get csrfToken() {
          askedForToken = true;
          return view.csrfToken;
        },
      };
      const html = await render(watched);
      if (!askedForToken) {
        if (!same) {
          keptFor = current;
          pages = new Map();
        }
        if (pages.size >= MAX_PAGES) pages.clear();
        pages.set(key, Buffer.from(TAG_HTML.test(html) ? `<!doctype html>${html}` : html));
      }
      return reply.html(html);
    },
  };
}
