import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage } from '../html/layout.js';
import { translator } from '../i18n/i18n.js';
import { LoginRequired, redirectToLogin } from './guard.js';
import { problemBody, toProblem, type Problem } from './problems.js';

async function answer(req: FastifyRequest, reply: FastifyReply, problem: Problem) {
  const t = req.t ?? translator('da');
  if (req.isApi || req.url.startsWith('/api/') || !req.headers.accept?.includes('text/html') && req.method !== 'GET') {
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.status(problem.status).type('application/problem+json').send(problemBody(problem, t, req.url.split('?')[0]));
  }
  try {
    const view = await reply.view();
    const title = t(`problem.${problem.code}`, { defaultValue: t('problem.http.internal') });
    const text = t(`problem_text.${problem.code}`, { defaultValue: problem.errors.map((e) => e.message).join(' ') || t('problem_text.http.internal') });
    return reply.status(problem.status).html(<ErrorPage view={view} status={problem.status} title={title} text={text} />);
  } catch {
    // The page itself failed (the database is gone): a plain answer is better than none.
    return reply.status(problem.status).type('text/plain; charset=utf-8').send(`${problem.status} ${t(`problem.${problem.code}`)}`);
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err, req, reply) => {
    if (err instanceof LoginRequired) return redirectToLogin(req, reply);
    const problem = toProblem(err, req.t ?? translator('da'));
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    return answer(req, reply, problem);
  });
  app.setNotFoundHandler(async (req, reply) => answer(req, reply, { status: 404, code: 'http.not_found', errors: [], params: {} }));
}
