/**
 * Survey wave on PostgreSQL: a 20-question survey (scales 1–5 and 0–10, single and multiple choice,
 * matrices, numbers, free text, a condition) asked of 20,000 members in one wave; every one of them
 * answers over HTTP (`POST /api/v1/survey-waves/{id}/responses` with their personal link's token in
 * the body and no authorization header, as from the link in their mail: the request's only
 * authentication is the link's HMAC), by `--connections` clients at once on keep-alive sockets.
 * Then the same answers straight through the use case (`respondentFor` + `submitResponse`, the two
 * calls the route makes) on a twin survey's wave, as many callers at once, so the ratio HTTP / use
 * case is measured in one run on one machine. Then, as staff, the p95 of the wave's results page
 * (`GET /surveys/waves/{id}/results`; the API's `GET /api/v1/survey-waves/{id}/results` when this
 * build has no such page, and it says so) and of the trend of a question across three waves
 * (`GET /api/v1/surveys/{id}/trend?question=…`; the two earlier waves are closed, with fewer
 * responses, loaded in bulk).
 *
 *   npm run bench:surveys
 *   npm run bench:surveys -- --members 5000 --connections 50 --requests 50
 *   BENCH_MEMBERS=5000 BENCH_CONNECTIONS=50 BENCH_DATABASE_URL=postgres://… npm run bench:surveys
 *
 * It checks the outcome, not only the speed: every response accepted once (201), the wave holding
 * exactly one response per member and every invitee marked answered, and the results counting them
 * all. The HTTP clients run in a worker thread so they do not share the server's event loop. Runs in
 * a throw-away database that is dropped at the end (also on Ctrl-C).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { anonymous, system, type Actor } from '../src/platform/actor.js';
import type { Database } from '../src/platform/db/database.js';
import { createPersonalToken } from '../src/kernel/auth/api-tokens.js';
import { startSession } from '../src/kernel/auth/sessions.js';
import { loadGrants } from '../src/kernel/grants.js';
import { SESSION_COOKIE } from '../src/kernel/request-context.js';
import { personalLinkToken } from '../src/features/mailings/index.js';
import { respondentFor, submitResponse } from '../src/features/surveys/answering.js';
import { forgetCountedResults } from '../src/features/surveys/results.js';
import { checkAnswers, type Question } from '../src/features/surveys/questions.js';
import { surveyInput, waveInput } from '../src/features/surveys/schema.js';
import { createSurvey } from '../src/features/surveys/surveys.js';
import { closeWave, createWave, LINK_PURPOSE } from '../src/features/surveys/waves.js';
import { benchDatabase, fmt, say, setting, table, type BenchDatabase } from './support.js';

const { values: args } = parseArgs({ options: { members: { type: 'string' }, connections: { type: 'string' }, requests: { type: 'string' } } });
const members = setting('bench:surveys', '--members / BENCH_MEMBERS', args.members, process.env.BENCH_MEMBERS, 20_000, 10);
const connections = setting('bench:surveys', '--connections / BENCH_CONNECTIONS', args.connections, process.env.BENCH_CONNECTIONS, 64, 1);
const requests = setting('bench:surveys', '--requests / BENCH_REQUESTS', args.requests, process.env.BENCH_REQUESTS, 40, 30);
const mail = { baseUrl: 'http://bench.forening.test' };

/** The 20 questions: every type, two scales, three matrices, a condition, sections. */
const QUESTIONS = [
  { key: 'satisfaction', type: 'scale', text: { da: 'Hvor tilfreds er du med dit arbejde?', sv: 'Hur nöjd är du med ditt arbete?', en: 'How satisfied are you with your work?' }, required: true, section: 'Dit arbejde' },
  { key: 'workload', type: 'single', text: 'Hvordan er din arbejdsbyrde?', options: ['For lav', 'Passende', 'For høj'], required: true },
  { key: 'workload_why', type: 'text', text: 'Hvad gør arbejdsbyrden for høj?', condition: { key: 'workload', values: ['for-hoej'] } },
  { key: 'priorities', type: 'multiple', text: 'Hvad skal vi prioritere ved overenskomsten?', options: ['Løn', 'Arbejdstid', 'Pension', 'Efteruddannelse', 'Seniorordninger'] },
  { key: 'climate', type: 'matrix', text: 'Hvor enig er du?', statements: ['Vi behandler hinanden med respekt', 'Jeg bliver hørt', 'Jeg kan sige fra', 'Der er tid til opgaverne'], required: true, section: 'Arbejdsmiljø' },
  { key: 'hours', type: 'number', text: 'Hvor mange timer arbejder du om ugen?', min: 0, max: 80 },
  { key: 'recommend', type: 'scale', text: 'Hvor sandsynligt er det, at du vil anbefale din arbejdsplads?', min: 0, max: 10, required: true },
  { key: 'stress', type: 'single', text: 'Hvor ofte føler du dig stresset?', options: ['Aldrig', 'Sjældent', 'Ofte', 'Altid'] },
  { key: 'manager', type: 'matrix', text: 'Din nærmeste leder …', statements: ['giver mig feedback', 'tager sig af problemer', 'er til at få fat i'] },
  { key: 'training', type: 'multiple', text: 'Hvilken efteruddannelse har du haft det seneste år?', options: ['Kursus', 'Konference', 'Sidemandsoplæring', 'Ingen'] },
  { key: 'pay', type: 'scale', text: 'Hvor tilfreds er du med din løn?', section: 'Løn og vilkår' },
  { key: 'tenure', type: 'number', text: 'Hvor mange år har du været på arbejdspladsen?', min: 0, max: 50 },
  { key: 'safety', type: 'single', text: 'Føler du dig tryg på arbejdet?', options: ['Ja', 'Nej', 'Ved ikke'], required: true },
  { key: 'union_contact', type: 'single', text: 'Hvor ofte har du kontakt med din tillidsrepræsentant?', options: ['Månedligt', 'Årligt', 'Aldrig'] },
  { key: 'wellbeing', type: 'matrix', text: 'Hvordan har du det?', statements: ['fysisk', 'psykisk', 'socialt'], min: 0, max: 10 },
  { key: 'ideas', type: 'text', text: 'Hvad kunne gøre din arbejdsdag bedre?' },
  { key: 'sick_days', type: 'number', text: 'Hvor mange sygedage havde du sidste år?', min: 0, max: 365 },
  { key: 'remote', type: 'single', text: 'Kan du arbejde hjemmefra?', options: ['Ja', 'Delvist', 'Nej'] },
  { key: 'future', type: 'scale', text: 'Hvor sandsynligt er det, at du stadig er her om to år?', section: 'Fremtiden' },
  { key: 'comments', type: 'text', text: 'Andre kommentarer' },
] as const;

