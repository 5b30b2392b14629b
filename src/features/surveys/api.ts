import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { contentDisposition } from '../../platform/http/downloads.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import type { Failure } from '../../platform/outcomes.js';
import { answerForm, myOpenWaves, respondentFor, saveDraft, submitResponse } from './answering.js';
import { exportWaveCsv } from './export-csv.js';
import { can } from './policy.js';
import { surveyProblem } from './problems.js';
import { filterChoices, questionTrend, waveResults, workplaceRate } from './results.js';
import { idParams, responseInput, resultsQuery, surveyInput, surveyPatch, tokenQuery, trendQuery, waveInput, wavePatch } from './schema.js';
import { createSurvey, findSurvey, minGroupOf, getSurvey, listSurveys, updateSurvey, waveSummaries, type SurveyView } from './surveys.js';
import { closeWaveNow, createWave, findWave, updateWave, waveFor, type WaveRow } from './waves.js';

const surveyOutput = z.looseObject({ id: z.uuid(), unitId: z.uuid(), anonymous: z.boolean(), questions: z.array(z.looseObject({ key: z.string(), type: z.string() })) });
const waveOutput = z.looseObject({ id: z.uuid(), surveyId: z.uuid(), status: z.string(), opensAt: z.string(), closesAt: z.string() });
const resultsOutput = z.looseObject({ responses: z.number().int(), rate: z.number().nullable(), questions: z.array(z.looseObject({ key: z.string(), counts: z.record(z.string(), z.unknown()) })) });
const items = z.object({ items: z.array(z.looseObject({})) });

function surveyJson(s: SurveyView) {
  return { ...s, createdAt: s.createdAt.toISOString(), waves: s.waves.map((w) => ({ ...w, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString(), reminders: w.reminders.map((d) => d.toISOString()) })) };
}

async function waveJson(app: FastifyInstance, w: WaveRow) {
  const summary = (await waveSummaries(app.db, [w.surveyId])).get(w.surveyId)?.find((x) => x.id === w.id);
  return {
    id: w.id,
    surveyId: w.surveyId,
    name: w.name,
    status: w.status,
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    segmentId: w.segmentId,
    reminders: w.reminders.map((d) => new Date(d).toISOString()),
    remindersSent: w.remindersSent,
    questionKeys: w.questionKeys,
    invitees: w.invitees,
    responses: summary?.responses ?? 0,
    rate: summary?.rate ?? null,
    invitationMailingId: w.invitationMailingId,
  };
}

/**
 * The surveys' API: surveys with their questions, waves with their audience and reminders,
 * answering (signed in, or with the personal link's token), results with filters and suppression
 * of small groups, the trend of a question across waves, stewards' workplace rates and the CSV.
 */
