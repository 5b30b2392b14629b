import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { unitScope } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/errors.js';
import { allow } from '../../platform/http/guard.js';
import { formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { forbidden, notFound, pageFailure, refuse, type Failure, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { listUnits } from '../../kernel/units.js';
import { canSegment, findSegment, listSegments } from '../segments/index.js';
import { can } from './policy.js';
import { surveyProblem } from './problems.js';
import { inLocale, type Question } from './questions.js';
import { idParams, questionInput, questionKey, surveyInput, surveyPatch, waveInput, type QuestionInput } from './schema.js';
import { createSurvey, getSurvey, installationMinGroup, listSurveys, updateSurvey, type SurveyView } from './surveys.js';
import { surveyWaves } from './tables.js';
import { closeWaveNow, createWave, waveFor } from './waves.js';
import { QuestionFormPage } from './pages/question-form.js';
import { SurveyDetailPage } from './pages/survey-detail.js';
import { SurveyFormPage, type SurveyFormTarget } from './pages/survey-form.js';
import { SurveyListPage } from './pages/survey-list.js';
import { WaveFormPage } from './pages/wave-form.js';
import {
  newQuestionValues,
  newSurveyValues,
  newWaveValues,
  problemErrors,
  questionAsInput,
  questionFieldOf,
  questionFromForm,
  questionValues,
  schemaErrors,
  surveyFieldOf,
  surveyFromForm,
  surveyValues,
  waveFieldOf,
  waveFromForm,
} from './pages/survey-input.js';

const localeOf = (req: FastifyRequest): Locale => (isLocale(req.locale) ? req.locale : 'da');

/** Out of sight and malformed alike: a page that is not there (a visitor is sent to log in). */
const idOf = (req: FastifyRequest): string => {
  const p = idParams.safeParse(req.params);
  if (!p.success) return refuse(req, notFound);
  return p.data.id;
};

const keyOf = (req: FastifyRequest): string => {
  const p = z.object({ key: questionKey }).safeParse(req.params);
  if (!p.success) return refuse(req, notFound);
  return p.data.key;
};

/** The errors of several checks as one list: a field shows its first error; errors about the whole form all stay. */
function merge(...lists: FieldError[][]): FieldError[] {
  const seen = new Set<string>();
  return lists.flat().filter((e) => {
    if (e.path === '') return true;
    if (seen.has(e.path)) return false;
    seen.add(e.path);
    return true;
  });
}

/** The waves of a survey that have opened, with the questions each asked: those questions keep their meaning. */
async function openedWaves(db: Db, surveyId: string): Promise<{ name: string; keys: string[] }[]> {
  return db
    .select({ name: surveyWaves.name, keys: surveyWaves.questionKeys })
    .from(surveyWaves)
    .where(and(eq(surveyWaves.surveyId, surveyId), ne(surveyWaves.status, 'scheduled')));
}

/** A question's text for messages: in the reader's language. */
const textOf = (req: FastifyRequest, q: Pick<Question, 'text'>) => inLocale(q.text, localeOf(req));

/**
 * The surveys' pages for staff, and read-only for the board: the list, building a survey (its
 * settings and questions, each question through the same rules as the API: `updateSurvey` with the
 * whole list), and its waves (planning one, closing one). The results page of a wave is elsewhere.
 */
export async function surveyStaffPages(app: FastifyInstance): Promise<void> {
  const mail = { baseUrl: app.config.publicUrl };

  /** The units the reader's staff grant reaches (with the units below), in the tree's order. */
  const staffUnits = async (req: FastifyRequest) => {
    const scope = unitScope(req.actor, 'staff');
    const reached = (await listUnits(app.db)).filter((u) => scope === 'all' || scope.has(u.id));
    const top = Math.min(...reached.map((u) => u.depth));
    return reached.map((u) => ({ id: u.id, name: `${'— '.repeat(u.depth - top)}${u.name}` }));
  };

  /** The survey if the reader may see it (staff and board of its unit); otherwise the request ends as pages refuse. */
  const viewable = async (req: FastifyRequest, id: string): Promise<SurveyView> => {
    const found = await getSurvey(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found as Refusal);
    return found.survey;
  };

  /** The survey if the reader may change it (staff of its unit); the board sees it but is refused. */
  const managed = async (req: FastifyRequest, id: string): Promise<SurveyView> => {
    const s = await viewable(req, id);
    allow(req, can(req.actor, 'survey.manage', s));
    return s;
  };

  /** Back to the survey with a message. */
  const back = (reply: FastifyReply, surveyId: string, kind: 'success' | 'error', message: string, anchor = '') => {
    reply.flash(kind, message);
    return reply.redirect(`/surveys/${surveyId}${anchor}`, 303);
  };

  /** A use case's failure as one line for a message: refusals end the request. */
  const failureText = (req: FastifyRequest, failure: Failure<string>): string => {
    if (failure.reason === 'invalid') return problemErrors(req.t, localeOf(req), (failure as Invalid).errors, () => '').map((e) => e.message).join(' ');
    return pageFailure(req, failure, surveyProblem).errors.map((e) => e.message).join(' ');
  };

  // ——— the list ———

  app.get('/surveys', async (req, reply) => {
    allow(req, can(req.actor, 'survey.list'));
    const archived = (req.query as Record<string, unknown> | undefined)?.archived === 'true';
    const surveys = await listSurveys(app.db, req.actor, { archived });
    reply.header('cache-control', 'no-store');
    return reply.html(<SurveyListPage view={await reply.view()} surveys={surveys} archived={archived} mayCreate={can(req.actor, 'survey.create')} />);
  });

  // ——— a new survey with its first question ———

  const createForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.status(status).html(<SurveyFormPage view={await reply.view()} form={form} units={await staffUnits(req)} minGroup={installationMinGroup()} />);

  app.get('/surveys/new', async (req, reply) => {
    allow(req, can(req.actor, 'survey.create'));
    const units = await staffUnits(req);
    reply.header('cache-control', 'no-store');
    return createForm(req, reply, emptyForm(newSurveyValues(units.length === 1 ? units[0].id : undefined, installationMinGroup())));
  });

  app.post('/surveys', async (req, reply) => {
    allow(req, can(req.actor, 'survey.create'));
    const values = formValues(req.body);
    // A unit the reader's staff grant does not reach is refused before anything typed is looked at.
    const unitId = typeof values.unitId === 'string' ? values.unitId.trim() : '';
    if (z.uuid().safeParse(unitId).success && !can(req.actor, 'survey.create', { unitId })) return refuse(req, forbidden);
    const { t } = req;
    const locale = localeOf(req);
    const type = typeof values.type === 'string' ? values.type : '';
    const survey = surveyFromForm(values, { withUnit: true, withFixed: true });
    const question = questionFromForm(values, { taken: new Set(), earlier: [] });
    const shown = question.suggestedKey ? { ...values, key: question.suggestedKey } : values;
    const parsed = surveyInput.safeParse({ ...survey.input, questions: [question.input] });
    const own = problemErrors(t, locale, [...survey.errors, ...question.errors], (p) => p);
    if (!parsed.success || own.length > 0) {
      return createForm(req, reply, { values: shown, errors: merge(own, parsed.success ? [] : schemaErrors(t, parsed.error, (p) => surveyFieldOf(p, type))) }, 422);
    }
    const result = await createSurvey(app.db, req.actor, parsed.data);
    if (!result.ok) {
      if (result.reason !== 'invalid') return refuse(req, result);
      return createForm(req, reply, { values: shown, errors: problemErrors(t, locale, result.errors, (p, code) => surveyFieldOf(p, type, code)) }, 422);
    }
    reply.flash('success', t('surveys.builder.created', { survey: inLocale(result.survey.title, locale) }));
    return reply.redirect(`/surveys/${result.survey.id}`, 303);
  });

  // ——— one survey ———

  app.get('/surveys/:id', async (req, reply) => {
    const s = await viewable(req, idOf(req));
    const segmentIds = [...new Set(s.waves.map((w) => w.segmentId).filter((x): x is string => x !== null))];
    const [opened, found] = await Promise.all([openedWaves(app.db, s.id), Promise.all(segmentIds.map((id) => findSegment(app.db, id)))]);
    const segments = new Map(found.filter((x) => x !== undefined).map((x) => [x.id, x.name]));
    reply.header('cache-control', 'no-store');
    return reply.html(<SurveyDetailPage view={await reply.view()} survey={s} asked={new Set(opened.flatMap((w) => w.keys))} segments={segments} can={{ manage: can(req.actor, 'survey.manage', s) }} />);
  });

  const settingsTarget = async (req: FastifyRequest, s: SurveyView): Promise<SurveyFormTarget> => ({
    id: s.id,
    title: inLocale(s.title, localeOf(req)),
    unitName: s.unitName,
    anonymous: s.anonymous,
    background: s.background,
    archived: s.archived,
    fixed: (await openedWaves(app.db, s.id)).length > 0,
  });

  const settingsForm = async (reply: FastifyReply, target: SurveyFormTarget, form: FormState, status = 200) =>
    reply.status(status).html(<SurveyFormPage view={await reply.view()} form={form} survey={target} minGroup={installationMinGroup()} />);

  app.get('/surveys/:id/edit', async (req, reply) => {
    const s = await managed(req, idOf(req));
    reply.header('cache-control', 'no-store');
    return settingsForm(reply, await settingsTarget(req, s), emptyForm(surveyValues(s)));
  });

  app.post('/surveys/:id', async (req, reply) => {
    const s = await managed(req, idOf(req));
    const values = formValues(req.body);
    const { t } = req;
    const locale = localeOf(req);
    if (values.intent === 'archive' || values.intent === 'unarchive') {
      const archived = values.intent === 'archive';
      const result = await updateSurvey(app.db, req.actor, s.id, { archived });
      if (!result.ok) return back(reply, s.id, 'error', failureText(req, result));
      return back(reply, s.id, 'success', t(archived ? 'surveys.builder.archived' : 'surveys.builder.unarchived'));
    }
    const target = await settingsTarget(req, s);
    // Once a wave has opened, anonymity and background are shown, not sent: they cannot change.
    const { input, errors } = surveyFromForm(values, { withUnit: false, withFixed: !target.fixed });
    const parsed = surveyPatch.safeParse(input);
    const own = problemErrors(t, locale, errors, (p) => p);
    if (!parsed.success || own.length > 0) return settingsForm(reply, target, { values, errors: merge(own, parsed.success ? [] : schemaErrors(t, parsed.error, (p) => surveyFieldOf(p, ''))) }, 422);
    const result = await updateSurvey(app.db, req.actor, s.id, parsed.data);
    if (!result.ok) {
      if (result.reason !== 'invalid') return refuse(req, result);
      return settingsForm(reply, target, { values, errors: problemErrors(t, locale, result.errors, (p, code) => surveyFieldOf(p, '', code)) }, 422);
    }
    return back(reply, s.id, 'success', t('surveys.builder.settings_saved'));
  });

  // ——— questions: each change sends the whole list through updateSurvey, so its rules apply ———

  const asInputs = (qs: readonly Question[]): QuestionInput[] => qs.map((q) => questionInput.parse(questionAsInput(q)));

  const questionForm = async (req: FastifyRequest, reply: FastifyReply, s: SurveyView, form: FormState, at: number, editing: Question | null, status = 200) => {
    const askedIn = editing ? (await openedWaves(app.db, s.id)).filter((w) => w.keys.includes(editing.key)).map((w) => w.name) : [];
    const earlier = s.questions.slice(0, at).filter((q) => !q.condition && q.key !== editing?.key);
    return reply.status(status).html(
      <QuestionFormPage
        view={await reply.view()}
        survey={{ id: s.id, title: inLocale(s.title, localeOf(req)) }}
        form={form}
        earlier={earlier}
        question={editing ? { key: editing.key, text: textOf(req, editing), askedIn } : undefined}
      />,
    );
  };

  /**
   * The question form's fields as question `at` of the survey (a new one at the end, or in place of
   * the one edited): the form's own checks, the schema, then the use case with the whole list. A
   * problem of this question is shown on its field, one of another question above the form.
   */
  const saveQuestion = async (req: FastifyRequest, reply: FastifyReply, s: SurveyView, at: number, editing: Question | null) => {
    const values = formValues(req.body);
    const { t } = req;
    const locale = localeOf(req);
    const type = typeof values.type === 'string' ? values.type : '';
    const others = [...s.questions, ...s.retiredQuestions].filter((q) => q.key !== editing?.key);
    const built = questionFromForm(values, { taken: new Set(others.map((q) => q.key)), earlier: s.questions.slice(0, at).filter((q) => !q.condition) });
    const shown = built.suggestedKey ? { ...values, key: built.suggestedKey } : values;
    const parsed = questionInput.safeParse(built.input);
    const own = problemErrors(t, locale, built.errors, (p) => p);
    if (!parsed.success || own.length > 0) return questionForm(req, reply, s, { values: shown, errors: merge(own, parsed.success ? [] : schemaErrors(t, parsed.error, (p) => questionFieldOf(p, type))) }, at, editing, 422);
    const questions = asInputs(s.questions);
    if (editing) questions[at] = parsed.data;
    else questions.push(parsed.data);
    const result = await updateSurvey(app.db, req.actor, s.id, { questions });
    if (!result.ok) {
      if (result.reason !== 'invalid') return refuse(req, result);
      const fieldOf = (p: string, code: string) => {
        const m = /^questions\.(\d+)\.(.+)$/.exec(p);
        return m && Number(m[1]) === at ? questionFieldOf(m[2], type, code) : '';
      };
      return questionForm(req, reply, s, { values: shown, errors: problemErrors(t, locale, result.errors, fieldOf) }, at, editing, 422);
    }
    const saved = result.survey.questions[at];
    const message = editing ? t('surveys.builder.question_saved', { question: textOf(req, saved) }) : t('surveys.builder.question_added', { question: textOf(req, saved) });
    return back(reply, s.id, 'success', message, `#question-${saved.key}`);
  };

  /** The question of the survey named in the path, and where it stands; a key not asked now is not found. */
  const questionOf = (req: FastifyRequest, s: SurveyView): { q: Question; at: number } => {
    const key = keyOf(req);
    const at = s.questions.findIndex((q) => q.key === key);
    if (at < 0) return refuse(req, notFound);
    return { q: s.questions[at], at };
  };

  app.get('/surveys/:id/questions/new', async (req, reply) => {
    const s = await managed(req, idOf(req));
    reply.header('cache-control', 'no-store');
    return questionForm(req, reply, s, emptyForm(newQuestionValues()), s.questions.length, null);
  });

  app.post('/surveys/:id/questions', async (req, reply) => {
    const s = await managed(req, idOf(req));
    return saveQuestion(req, reply, s, s.questions.length, null);
  });

  app.get('/surveys/:id/questions/:key/edit', async (req, reply) => {
    const s = await managed(req, idOf(req));
    const { q, at } = questionOf(req, s);
    reply.header('cache-control', 'no-store');
    return questionForm(req, reply, s, emptyForm(questionValues(q)), at, q);
  });

  app.post('/surveys/:id/questions/:key', async (req, reply) => {
    const s = await managed(req, idOf(req));
    const { q, at } = questionOf(req, s);
    return saveQuestion(req, reply, s, at, q);
  });

  app.post('/surveys/:id/questions/:key/move', async (req, reply) => {
    const s = await managed(req, idOf(req));
    const { q, at } = questionOf(req, s);
    const direction = formValues(req.body).direction;
    const to = direction === 'up' ? at - 1 : direction === 'down' ? at + 1 : -1;
    if (to < 0 || to >= s.questions.length) return back(reply, s.id, 'error', req.t('surveys.detail.cannot_move', { question: textOf(req, q) }), `#question-${q.key}`);
    const questions = asInputs(s.questions);
    [questions[at], questions[to]] = [questions[to], questions[at]];
    const result = await updateSurvey(app.db, req.actor, s.id, { questions });
    if (!result.ok) return back(reply, s.id, 'error', failureText(req, result), `#question-${q.key}`);
    return back(reply, s.id, 'success', req.t(direction === 'up' ? 'surveys.detail.moved_up' : 'surveys.detail.moved_down', { question: textOf(req, q) }), `#question-${q.key}`);
  });

  app.post('/surveys/:id/questions/:key/delete', async (req, reply) => {
    const s = await managed(req, idOf(req));
    const { q, at } = questionOf(req, s);
    // A survey needs a question: the last one stays (its settings and waves would have nothing to ask).
    if (s.questions.length === 1) return back(reply, s.id, 'error', req.t('surveys.detail.last_question'), `#question-${q.key}`);
    const asked = (await openedWaves(app.db, s.id)).some((w) => w.keys.includes(q.key));
    const questions = asInputs(s.questions.filter((_, i) => i !== at));
    const result = await updateSurvey(app.db, req.actor, s.id, { questions });
    if (!result.ok) return back(reply, s.id, 'error', failureText(req, result), `#question-${q.key}`);
    return back(reply, s.id, 'success', req.t(asked ? 'surveys.detail.retired' : 'surveys.detail.removed', { question: textOf(req, q) }), asked ? '#survey-retired' : '#survey-questions');
  });

  // ——— waves ———

  /** The segments the reader may ask with a wave of this survey: theirs to use, of the survey's unit or below. */
  const usableSegments = async (req: FastifyRequest, s: SurveyView) => {
    const [all, units] = await Promise.all([listSegments(app.db, req.actor), listUnits(app.db)]);
    const inside = new Set([s.unitId]);
    for (const u of units) if (u.parentId && inside.has(u.parentId)) inside.add(u.id);
    return all.filter((seg) => canSegment(req.actor, 'segment.use', seg) && inside.has(seg.unitId)).map((seg) => ({ id: seg.id, name: seg.unitId === s.unitId ? seg.name : `${seg.name} (${seg.unitName})` }));
  };

  const waveForm = async (req: FastifyRequest, reply: FastifyReply, s: SurveyView, form: FormState, status = 200) =>
    reply
      .status(status)
      .html(
        <WaveFormPage
          view={await reply.view()}
          form={form}
          survey={{ id: s.id, title: inLocale(s.title, localeOf(req)), unitName: s.unitName, anonymous: s.anonymous, questionCount: s.questions.length }}
          segments={await usableSegments(req, s)}
        />,
      );

  app.get('/surveys/:id/waves/new', async (req, reply) => {
    const s = await managed(req, idOf(req));
    reply.header('cache-control', 'no-store');
    return waveForm(req, reply, s, emptyForm(newWaveValues()));
  });

  app.post('/surveys/:id/waves', async (req, reply) => {
    const s = await managed(req, idOf(req));
    const values = formValues(req.body);
    const { t } = req;
    const locale = localeOf(req);
    const { input, errors, reminderFields } = waveFromForm(values);
    const fieldOf = (p: string) => waveFieldOf(p, reminderFields);
    const parsed = waveInput.safeParse(input);
    const own = problemErrors(t, locale, errors, (p) => p);
    if (!parsed.success || own.length > 0) return waveForm(req, reply, s, { values, errors: merge(own, parsed.success ? [] : schemaErrors(t, parsed.error, fieldOf)) }, 422);
    const result = await createWave(app.db, req.actor, s.id, parsed.data, mail);
    if (!result.ok) {
      const shown = result.reason === 'invalid' ? problemErrors(t, locale, result.errors, fieldOf) : pageFailure(req, result, surveyProblem, fieldOf).errors;
      return waveForm(req, reply, s, { values, errors: shown }, 422);
    }
    const w = result.wave;
    const message = w.status === 'open' ? t('surveys.wave_form.opened', { wave: w.name, count: w.invitees }) : t('surveys.wave_form.planned', { wave: w.name, opens: formatDateTime(locale, w.opensAt) });
    return back(reply, s.id, 'success', message, '#survey-waves');
  });

  app.post('/surveys/waves/:id/close', async (req, reply) => {
    const id = idOf(req);
    const found = await waveFor(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    allow(req, can(req.actor, 'survey.manage', found.survey));
    const result = await closeWaveNow(app.db, req.actor, id);
    if (!result.ok) return back(reply, found.survey.id, 'error', failureText(req, result), '#survey-waves');
    const message = found.wave.status === 'scheduled' ? req.t('surveys.detail.wave_cancelled', { wave: found.wave.name }) : req.t('surveys.detail.wave_closed', { wave: found.wave.name });
    return back(reply, found.survey.id, 'success', message, '#survey-waves');
  });
}
