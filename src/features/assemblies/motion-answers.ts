import type { FastifyRequest } from 'fastify';
import type { ProblemError } from '../../platform/errors.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { labelOf } from '../../platform/i18n/labels.js';
import type { Failure, FieldProblem, ReasonTable } from '../../platform/outcomes.js';
import { amendmentStateLabel, motionStateLabel } from './labels.js';
import { assemblyProblem } from './problems.js';
import type { AssemblyRow } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';

/** The motions' own reasons, besides refusals, invalid input and the assembly's status. */
export const motionAnswers = {
  after_deadline: { status: 409, code: 'motion.after_deadline', field: 'motionDeadline' },
  notice_not_sent: { status: 409, code: 'motion.notice_not_sent', field: 'status' },
  wrong_state: { status: 409, code: 'motion.wrong_state', field: 'state' },
  amendment_wrong_state: { status: 409, code: 'motion.amendment_wrong_state', field: 'state' },
  not_cosigner: { status: 403, code: 'motion.not_cosigner' },
} satisfies ReasonTable<string>;

export type MotionReason = keyof typeof motionAnswers;

/** A failure of the motions' own: `params.deadline` is an instant, told in the reader's language and the assembly's zone. */
export type MotionFailure<R extends MotionReason> = { ok: false; reason: R; params?: Record<string, unknown> };

export const motionFailure = <R extends MotionReason>(reason: R, params?: Record<string, unknown>): MotionFailure<R> => ({ ok: false, reason, ...(params ? { params } : {}) });

/** Params as the message shows them: instants formatted, states named. */
function shown(req: FastifyRequest, params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params) return params;
  const locale = isLocale(req.locale) ? req.locale : 'da';
  const zone = typeof params.timeZone === 'string' ? params.timeZone : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v instanceof Date) out[k] = formatDateTime(locale, v, zone);
    else if (k === 'state' && typeof v === 'string') out[k] = req.t(labelOf(motionStateLabel, v) ?? labelOf(amendmentStateLabel, v) ?? v);
    else out[k] = v;
  }
  return out;
}

/** Any failure of the motions and amendments as problem+json in the reader's language, naming the field. */
export function motionProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  if (failure.reason === 'invalid') {
    const errors = (failure as { errors: FieldProblem[] }).errors.map((e) => ({ ...e, params: shown(req, e.params) }));
    return assemblyProblem(req, { ok: false, reason: 'invalid', errors }, motionAnswers);
  }
  const own = failure as { ok: false; reason: string; params?: Record<string, unknown> };
  return assemblyProblem(req, { ...own, params: shown(req, own.params) }, motionAnswers);
}

/**
 * Motions and amendments are taken in and changed once the notice is out, until the assembly
 * closes: the refusal for any other status (a draft: the notice is not out yet), or null.
 */
export function closedFor(a: AssemblyRow): WrongStatus | MotionFailure<'notice_not_sent'> | null {
  if (a.status === 'draft') return motionFailure('notice_not_sent');
  return a.status === 'notice_sent' || a.status === 'in_session' ? null : wrongStatus(a.status);
}
