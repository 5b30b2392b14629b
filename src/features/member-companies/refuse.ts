import type { FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';

/** Ends a request the one way routes refuse (log in, 403 or 404), typed so the code after it knows. */
export function refuse(req: FastifyRequest, reason: 'not_found' | 'forbidden'): never {
  allow(req, false, reason);
  throw new Error('allow() let a refusal through');
}
