import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import type { Failure } from '../../platform/outcomes.js';
import { hallAnswers } from './hall-answers.js';
import { hallDataProblem } from './poll-answers.js';
import { assemblyProblem } from './problems.js';

/** Any failure the hall's routes meet (session, speakers, or the polls and ballots they call) as a problem. */
export function hallProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  const reason = (failure as { reason: string }).reason;
  if (Object.hasOwn(hallAnswers, reason)) return assemblyProblem(req, failure, hallAnswers);
  return hallDataProblem(req, failure);
}
