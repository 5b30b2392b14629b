import { and, asc, eq, ne } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import type { View } from '../../platform/html/view.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { localeTextFor } from '../../platform/i18n/locale-texts.js';
import { forbidden, notFound, pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import { employerKindLabel } from '../../kernel/labels.js';
import { listUnitsCached } from '../../kernel/units.js';
import { listMembershipTypesCached } from '../members/index.js';
import { backgroundLabel } from './labels.js';
import { can } from './policy.js';
import { surveyProblem } from './problems.js';
import { inLocale, type Question } from './questions.js';
import { filterChoices, questionTrend, waveResults, type WaveResults } from './results.js';
import { idParams, resultsQuery } from './schema.js';
import { loadQuestions, minGroupOf, surveyFor, waveSummaries, type SurveyRow } from './surveys.js';
import { surveyWaves, type BackgroundVariable } from './tables.js';
import { waveFor, type WaveRow } from './waves.js';
import { ReportPage } from './pages/report-page.js';
import { TrendPage, type TrendChoice } from './pages/trend-page.js';
import { WaveResultsPage, type FilterField, type FilterName, type WaveHeader } from './pages/wave-results.js';

/*
 * The results pages: a wave's results with a filter by the declared background variables, the
 * printable report of the same, and one question's trend across the waves that asked it. The
 * survey's unit's staff and board (and admins) see them; everyone else is told they do not exist,
 * and nobody logged in is sent to log in. Nothing here writes.
 */

const localeOf = (req: FastifyRequest): Locale => (isLocale(req.locale) ? req.locale : 'da');

/** The route's id, or the refusal a page without one gets (a visitor logs in first). */
const idOf = (req: FastifyRequest): string => {
  const p = idParams.safeParse(req.params);
  if (!p.success) return refuse(req, notFound);
  return p.data.id;
};

const FILTERS: { name: FilterName; variable: BackgroundVariable }[] = [
  { name: 'unit', variable: 'unit' },
  { name: 'membershipType', variable: 'membership_type' },
  { name: 'workplaceKind', variable: 'workplace_kind' },
];

/** The filter's fields as the form sends them: only the three names, a select's "all" ('') as absent. */
function filterInput(query: unknown): Record<string, string> {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const { name } of FILTERS) {
    const v = q[name];
    if (typeof v === 'string' && v !== '') out[name] = v;
  }
  return out;
}

const queryString = (filter: Record<string, string>): string => {
  const s = new URLSearchParams(filter).toString();
  return s ? `?${s}` : '';
};

/** The wave the reader may see the results of, with its survey; refused as the use case refuses. */
async function visibleWave(app: FastifyInstance, req: FastifyRequest, id: string): Promise<{ wave: WaveRow; survey: SurveyRow }> {
  const found = await waveFor(app.db, req.actor, id);
  if (!found.ok) return refuse(req, found);
  if (!can(req.actor, 'survey.results', found.survey)) return refuse(req, forbidden);
  if (found.wave.status === 'scheduled') return refuse(req, notFound);
  return found;
}

