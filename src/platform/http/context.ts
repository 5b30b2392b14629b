import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../actor.js';
import type { Locale, Translate } from '../i18n/i18n.js';
import type { Database, Db } from '../db/database.js';
import type { Config } from '../../config.js';
import type { Flash, FlashKind, View } from '../html/view.js';
import type { Jobs } from '../jobs/jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    jobs: Jobs | null;
  }
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: Translate;
    /** A session cookie came in but its session is gone: pages say so instead of a bare log-in form. */
    sessionExpired: boolean;
    sessionToken: string | null;
    /** The session's person gave a right password or link but not yet the second factor; the actor is anonymous meanwhile. */
    pendingSecondFactor: { personId: string } | null;
    /** The organisation requires two-factor log-in for the actor's roles and they have not set it up: only its set-up page is open. */
    twoFactorSetupRequired: boolean;
    flash: Flash | null;
    isApi: boolean;
  }
  interface FastifyContextConfig {
    /** Content types an API route takes in its body; JSON unless the route says otherwise (CSV import). */
    accepts?: string[];
    /**
     * `false` for the rare form POST that cannot carry a CSRF token because a mail client sends it
     * without cookies (RFC 8058 one-click unsubscribe); its secret address must then be the proof.
     */
    csrf?: boolean;
  }
  interface FastifyReply {
    view(): Promise<View>;
    flash(kind: FlashKind, message: string): void;
  }
}

export type Req = FastifyRequest;
export type Rep = FastifyReply;
