import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAuthenticated } from '../actor.js';
import { ProblemError } from '../errors.js';

export class LoginRequired extends Error {
  constructor() {
    super('login required');
  }
}

/**
 * The one way routes refuse: nobody logged in → the log-in page (or 401 for the API); logged in
 * but not allowed → 403, or 404 when even the existence of the thing is not theirs to know.
 */
export function allow(req: FastifyRequest, allowed: boolean, hide: 'forbidden' | 'not_found' = 'forbidden'): void {
  if (allowed) return;
  if (!isAuthenticated(req.actor)) {
    if (req.isApi) throw new ProblemError(401, 'auth.required');
    throw new LoginRequired();
  }
  throw hide === 'not_found' ? new ProblemError(404, 'http.not_found') : new ProblemError(403, 'http.forbidden');
}

export function redirectToLogin(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const next = encodeURIComponent(req.url);
  return reply.redirect(`/login?next=${next}${req.sessionExpired ? '&expired=1' : ''}`, 303);
}