/** How many opened waves of the survey asked each question. */
async function askedCounts(app: FastifyInstance, surveyId: string): Promise<Map<string, number>> {
  const rows = await app.db
    .select({ keys: surveyWaves.questionKeys })
    .from(surveyWaves)
    .where(and(eq(surveyWaves.surveyId, surveyId), ne(surveyWaves.status, 'scheduled')))
    .orderBy(asc(surveyWaves.opensAt));
  const out = new Map<string, number>();
  for (const r of rows) for (const k of r.keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

async function waveHeader(app: FastifyInstance, survey: SurveyRow, wave: WaveRow, locale: Locale): Promise<WaveHeader> {
  const summary = (await waveSummaries(app.db, [survey.id])).get(survey.id)?.find((w) => w.id === wave.id);
  return {
    surveyId: survey.id,
    waveId: wave.id,
    title: inLocale(survey.title, locale),
    waveName: wave.name,
    opensAt: wave.opensAt,
    closesAt: wave.closesAt,
    status: wave.status,
    responses: summary?.responses ?? 0,
    invitees: wave.invitees,
    rate: summary?.rate ?? null,
    minGroup: minGroupOf(survey),
  };
}

/** A category of a background variable as the reader reads it: a unit's or a membership type's name, a workplace kind's label. */
async function categoryNamer(app: FastifyInstance, view: View): Promise<(name: FilterName, value: string) => string> {
  const [units, types] = await Promise.all([listUnitsCached(app.db), listMembershipTypesCached(app.db)]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const typeName = new Map(types.map((t) => [t.id, localeTextFor(t.nameTranslations, view.locale, { text: t.name, locale: view.org.defaultLocale })]));
  return (name, value) => {
    if (name === 'unit') return unitName.get(value) ?? value;
    if (name === 'membershipType') return typeName.get(value) ?? value;
    const key = employerKindLabel[value as keyof typeof employerKindLabel];
    return key ? view.t(key) : value;
  };
}

/** The form's selects, one per declared variable, with this wave's categories; and the chosen ones in words. */
async function filterFields(app: FastifyInstance, view: View, survey: SurveyRow, waveId: string, given: Record<string, string>): Promise<{ fields: FilterField[]; text: string | null }> {
  const declared = FILTERS.filter((f) => survey.background.includes(f.variable));
  if (declared.length === 0) return { fields: [], text: null };
  const [choices, name] = await Promise.all([filterChoices(app.db, survey, waveId), categoryNamer(app, view)]);
  const fields = declared.map(({ name: field, variable }) => ({
    name: field,
    label: view.t(backgroundLabel[variable]),
    value: given[field] ?? '',
    options: choices[field].map((c) => ({ value: c.value, label: name(field, c.value), enough: c.enough })).sort((a, b) => a.label.localeCompare(b.label, view.locale)),
  }));
  const chosen = declared.filter((f) => given[f.name] !== undefined).map((f) => name(f.name, given[f.name]));
  return { fields, text: chosen.length > 0 ? chosen.join(', ') : null };
}

export async function surveyResultsPages(app: FastifyInstance): Promise<void> {
  /**
   * What the results page and the report both need: the wave, its header, the filter in use and the
   * results of the group it picks, or the field errors that refused it (too small a group, a value
   * the form does not offer) with their status.
   */
  const resultsOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const id = idOf(req);
    const { wave, survey } = await visibleWave(app, req, id);
    const view = await reply.view();
    const given = filterInput(req.query);
    const parsed = parseForm(resultsQuery, given, req.t);
    let results: WaveResults | null = null;
    let errors: FieldError[] = [];
    let status = 200;
    let questions: Question[] = [];
    if (!parsed.ok) {
      errors = parsed.errors;
      status = 422;
    } else {
      const found = await waveResults(app.db, req.actor, id, parsed.data);
      if (found.ok) {
        results = found.results;
        questions = found.questions;
      } else {
        ({ errors, status } = pageFailure(req, found as Failure<string>, surveyProblem));
      }
    }
    const [header, filters] = await Promise.all([waveHeader(app, survey, wave, view.locale), filterFields(app, view, survey, wave.id, given)]);
    reply.header('cache-control', 'no-store');
    return { view, wave, survey, header, given, filters, results, questions, errors, status };
  };

  app.get('/surveys/waves/:id/results', async (req, reply) => {
    const r = await resultsOf(req, reply);
    const asked = await askedCounts(app, r.survey.id);
    const trendKeys = new Set([...asked].filter(([, n]) => n > 1).map(([k]) => k));
    return reply
      .status(r.status)
      .html(
        <WaveResultsPage
          view={r.view}
          header={r.header}
          questions={r.questions}
          results={r.results}
          filters={r.filters.fields}
          filterText={r.filters.text}
          filterQuery={r.errors.length === 0 ? queryString(r.given) : ''}
          errors={r.errors}
          trendKeys={trendKeys}
          may={{ export: can(req.actor, 'survey.export', r.survey) }}
        />,
      );
  });

  app.get('/surveys/waves/:id/report', async (req, reply) => {
    const r = await resultsOf(req, reply);
    // The report has no form to show a refused filter on: the results page explains it.
    if (!r.results) return reply.redirect(`/surveys/waves/${r.wave.id}/results${queryString(r.given)}`, 303);
    return reply.html(<ReportPage view={r.view} header={r.header} questions={r.questions} results={r.results} filterText={r.filters.text} now={new Date()} />);
  });

  app.get('/surveys/:id/trend', async (req, reply) => {
    const id = idOf(req);
    const found = await surveyFor(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    const survey = found.survey;
    if (!can(req.actor, 'survey.results', survey)) return refuse(req, forbidden);
    const view = await reply.view();
    const [questions, asked] = await Promise.all([loadQuestions(app.db, id), askedCounts(app, id)]);
    const choices: TrendChoice[] = questions
      .filter((q) => asked.has(q.key))
      .map((q) => ({ key: q.key, number: q.position, text: inLocale(q.text, view.locale), waves: asked.get(q.key)!, retired: q.retired }));
    const q = (req.query ?? {}) as Record<string, unknown>;
    // Without a question: the first that more than one wave asked, else the first asked at all.
    const selected = typeof q.question === 'string' && q.question !== '' ? q.question.slice(0, 40) : (choices.find((c) => c.waves > 1) ?? choices[0])?.key ?? null;
    let trend = null;
    let errors: FieldError[] = [];
    let status = 200;
    if (selected !== null) {
      const result = await questionTrend(app.db, req.actor, id, selected);
      if (result.ok) trend = result.trend;
      else ({ errors, status } = pageFailure(req, result as Failure<string>, surveyProblem));
    }
    reply.header('cache-control', 'no-store');
    return reply
      .status(status)
      .html(<TrendPage view={view} surveyId={id} surveyTitle={inLocale(survey.title, view.locale)} minGroup={minGroupOf(survey)} choices={choices} selected={selected} trend={trend} errors={errors} />);
  });
}