/** A complete, varied set of answers for member `i` in wave `wave` (so the waves' figures differ). */
function answersOf(i: number, wave = 0): Record<string, unknown> {
  const r = (n: number, salt: number) => (i * 7 + salt * 13 + wave * 5 + ((i * salt) % 11)) % n;
  const workload = ['for-lav', 'passende', 'for-hoej'][r(3, 1)];
  return {
    satisfaction: 1 + ((r(5, 2) + wave) % 5),
    workload,
    ...(workload === 'for-hoej' ? { workload_why: `For mange opgaver på for lidt tid (${i % 40}).` } : {}),
    priorities: ['loen', 'arbejdstid', 'pension', 'efteruddannelse', 'seniorordninger'].filter((_, k) => r(2, 3 + k) === 0),
    climate: { s1: 1 + r(5, 8), s2: 1 + r(5, 9), s3: 1 + r(5, 10), s4: 1 + r(5, 11) },
    hours: 25 + r(16, 12),
    recommend: r(11, 13),
    stress: ['aldrig', 'sjaeldent', 'ofte', 'altid'][r(4, 14)],
    manager: { s1: 1 + r(5, 15), s2: 1 + r(5, 16), s3: 1 + r(5, 17) },
    training: [['kursus'], ['konference', 'kursus'], ['sidemandsoplaering'], ['ingen']][r(4, 18)],
    pay: 1 + r(5, 19),
    tenure: r(30, 20),
    safety: ['ja', 'nej', 'ved-ikke'][r(3, 21)],
    union_contact: ['maanedligt', 'aarligt', 'aldrig'][r(3, 22)],
    wellbeing: { s1: r(11, 23), s2: r(11, 24), s3: r(11, 25) },
    ...(r(4, 26) === 0 ? { ideas: `Flere hænder i weekenden (${i % 25}).` } : {}),
    sick_days: r(15, 27),
    remote: ['ja', 'delvist', 'nej'][r(3, 28)],
    future: 1 + r(5, 29),
    ...(r(5, 30) === 0 ? { comments: `Tak for undersøgelsen (${i % 30}).` } : {}),
  };
}

