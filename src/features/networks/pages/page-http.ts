import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorPersonId, type Actor } from '../../../platform/actor.js';
import { queryRows, type Db } from '../../../platform/db/database.js';
import type { FieldError } from '../../../platform/errors.js';
import { notFound, pageFailure, refuse, type Failure } from '../../../platform/outcomes.js';
import { companiesOfContactSql, memberCompanyNameSql } from '../../member-companies/index.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import type { MeetingFailure } from '../meetings.js';
import { networkProblem } from '../problems.js';
import type { OwnCompany } from './parts.js';

/*
 * What the networks' page routes share: reading an id from the path (malformed is not found, as
 * out of sight is), a use case's failure as words for a message, and the way back with a flash.
 */

const uuid = z.uuid();

/** The path's id (`:id`, or another name); one that is not an id is a page that is not there. */
export function idOf(req: FastifyRequest, key = 'id'): string {
  const raw = (req.params as Record<string, unknown> | undefined)?.[key];
  const p = uuid.safeParse(raw);
  if (!p.success) return refuse(req, notFound);
  return p.data;
}

/** A failure as field errors for a form (refusals end the request); `fieldOf` names the page's field for a use case's path. */
export function formErrors(req: FastifyRequest, failure: Failure<string>, fieldOf: (path: string) => string = (p) => p): { errors: FieldError[]; status: number } {
  return pageFailure(req, failure, networkProblem, fieldOf);
}

/** A failure as one line for a flash message; refusals end the request. */
export function failureText(req: FastifyRequest, failure: Failure<string>): string {
  return formErrors(req, failure)
    .errors.map((e) => e.message)
    .join(' ');
}

/** Back to a page with a message (303: the browser GETs it). */
export function back(reply: FastifyReply, url: string, kind: 'success' | 'error', message: string): FastifyReply {
  reply.flash(kind, message);
  return reply.redirect(url, 303);
}

/** A form field as text: a browser sends strings; anything else counts as empty. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The member companies the reader is a contact person of, by name: the ones they may join a network of companies for. */
export async function ownCompanies(db: Db, actor: Actor): Promise<OwnCompany[]> {
  const me = actorPersonId(actor);
  if (!me) return [];
  const rows = await queryRows<{ id: string; name: string | null }>(db, sql`select x.id, ${memberCompanyNameSql(sql`x.id`)} as name from (${companiesOfContactSql(sql`${me}::uuid`)}) x(id)`);
  return rows.filter((r): r is OwnCompany => r.name !== null).sort((a, b) => a.name.localeCompare(b.name));
}

/** The meetings' own reasons the networks' problem table does not hold, as their codes. */
const meetingReasonCode = {
  meeting_ended: 'network.meeting_ended',
  network_archived: 'network.archived',
} as const satisfies LabelTable<'meeting_ended' | 'network_archived'>;

/** A meeting's failure as form errors: its own reasons as one line above the form, the rest as the networks' problems. */
export function meetingFailure(req: FastifyRequest, failure: MeetingFailure): { errors: FieldError[]; status: number } {
  if (failure.reason === 'meeting_ended' || failure.reason === 'network_archived') {
    const code = meetingReasonCode[failure.reason];
    return { errors: [{ path: '', code, message: req.t(code) }], status: 409 };
  }
  return formErrors(req, failure);
}
