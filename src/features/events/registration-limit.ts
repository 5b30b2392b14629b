import type { FastifyContextConfig, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';

/**
 * The rate limit of registering for an event, shared by the page form and the API: a public
 * registration mails a confirmation link to whatever address was typed, so each is a mail sent on a
 * stranger's behalf and gets the same budget as a log-in request, per IP address. API tokens are
 * left out: they belong to the organisation's own integrations, which register members in bulk.
 */
export function registrationLimit(config: Pick<Config, 'LOGIN_RATE_LIMIT'>): FastifyContextConfig {
  return {
    rateLimit: {
      max: config.LOGIN_RATE_LIMIT,
      timeWindow: '1 minute',
      allowList: (req: FastifyRequest) => req.actor.kind === 'token',
    },
  };
}