interface Sample {
  status: number;
  ms: number;
}

interface Burst {
  samples: Sample[];
  ms: number;
}

/** The HTTP clients: `connections` loops on keep-alive sockets, each posting the next member's response until all are sent. */
const clientCode = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { base, path, bodies, connections } = workerData;
// Plain node:http on keep-alive sockets: much less client CPU per request than fetch, and the
// clients share the machine with the server and the database.
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const target = new URL(base);
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}
let next = 0;
const samples = [];
async function loop() {
  for (;;) {
    const i = next++;
    if (i >= bodies.length) return;
    const start = performance.now();
    const status = await post(bodies[i]);
    samples.push({ status, ms: performance.now() - start });
  }
}
const started = performance.now();
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  const ms = performance.now() - started;
  agent.destroy();
  parentPort.postMessage({ samples, ms });
});
`;

function runClients(base: string, path: string, bodies: string[]): Promise<Burst> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(clientCode, { eval: true, workerData: { base, path, bodies, connections } });
    worker.once('message', (m) => {
      resolve(m as Burst);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The same answers through the use case: what the route calls, as many callers at once as there were HTTP connections. */
async function runUseCase(database: Database, waveId: string, tokens: string[]): Promise<Burst> {
  let next = 0;
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        if (i >= tokens.length) return;
        const start = performance.now();
        const who = await respondentFor(database.db, anonymous, waveId, tokens[i]);
        const r = who.ok ? await submitResponse(database.db, who.respondent, waveId, answersOf(i)) : who;
        samples.push({ status: r.ok ? 201 : 409, ms: performance.now() - start });
      }
    }),
  );
  return { samples, ms: performance.now() - started };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Outcome {
  accepted: number;
  failed: number;
  responseRows: number;
  answeredRows: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function outcome(database: Database, waveId: string, run: Burst): Promise<Outcome> {
  const [held] = (
    await database.executeSql(`select (select count(*)::int from survey_responses where wave_id = $1) as r, (select count(*)::int from survey_invitees where wave_id = $1 and answered) as a`, [waveId])
  ).rows as { r: number; a: number }[];
  const times = run.samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    accepted: run.samples.filter((s) => s.status === 201).length,
    failed: run.samples.filter((s) => s.status !== 201).length,
    responseRows: held.r,
    answeredRows: held.a,
    perSecond: run.samples.length / (run.ms / 1000),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
  };
}

/** `count` sequential GETs after three untimed ones: the latencies in ms, sorted, and the statuses seen. */
async function timeGets(url: string, headers: Record<string, string>, count: number, before?: () => void): Promise<{ times: number[]; statuses: Set<number>; body: string }> {
  let body = '';
  for (let i = 0; i < 3; i++) body = await (await fetch(url, { headers })).text();
  const times: number[] = [];
  const statuses = new Set<number>();
  for (let i = 0; i < count; i++) {
    before?.();
    const start = performance.now();
    const res = await fetch(url, { headers });
    body = await res.text();
    times.push(performance.now() - start);
    statuses.add(res.status);
  }
  return { times: times.sort((a, b) => a - b), statuses, body };
}

/**
 * An earlier wave, closed, with `count` responses loaded in bulk (checked answers and their cells,
 * as the use case would store them) and those invitees marked answered; then moved back in time.
 */
async function earlierWave(database: Database, staff: Actor, surveyId: string, questions: Question[], name: string, daysAgo: number, count: number): Promise<string> {
  const now = Date.now();
  const made = await createWave(database.db, staff, surveyId, waveInput.parse({ name, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString() }), mail);
  if (!made.ok) throw new Error(`createWave: ${JSON.stringify(made)}`);
  const id = made.wave.id;
  const rows = Array.from({ length: count }, (_, i) => {
    const checked = checkAnswers(questions, answersOf(i, daysAgo));
    if (!checked.ok) throw new Error(`answersOf(${i}): ${JSON.stringify(checked.errors)}`);
    return { a: checked.value.answers, c: checked.value.cells };
  });
  for (let from = 0; from < rows.length; from += 5_000) {
    await database.executeSql(
      `insert into survey_responses (wave_id, answers, cells) select $1::uuid, e->'a', array(select jsonb_array_elements_text(e->'c')) from jsonb_array_elements($2::jsonb) e`,
      [id, JSON.stringify(rows.slice(from, from + 5_000))],
    );
  }
  await database.executeSql(`update survey_invitees set answered = true where wave_id = $1 and person_id in (select person_id from survey_invitees where wave_id = $1 order by person_id limit $2)`, [id, count]);
  await closeWave(database.db, id);
  await database.executeSql(`update survey_waves set opens_at = now() - make_interval(days => $2::int), closes_at = now() - make_interval(days => $2::int - 30), opened_at = now() - make_interval(days => $2::int) where id = $1`, [id, daysAgo]);
  return id;
}

async function main(): Promise<void> {
  let bench: BenchDatabase | null = null;
  let app: FastifyInstance | null = null;
  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    if (app) await app.close().catch(() => {});
    if (bench) await bench.drop();
  }
  const onSignal = () => {
    process.stderr.write('\nInterrupted: cleaning up…\n');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    bench = await benchDatabase();
    const { database } = bench;
    const [root] = (await database.executeSql(`select id from units where parent_id is null limit 1`)).rows as { id: string }[];
    const [type] = (await database.executeSql(`select id from membership_types order by position limit 1`)).rows as { id: string }[];
    // A district of its own for the bench, so the wave asks exactly `members`: its members, at twenty
    // workplaces of two kinds, made in a few statements.
    const [unit] = (await database.executeSql(`insert into units (kind, parent_id, name, position) values ('district', $1, 'Bench-kredsen', 99) returning id`, [root.id])).rows as { id: string }[];
    await database.executeSql(
      `insert into workplaces (name, unit_id, employer_kind, employer_name) select 'Bench-arbejdsplads ' || i, $1, (array['municipality','region'])[1 + i % 2], 'Bench-kommune' from generate_series(1, 20) i`,
      [unit.id],
    );
    const memberIds = (
      await database.executeSql(
        `with p as (
           insert into persons (first_name, last_name, email, preferred_locale)
           select 'Bench', 'Medlem ' || i, 'bench.' || i || '@surveys.example', (array['da','sv','en'])[1 + i % 3]
           from generate_series(1, $1::int) i returning id),
         m as (insert into memberships (person_id, type_id, unit_id, status, status_since) select id, $2, $3, 'active', current_date - 30 from p returning person_id)
         select person_id from m order by person_id`,
        [members, type.id, unit.id],
      )
    ).rows.map((r) => String(r.person_id));
    await database.executeSql(
      `insert into employments (person_id, workplace_id, starts_on)
       select p.id, w.id, date '2020-01-01' from unnest($1::uuid[]) with ordinality p(id, n)
       join (select id, row_number() over (order by id) - 1 as k from workplaces where unit_id = $2) w on w.k = p.n % 20`,
      [memberIds, unit.id],
    );
    // The district's staff: builds the surveys, reads the results (a session for pages, a token for the API).
    const [staffRow] = (await database.executeSql(`insert into persons (first_name, last_name, email) values ('Bench', 'Sekretær', 'sekretaer@surveys.example') returning id`)).rows as { id: string }[];
    await database.executeSql(`insert into role_assignments (person_id, role, unit_id) values ($1, 'staff', $2)`, [staffRow.id, unit.id]);
    const staff: Actor = { kind: 'person', personId: staffRow.id, firstName: 'Bench', lastName: 'Sekretær', grants: await loadGrants(database.db, staffRow.id) };
    const cookie = `${SESSION_COOKIE}=${await startSession(database.db, staff, staffRow.id)}`;
    const token = await createPersonalToken(database.db, system, { personId: staffRow.id, name: 'Bench' });
    if (!token.ok) throw new Error(`createPersonalToken: ${JSON.stringify(token)}`);
    const bearer = `Bearer ${token.token.value}`;

    const build = async (title: string) => {
      const made = await createSurvey(database.db, staff, surveyInput.parse({ unitId: unit.id, title, anonymous: true, background: ['unit', 'membership_type', 'workplace_kind'], questions: QUESTIONS }));
      if (!made.ok) throw new Error(`createSurvey: ${JSON.stringify(made)}`);
      return made.survey;
    };
    const survey = await build('Arbejdsmiljø (bench)');
    const twin = await build('Arbejdsmiljø, tvilling (bench)');

    say(`bench:surveys — ${fmt(members)} members answer a ${QUESTIONS.length}-question survey in one wave, ${connections} at a time; PostgreSQL database ${bench.name} (demo organisation seeded); Node ${process.version}\n`);

    // Two earlier waves, closed, with fewer responses: the trend's first two points.
    const early = [Math.round(members * 0.4), Math.round(members * 0.6)];
    await earlierWave(database, staff, survey.id, survey.questions, '2024', 730, early[0]);
    await earlierWave(database, staff, survey.id, survey.questions, '2025', 365, early[1]);
    const open = async (surveyId: string, name: string) => {
      const now = Date.now();
      const made = await createWave(database.db, staff, surveyId, waveInput.parse({ name, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 14 * 86_400_000).toISOString() }), mail);
      if (!made.ok) throw new Error(`createWave: ${JSON.stringify(made)}`);
      if (made.wave.invitees !== members) throw new Error(`the wave invited ${made.wave.invitees}, not ${members}`);
      return made.wave.id;
    };
    const waveId = await open(survey.id, '2026');
    const twinWaveId = await open(twin.id, '2026');

    // Each member's personal link token for the wave, as their invitation carries it, and their body.
    const bodies: string[] = [];
    for (let i = 0; i < members; i++) bodies.push(JSON.stringify({ answers: answersOf(i), token: await personalLinkToken(database.db, LINK_PURPOSE, waveId, memberIds[i]) }));
    const twinTokens: string[] = [];
    for (let i = 0; i < members; i++) twinTokens.push(await personalLinkToken(database.db, LINK_PURPOSE, twinWaveId, memberIds[i]));
    await database.executeSql('analyze');

    const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, FORENING_DEMO: '0' });
    app = await buildApp({ config, database, secret: randomBytes(32).toString('hex'), logger: false, jobs: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const path = `/api/v1/survey-waves/${waveId}/responses`;

    // A warm-up (connections, JIT, statement plans), not counted and writing nothing: the whole path
    // of an answer up to its check, refused for a missing required answer (422).
    const warm = Math.min(500, members);
    const warmBodies = bodies.slice(0, warm).map((b) => {
      const parsed = JSON.parse(b) as { answers: Record<string, unknown>; token: string };
      delete parsed.answers.satisfaction;
      return JSON.stringify(parsed);
    });
    const warmed = await runClients(base, path, warmBodies);
    if (warmed.samples.some((s) => s.status !== 422)) throw new Error(`warm-up: expected 422s, got ${[...new Set(warmed.samples.map((s) => s.status))].join(', ')}`);

    const http = await runClients(base, path, bodies);
    const overHttp = await outcome(database, waveId, http);
    const direct = await runUseCase(database, twinWaveId, twinTokens);
    const overUseCase = await outcome(database, twinWaveId, direct);

    const row = (name: string, o: Outcome) => [name, fmt(o.accepted), fmt(o.failed), fmt(o.responseRows), fmt(o.answeredRows), fmt(o.perSecond), fmt(o.p50, 1), fmt(o.p99, 1)];
    say(
      table([
        ['burst', 'accepted', 'failed', 'response rows', 'answered', 'responses/s', 'p50 ms', 'p99 ms'],
        row('HTTP: POST /api/v1/survey-waves/{id}/responses (link token)', overHttp),
        row('use case: respondentFor + submitResponse', overUseCase),
      ]),
    );
    const ratio = overHttp.perSecond / overUseCase.perSecond;
    say(`\nHTTP / use case: ${fmt(ratio, 2)} of the use case's rate`);

    // The results, as staff: the page if this build has it, else the API.
    const hasPage = app.hasRoute({ method: 'GET', url: '/surveys/waves/:id/results' });
    const resultsUrl = hasPage ? `${base}/surveys/waves/${waveId}/results` : `${base}/api/v1/survey-waves/${waveId}/results`;
    const results = await timeGets(resultsUrl, hasPage ? { cookie, accept: 'text/html' } : { authorization: bearer }, requests);
    // The same page when every view must count afresh (as after each new response while a wave is open): the kept results forgotten before each request.
    const afresh = await timeGets(resultsUrl, hasPage ? { cookie, accept: 'text/html' } : { authorization: bearer }, requests, () => forgetCountedResults(database.db));
    const counted = hasPage ? null : (JSON.parse(results.body) as { responses: number }).responses;
    const trend = await timeGets(`${base}/api/v1/surveys/${survey.id}/trend?question=satisfaction`, { authorization: bearer }, requests);
    const trendWaves = (JSON.parse(trend.body) as { waves: { responses: number }[] }).waves.map((p) => p.responses);
    const read = (name: string, r: { times: number[]; statuses: Set<number> }) => [name, [...r.statuses].join(', '), fmt(r.times.length), fmt(percentile(r.times, 50), 1), fmt(percentile(r.times, 95), 1), fmt(r.times[r.times.length - 1], 1)];
    say('');
    say(
      table([
        ['read (as staff, one at a time)', 'status', 'requests', 'p50 ms', 'p95 ms', 'max ms'],
        read(hasPage ? `results page: GET /surveys/waves/{id}/results (${fmt(members)} responses)` : `results: GET /api/v1/survey-waves/{id}/results (${fmt(members)} responses)`, results),
        read(hasPage ? `results page, counted afresh for every view` : `results, counted afresh for every view`, afresh),
        read(`trend: GET /api/v1/surveys/{id}/trend (3 waves: ${trendWaves.map((x) => fmt(x)).join(' + ')})`, trend),
      ]),
    );
    if (!hasPage) say('\nnote: this build has no results page (GET /surveys/waves/{id}/results); the API\'s results were timed instead');

    const sound =
      [overHttp, overUseCase].every((o) => o.failed === 0 && o.accepted === members && o.responseRows === members && o.answeredRows === members) &&
      [...results.statuses, ...afresh.statuses].every((s) => s === 200) &&
      [...trend.statuses].every((s) => s === 200) &&
      (counted === null || counted === members) &&
      trendWaves.join() === [...early, members].join();
    const resultsP95 = percentile(results.times, 95);
    say(
      `\nchecks: every response accepted once, one row per member, every invitee answered, results and trend count them all ${sound ? 'MET' : 'FAILED'}; ` +
        `targets: ≥ 300 responses/s over HTTP ${overHttp.perSecond >= 300 ? 'MET' : 'MISSED'} (${fmt(overHttp.perSecond)}/s), results p95 < 200 ms ${resultsP95 < 200 ? 'MET' : 'MISSED'} (${fmt(resultsP95, 1)} ms)\n`,
    );
    if (!sound) process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
  process.exit(1);
});
