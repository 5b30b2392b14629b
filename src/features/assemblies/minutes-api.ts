import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProblemError } from '../../platform/errors.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { refuse, type Failure } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { minutesMissingLabel } from './labels.js';
import { approveMinutes, itemNotesInput, minutesAnswers, publishMinutes, saveItemNotes, type MissingApproval } from './minutes.js';
import { minutesContent, type MinutesContent } from './minutes-content.js';
import { minutesPdf } from './minutes-pdf.js';
import { assemblyProblem } from './problems.js';
import { idParams, looseOutput } from './schema.js';

/** A failure of the minutes as a problem: the missing approval is named in the reader's language. */
export function minutesProblem(req: FastifyRequest, failure: Failure<string>): ProblemError {
  const own = failure as { reason: string; params?: { missing?: MissingApproval } };
  if (own.reason === 'not_approved' && own.params?.missing) {
    return assemblyProblem(req, { ok: false, reason: 'not_approved', params: { missing: req.t(minutesMissingLabel[own.params.missing]) } }, minutesAnswers);
  }
  return assemblyProblem(req, failure, minutesAnswers);
}

export const readerLocale = (req: FastifyRequest): Locale => (isLocale(req.locale) ? req.locale : 'da');

/**
 * The minutes as the reader may read them: published ones for the roll (or everyone, for public
 * minutes), drafts for the chair, the minute taker, staff and board of the unit. Out of sight ends
 * the request the way the caller's kind refuses (an API caller without a token: 401).
 */
export async function readableMinutes(app: FastifyInstance, req: FastifyRequest, id: string): Promise<MinutesContent> {
  const found = await assemblyFor(app.db, req.actor, id, 'assembly.read_minutes');
  if (!found.ok) refuse(req, found);
  const content = await minutesContent(app.db, id, readerLocale(req));
  if (!content) refuse(req, 'not_found');
  return content;
}

/** The PDF's file name: the assembly's title in plain letters, and the date. */
export function minutesFileName(m: MinutesContent): string {
  const plain = m.assembly.title.normalize('NFD').replace(/\p{M}/gu, '').replace(/[æÆ]/g, 'ae').replace(/[øØ]/g, 'oe').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  return `${plain || 'minutes'}-${m.assembly.startsAt.slice(0, 10)}.pdf`;
}

/** Sends the minutes as a PDF; drafts and members-only minutes are never kept by a shared cache. */
export async function sendMinutesPdf(reply: FastifyReply, m: MinutesContent, organisation?: string): Promise<FastifyReply> {
  const pdf = await minutesPdf(m, { organisation });
  const name = minutesFileName(m);
  const shared = m.assembly.publishedAt !== null && m.assembly.minutesVisibility === 'public';
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', shared ? 'public, max-age=300' : 'private, no-store')
    .send(pdf);
}

/** The minutes' API: the notes per item, the assembled minutes (JSON and PDF), approving and publishing. */
export async function minutesApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assemblies'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => {
    if (req.actor.kind === 'anonymous') refuse(req, 'forbidden');
  };

  r.put(
    '/api/v1/agenda-items/:id/notes',
    {
      schema: {
        tags,
        summary: 'Write the minutes of an agenda item: the notes and the decision in words (the minute taker, staff of the unit)',
        description:
          'A field left out is kept; `null` or an empty text clears it. Open while the assembly is called, in session or closed, until the minutes are published. ' +
          'A change after the chair or the minute taker approved the minutes withdraws both approvals (`approvalsWithdrawn: true`): they approved another text.',
        params: idParams,
        body: itemNotesInput,
        response: { 200: z.looseObject({ item: z.looseObject({ id: z.uuid(), notes: z.string().nullable(), decision: z.string().nullable() }), approvalsWithdrawn: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await saveItemNotes(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) throw minutesProblem(req, result);
      return { item: result.item, approvalsWithdrawn: result.approvalsWithdrawn };
    },
  );

  r.get(
    '/api/v1/assemblies/:id/minutes',
    {
      schema: {
        tags,
        summary: 'The minutes assembled from the data: per item the notes, the decision, the motions, the published poll results and the elected',
        description:
          'Published minutes are for the roll, or for anyone (no token needed) when the assembly’s minutes are public; before publication the chair, the minute taker, staff and the board of the unit read the draft. ' +
          'A secret poll shows its counts only; a named poll lists who chose what.',
        params: idParams,
        response: { 200: looseOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (req) => readableMinutes(app, req, req.params.id),
  );

  r.get(
    '/api/v1/assemblies/:id/minutes.pdf',
    {
      schema: {
        tags,
        summary: 'The minutes as a PDF (application/pdf), for whoever may read them',
        params: idParams,
        response: { 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (req, reply) => sendMinutesPdf(reply, await readableMinutes(app, req, req.params.id)),
  );

  r.post(
    '/api/v1/assemblies/:id/minutes/approve',
    {
      schema: {
        tags,
        summary: 'Approve the minutes as the assembly’s chair or minute taker (after it closed)',
        description:
          'The caller approves in the offices they hold: the chair, the minute taker, or both. Staff of the unit approve only for an office the assembly names nobody for; ' +
          'otherwise 403 `minutes.not_approver`. Before the assembly is closed: 409 `assembly.wrong_status`.',
        params: idParams,
        response: { 200: z.looseObject({ approvedAs: z.array(z.enum(['chair', 'minute_taker'])), approvals: z.looseObject({ chairAt: z.string().nullable(), minuteTakerAt: z.string().nullable() }) }), ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await approveMinutes(app.db, req.actor, req.params.id);
      if (!result.ok) throw minutesProblem(req, result);
      return { approvedAs: result.approvedAs, approvals: result.approvals };
    },
  );

  r.post(
    '/api/v1/assemblies/:id/minutes/publish',
    {
      schema: {
        tags,
        summary: 'Publish the approved minutes (the minute taker, staff of the unit)',
        description: 'Refused with 409 `minutes.not_approved`, naming the approval that is missing, until both the chair and the minute taker have approved. Nothing changes then.',
        params: idParams,
        response: { 200: z.looseObject({ status: z.literal('minutes_published'), publishedAt: z.string() }), ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await publishMinutes(app.db, req.actor, req.params.id);
      if (!result.ok) throw minutesProblem(req, result);
      return { status: 'minutes_published' as const, publishedAt: result.publishedAt };
    },
  );
}
