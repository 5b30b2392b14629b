import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage } from '../html/layout.js';
import { localeFromAcceptLanguage, translator } from '../i18n/i18n.js';
import { LoginRequired, redirectToLogin } from './guard.js';
import { labelOf } from '../i18n/labels.js';
import { problemTextLabel, problemTitleLabel } from './problem-labels.js';
import { problemBody, problemTitle, toProblem, type Problem } from './problems.js';

/**
 * `bare`: the router's own refusals (the address itself is the problem: too long, badly escaped).
 * The address is not sent back, and pages get a short plain answer: Fastify hands those errors a
 * reply without our decorators, so there is no page to render.
 */
async function answer(req: FastifyRequest, reply: FastifyReply, problem: Problem, bare = false) {
  const t = req.t ?? translator('da');
  if (problem.status === 405 && problem.params.allow) reply.header('allow', String(problem.params.allow));
  if (req.isApi || req.url.startsWith('/api/') || !req.headers.accept?.includes('text/html') && req.method !== 'GET') {
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.status(problem.status).type('application/problem+json').send(problemBody(problem, t, bare ? undefined : req.url.split('?')[0]));
  }
  if (bare) return plain(reply, problem, t);
  try {
    const view = await reply.view();
    const titleKey = labelOf(problemTitleLabel, problem.code);
    const textKey = labelOf(problemTextLabel, problem.code);
    const title = titleKey ? t(titleKey) : t('problem.http.internal');
    const text = textKey ? t(textKey) : problem.errors.map((e) => e.message).join(' ') || t('problem_text.http.internal');
    return reply.status(problem.status).html(<ErrorPage view={view} status={problem.status} title={title} text={text} />);
  } catch {
    // The page itself failed (the database is gone): a plain answer is better than none.
    return plain(reply, problem, t);
  }
}

function plain(reply: FastifyReply, problem: Problem, t: FastifyRequest['t']) {
  return reply.status(problem.status).type('text/plain; charset=utf-8').send(`${problem.status} ${problemTitle(problem, t)}`);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err, req, reply) => {
    if (err instanceof LoginRequired) return redirectToLogin(req, reply);
    const problem = toProblem(err, req.t ?? translator('da'));
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    return answer(req, reply, problem);
  });
  app.setNotFoundHandler(async (req, reply) => {
    // A known address asked with another method is a 405 that says which methods it takes.
    const url = req.url.split('?')[0];
    const allow = METHODS.filter((method) => method !== req.method && app.findRoute({ method, url }) !== null);
    if (allow.length) return answer(req, reply, { status: 405, code: 'http.method_not_allowed', errors: [], params: { allow: allow.join(', ') } });
    return answer(req, reply, { status: 404, code: 'http.not_found', errors: [], params: {} });
  });
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Fastify's `frameworkErrors`: the router refuses some addresses before any hook runs (a path
 * parameter over its 100-character limit, a broken %-escape) and would answer plain JSON echoing
 * the address. They get the same problem answer as every other error, in the reader's language.
 */
export function frameworkErrors(err: Error, req: FastifyRequest, reply: FastifyReply): void {
  // No hook has run: the request has no language yet.
  req.locale = localeFromAcceptLanguage(req.headers['accept-language']) ?? 'da';
  req.t = translator(req.locale);
  req.isApi = req.url.startsWith('/api/');
  // Fastify does not await this; the bare answer is sent at once and cannot fail on a page.
  void answer(req, reply, toProblem(err, req.t), true);
}