export async function surveyApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Surveys'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const mail = { baseUrl: app.config.publicUrl };
  const fail = (req: FastifyRequest, failure: Failure<string>): never => {
    throw surveyProblem(req, failure);
  };

  r.post(
    '/api/v1/surveys',
    {
      schema: {
        tags,
        summary: 'Build a survey (staff of the unit)',
        description:
          'Question `type` is one of single, multiple, scale (1–5 or 0–10 by `min`/`max`), matrix (`statements` on one scale), number, text. Texts are a string (Danish) or `{ da, sv, en }`. `condition: { key, values? }` shows a question only when an earlier one is answered. `background` declares the coarse categories copied onto answers (unit, membership_type, workplace_kind).',
        body: surveyInput,
        response: { 201: surveyOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await createSurvey(app.db, req.actor, req.body);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send(surveyJson(result.survey));
    },
  );

  r.get(
    '/api/v1/surveys',
    { schema: { tags, summary: 'The surveys of the units the caller reaches as staff or board, with their waves', querystring: z.object({ archived: z.enum(['true', 'false']).optional() }).strict(), response: { 200: items, 401: problemSchema, 403: problemSchema, 422: problemSchema } } },
    async (req) => {
      signedIn(req);
      allow(req, can(req.actor, 'survey.list'));
      const list = await listSurveys(app.db, req.actor, { archived: req.query.archived === 'true' });
      return { items: list.map((s) => ({ ...s, waves: s.waves.map((w) => ({ ...w, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString(), reminders: w.reminders.map((d) => d.toISOString()) })) })) };
    },
  );

  r.get('/api/v1/surveys/:id', { schema: { tags, summary: 'One survey with its questions and waves (staff and board of the unit)', params: idParams, response: { 200: surveyOutput, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const result = await getSurvey(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return surveyJson(result.survey);
  });

  r.patch(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags,
        summary: 'Change a survey (staff of the unit)',
        description: '`questions` replaces the list. Once a wave has opened, anonymity and background are fixed, a question keeps its meaning (422 `survey.question_in_use`: add it under a new key) and one left out is retired, not deleted.',
        params: idParams,
        body: surveyPatch,
        response: { 200: surveyOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await updateSurvey(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) return fail(req, result);
      return surveyJson(result.survey);
    },
  );

  r.post(
    '/api/v1/surveys/:id/waves',
    {
      schema: {
        tags,
        summary: 'Plan a wave (staff of the unit)',
        description: 'The audience is `segmentId` (a segment of the survey’s unit or below) or every active member of the survey’s unit and below. At `opensAt` the invitees are frozen and invited by mail with a personal link; `reminders` (at most two) go to those who have not answered. A wave whose `opensAt` has passed opens at once.',
        params: idParams,
        body: waveInput,
        response: { 201: waveOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await createWave(app.db, req.actor, req.params.id, req.body, mail);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send(await waveJson(app, result.wave));
    },
  );

  r.get('/api/v1/survey-waves/:id', { schema: { tags, summary: 'One wave: its times, audience, invitees and response rate (staff and board)', params: idParams, response: { 200: waveOutput, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const found = await waveFor(app.db, req.actor, req.params.id);
    if (!found.ok) return fail(req, found);
    return waveJson(app, found.wave);
  });

  r.patch('/api/v1/survey-waves/:id', { schema: { tags, summary: 'Rename a wave, move its closing or reminders (staff)', params: idParams, body: wavePatch, response: { 200: waveOutput, ...errors } } }, async (req) => {
    signedIn(req);
    const result = await updateWave(app.db, req.actor, req.params.id, req.body);
    if (!result.ok) return fail(req, result);
    return waveJson(app, result.wave);
  });

  r.post('/api/v1/survey-waves/:id/close', { schema: { tags, summary: 'Close an open wave now (a scheduled one is deleted) (staff)', params: idParams, response: { 200: z.looseObject({ id: z.uuid() }), ...errors } } }, async (req) => {
    signedIn(req);
    const result = await closeWaveNow(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return waveJson(app, result.wave);
  });

  r.get(
    '/api/v1/survey-waves/:id/form',
    { schema: { tags, summary: 'The questions of a wave for the person answering (signed in, or `?token=` of the personal link), with their saved draft', params: idParams, querystring: tokenQuery, response: { 200: z.looseObject({}), ...errors } } },
    async (req) => {
      const who = await respondentFor(app.db, req.actor, req.params.id, req.query.token);
      if (!who.ok) return fail(req, who);
      const form = await answerForm(app.db, who.respondent, req.params.id);
      if (!form.ok) return fail(req, form);
      const f = form.form;
      return { waveId: f.wave.id, title: f.survey.title, intro: f.survey.intro, anonymous: f.survey.anonymous, state: f.state, answered: f.answered, closesAt: f.wave.closesAt.toISOString(), questions: f.questions, draft: f.draft };
    },
  );

  r.put(
    '/api/v1/survey-waves/:id/draft',
    { schema: { tags, summary: 'Save answers to continue later (checked as far as they go)', params: idParams, body: responseInput, response: { 200: z.object({ saved: z.literal(true) }), ...errors } } },
    async (req) => {
      const who = await respondentFor(app.db, req.actor, req.params.id, req.body.token);
      if (!who.ok) return fail(req, who);
      const result = await saveDraft(app.db, who.respondent, req.params.id, req.body.answers);
      if (!result.ok) return fail(req, result);
      return { saved: true as const };
    },
  );

  r.post(
    '/api/v1/survey-waves/:id/responses',
    {
      schema: {
        tags,
        summary: 'Answer a wave, once (signed in, or with the personal link’s `token`)',
        description: '`answers` by question key: single → option value, multiple → list of values, scale → integer, matrix → `{ statementKey: integer }`, number, text. 422 names the question; 409 `survey.already_answered` for a second response, `survey.wave_closed` after closing.',
        params: idParams,
        body: responseInput,
        response: { 201: z.object({ accepted: z.literal(true), anonymous: z.boolean() }), ...errors },
      },
    },
    async (req, reply) => {
      const who = await respondentFor(app.db, req.actor, req.params.id, req.body.token);
      if (!who.ok) return fail(req, who);
      const result = await submitResponse(app.db, who.respondent, req.params.id, req.body.answers);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send({ accepted: true as const, anonymous: result.anonymous });
    },
  );

  r.get(
    '/api/v1/survey-waves/:id/results',
    {
      schema: {
        tags,
        summary: 'A wave’s results: `{ responses, rate, questions: [{ key, counts }] }` (staff and board)',
        description: 'Counts under the survey’s smallest group (`minGroup`, default 5) are null (suppressed), with one more when a single hidden count could be worked out. Filters by the declared background variables; a filter leaving fewer responses than `minGroup` is 422 `survey.group_too_small`.',
        params: idParams,
        querystring: resultsQuery,
        response: { 200: resultsOutput, ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const result = await waveResults(app.db, req.actor, req.params.id, req.query);
      if (!result.ok) return fail(req, result);
      return { ...result.results, filters: await filterChoices(app.db, result.survey, req.params.id) };
    },
  );

  r.get(
    '/api/v1/surveys/:id/trend',
    { schema: { tags, summary: 'One question across the waves that asked it: counts, shares and (scales) the mean per wave', params: idParams, querystring: trendQuery, response: { 200: z.looseObject({ waves: z.array(z.looseObject({})) }), ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await questionTrend(app.db, req.actor, req.params.id, req.query.question);
      if (!result.ok) return fail(req, result);
      return { ...result.trend, waves: result.trend.waves.map((w) => ({ ...w, opensAt: w.opensAt.toISOString() })) };
    },
  );

  r.get(
    '/api/v1/survey-waves/:id/export.csv',
    { schema: { tags, summary: 'The answers as CSV (staff of the unit; an anonymous survey’s file has no person columns)', params: idParams, response: { 200: z.string(), 401: problemSchema, 403: problemSchema, 404: problemSchema } } },
    async (req, reply) => {
      signedIn(req);
      const locale = isLocale(req.locale) ? req.locale : 'da';
      const result = await exportWaveCsv(app.db, req.actor, req.params.id, req.t, locale);
      if (!result.ok) return fail(req, result);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', contentDisposition('attachment', result.filename)).send(result.csv);
    },
  );

  r.get(
    '/api/v1/survey-waves/:id/workplaces/:workplaceId/rate',
    {
      schema: {
        tags,
        summary: 'A steward’s own workplace in a wave: invited, answered, rate — from who has answered, never the answers; 422 `survey.group_too_small` when fewer than the smallest group were invited there',
        params: z.object({ id: z.uuid(), workplaceId: z.uuid() }),
        response: { 200: z.object({ invitees: z.number().int(), answered: z.number().int(), rate: z.number() }), ...errors },
      },
    },
    async (req) => {
      signedIn(req);
      const wave = await findWave(app.db, req.params.id);
      const survey = wave ? await findSurvey(app.db, wave.surveyId) : undefined;
      const steward = survey !== undefined && can(req.actor, 'survey.workplace_rate', { unitId: survey.unitId, workplaceId: req.params.workplaceId });
      const staff = survey !== undefined && can(req.actor, 'survey.results', survey);
      if (!wave || !survey || wave.status === 'scheduled' || !(steward || staff)) return fail(req, { ok: false, reason: 'not_found' });
      const rate = await workplaceRate(app.db, survey, wave.id, req.params.workplaceId);
      if (!rate) return fail(req, { ok: false, reason: 'group_too_small', field: 'workplaceId', params: { min: minGroupOf(survey) } } as Failure<string>);
      return rate;
    },
  );

  r.get('/api/v1/me/survey-waves', { schema: { tags, summary: 'The open waves the caller is invited to, answered or not', response: { 200: items, 401: problemSchema } } }, async (req) => {
    signedIn(req);
    const me = req.actor.kind === 'person' ? req.actor.personId : null;
    const list = me ? await myOpenWaves(app.db, me) : [];
    return { items: list.map((w) => ({ ...w, closesAt: w.closesAt.toISOString() })) };
  });

}
