/**
 * Ballot burst on PostgreSQL: 2,000 checked-in members cast a secret ballot in one poll at once, over
 * HTTP, each with their own personal API token (as from their phones), by `--connections` clients at
 * once; meanwhile a projector holds the hall's live stream (`GET /assemblies/{id}/live`, Server-Sent
 * Events fed by LISTEN/NOTIFY) open, and the time from the last ballot's answer to the turnout on that
 * stream showing it is measured. Then the same burst straight against the use case (`castBallot`, a
 * new poll, the same voters, as many callers at once), so the ratio HTTP / use case is measured in
 * one run on one machine. Before the burst each voter's phone has shown the poll once (a GET with
 * their token, not timed), as it does in the hall before anyone votes.
 *
 *   npm run bench:ballots
 *   npm run bench:ballots -- --voters 1000 --connections 50
 *   BENCH_VOTERS=1000 BENCH_CONNECTIONS=50 BENCH_DATABASE_URL=postgres://… npm run bench:ballots
 *
 * It checks the outcome, not only the speed: every ballot accepted once (201), counted once (the
 * voters and the ballots tables hold exactly one row per voter), and the tally at the close equal to
 * what was cast. The HTTP clients and the projector run in a worker thread so they do not share the
 * server's event loop. Runs in a throw-away database that is dropped at the end (also on Ctrl-C).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { system, type Actor } from '../src/platform/actor.js';
import type { Database } from '../src/platform/db/database.js';
import { createPersonalToken } from '../src/kernel/auth/api-tokens.js';
import { startSession } from '../src/kernel/auth/sessions.js';
import { loadGrants } from '../src/kernel/grants.js';
import { SESSION_COOKIE } from '../src/kernel/request-context.js';
import { castBallot, closePoll, createAssembly, createPoll, openPoll, type BallotResult } from '../src/features/assemblies/index.js';
import { freezeRoll } from '../src/features/assemblies/roll.js';
import { assemblyInput } from '../src/features/assemblies/schema.js';
import { pollInput } from '../src/features/assemblies/poll-schema.js';
import { benchDatabase, fmt, say, setting, table, type BenchDatabase } from './support.js';

const { values: args } = parseArgs({ options: { voters: { type: 'string' }, connections: { type: 'string' } } });
const voters = setting('bench:ballots', '--voters / BENCH_VOTERS', args.voters, process.env.BENCH_VOTERS, 2_000, 1);
const connections = setting('bench:ballots', '--connections / BENCH_CONNECTIONS', args.connections, process.env.BENCH_CONNECTIONS, 100, 1);
const CHOICES = ['yes', 'no', 'abstain'] as const;
const choiceOf = (i: number) => CHOICES[i % 3];

interface Sample {
  status: number;
  ms: number;
}

interface Burst {
  samples: Sample[];
  ms: number;
  /** When the last answer came (ms since the epoch, on the shared clock). */
  lastAnswerAt: number;
  /** When the live stream first showed every ballot (null: it never did within the wait). */
  turnoutSeenAt: number | null;
  pushes: number;
}

/**
 * The HTTP clients and the projector. The projector opens the live stream first and waits for its
 * first state, so it is listening before the burst; then `connections` loops on keep-alive sockets
 * post the ballots, each voter with their own token; the projector notes when the stream's turnout
 * (`counts["voted-<poll>"]`) first reaches the number of voters.
 */
const clientCode = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { base, pollId, liveUrl, cookie, tokens, choices, connections, look } = workerData;
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const target = new URL(base);
const path = '/api/v1/polls/' + pollId + (look ? '' : '/ballots');
function post(authorization, body) {
  return new Promise((resolve, reject) => {
    const headers = look ? { authorization } : { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = http.request({ agent, host: target.hostname, port: target.port, path, method: look ? 'GET' : 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(look ? undefined : body);
  });
}
let turnoutSeenAt = null;
let pushes = 0;
let onFirst;
const first = new Promise((r) => (onFirst = r));
let projector = null;
if (liveUrl) {
  projector = http.get(liveUrl, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\\n\\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\\n').find((l) => l.startsWith('data: '));
        if (!frame.includes('event: state') || !data) continue;
        pushes++;
        const state = JSON.parse(data.slice(6));
        onFirst();
        if (turnoutSeenAt === null && (state.counts['voted-' + pollId] ?? 0) >= tokens.length) turnoutSeenAt = now();
      }
    });
  });
  projector.on('error', () => onFirst());
} else onFirst();
let next = 0;
let lastAnswerAt = 0;
const samples = [];
async function loop() {
  for (;;) {
    const i = next++;
    if (i >= tokens.length) return;
    const start = performance.now();
    const status = await post('Bearer ' + tokens[i], JSON.stringify({ choice: choices[i] }));
    samples.push({ status, ms: performance.now() - start });
    lastAnswerAt = Math.max(lastAnswerAt, now());
  }
}
first.then(async () => {
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const ms = performance.now() - started;
  agent.destroy();
  // The projector has up to ten seconds to show the last ballot.
  for (let waited = 0; liveUrl && turnoutSeenAt === null && waited < 10000; waited += 5) await new Promise((r) => setTimeout(r, 5));
  if (projector) projector.destroy();
  parentPort.postMessage({ samples, ms, lastAnswerAt, turnoutSeenAt, pushes });
});
`;

function runClients(data: { base: string; pollId: string; liveUrl: string | null; cookie: string; tokens: string[]; choices: string[]; look?: boolean }): Promise<Burst> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(clientCode, { eval: true, workerData: { ...data, connections } });
    worker.once('message', (m) => {
      resolve(m as Burst);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The same burst against the use case: as many callers at once as there were HTTP connections. */
async function runUseCase(database: Database, pollId: string, actors: Actor[]): Promise<Burst> {
  let next = 0;
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        if (i >= actors.length) return;
        const start = performance.now();
        const r: BallotResult = await castBallot(database.db, actors[i], pollId, { choice: choiceOf(i) });
        samples.push({ status: r.ok ? 201 : 409, ms: performance.now() - start });
      }
    }),
  );
  const ms = performance.now() - started;
  return { samples, ms, lastAnswerAt: 0, turnoutSeenAt: null, pushes: 0 };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Outcome {
  accepted: number;
  failed: number;
  voterRows: number;
  ballotRows: number;
  tallyRight: boolean;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Reads back what the database holds, closes the poll and checks its tally against what was cast. */
async function outcome(database: Database, pollId: string, run: Burst, cast: number): Promise<Outcome> {
  const [held] = (
    await database.executeSql(`select (select count(*)::int from poll_voters where poll_id = $1) as v, (select count(*)::int from secret_ballots where poll_id = $1) as b`, [pollId])
  ).rows as { v: number; b: number }[];
  const closed = await closePoll(database.db, system, pollId);
  const want = { yes: 0, no: 0, abstain: 0 };
  for (let i = 0; i < cast; i++) want[choiceOf(i)]++;
  const counts = closed.ok ? closed.poll.result?.counts : undefined;
  const times = run.samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    accepted: run.samples.filter((s) => s.status === 201).length,
    failed: run.samples.filter((s) => s.status !== 201).length,
    voterRows: held.v,
    ballotRows: held.b,
    tallyRight: !!counts && counts.yes === want.yes && counts.no === want.no && counts.abstain === want.abstain,
    perSecond: run.samples.length / (run.ms / 1000),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
  };
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
    const [district] = (await database.executeSql(`select id from units where kind = 'district' order by position limit 1`)).rows as { id: string }[];
    const [type] = (await database.executeSql(`select id from membership_types order by position limit 1`)).rows as { id: string }[];
    // The voters: active members of the district for a month, made in one statement.
    const voterIds = (
      await database.executeSql(
        `with p as (
           insert into persons (first_name, last_name, email, preferred_locale)
           select 'Bench', 'Vælger ' || i, 'bench.' || i || '@ballots.example', (array['da','sv','en'])[1 + i % 3]
           from generate_series(1, $1::int) i returning id)
         insert into memberships (person_id, type_id, unit_id, status, status_since) select id, $2, $3, 'active', current_date - 30 from p returning person_id`,
        [voters, type.id, district.id],
      )
    ).rows.map((r) => String(r.person_id));

    // The assembly: called, its roll taken, in session, and the voters checked in (set-based).
    const called = await createAssembly(database.db, system, assemblyInput.parse({ unitId: district.id, title: 'Generalforsamling (bench)', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), template: 'standard' }));
    if (!called.ok) throw new Error(`createAssembly: ${JSON.stringify(called)}`);
    const assemblyId = called.assembly.id;
    const itemId = called.assembly.agenda.find((i) => i.kind === 'motions')!.id;
    await database.db.transaction(async (tx) => {
      await freezeRoll(tx, assemblyId);
    });
    await database.executeSql(`update assemblies set status = 'in_session', notice_sent_at = now(), opened_at = now(), current_item_id = $2 where id = $1`, [assemblyId, itemId]);
    await database.executeSql(`insert into assembly_attendance (assembly_id, person_id) select $1, unnest($2::uuid[])`, [assemblyId, voterIds]);

    // Each voter's personal token (as from their phone), made through the use case, twenty at a time.
    const tokens: string[] = new Array(voters);
    let nextToken = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (;;) {
          const i = nextToken++;
          if (i >= voters) return;
          const r = await createPersonalToken(database.db, system, { personId: voterIds[i], name: 'Telefon' });
          if (!r.ok) throw new Error(`createPersonalToken: ${JSON.stringify(r)}`);
          tokens[i] = r.token.value;
        }
      }),
    );
    // The use case's callers, as the request context would load them.
    const actors: Actor[] = [];
    for (const id of voterIds) actors.push({ kind: 'person', personId: id, firstName: 'Bench', lastName: 'Vælger', grants: await loadGrants(database.db, id) });
    // The projector is a staff member's screen, logged in with a session.
    const [staff] = (await database.executeSql(`insert into persons (first_name, last_name, email) values ('Bench', 'Dirigent', 'dirigent@ballots.example') returning id`)).rows as { id: string }[];
    await database.executeSql(`insert into role_assignments (person_id, role, unit_id) values ($1, 'staff', $2)`, [staff.id, district.id]);
    const cookie = `${SESSION_COOKIE}=${await startSession(database.db, system, staff.id)}`;
    await database.executeSql('analyze');

    say(`bench:ballots — ${fmt(voters)} checked-in voters cast a secret ballot at once, ${connections} at a time; PostgreSQL database ${bench.name} (demo organisation seeded); Node ${process.version}\n`);

    const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, FORENING_DEMO: '0' });
    app = await buildApp({ config, database, secret: randomBytes(32).toString('hex'), logger: false, jobs: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const newPoll = async (title: string) => {
      const made = await createPoll(database.db, system, assemblyId, pollInput.parse({ itemId, title, method: 'yes_no_abstain', secret: true }));
      if (!made.ok) throw new Error(`createPoll: ${JSON.stringify(made)}`);
      const opened = await openPoll(database.db, system, made.poll.id);
      if (!opened.ok) throw new Error(`openPoll: ${JSON.stringify(opened)}`);
      return made.poll.id;
    };
    const choices = voterIds.map((_, i) => choiceOf(i));
    const hasLive = app.hasRoute({ method: 'GET', url: '/assemblies/:id/live' });

    // A short warm-up in a poll of its own (connections, JIT, statement plans), not counted.
    const warm = Math.min(200, voters);
    const warmPoll = await newPoll('Opvarmning');
    await runClients({ base, pollId: warmPoll, liveUrl: null, cookie, tokens: tokens.slice(0, warm), choices: choices.slice(0, warm) });
    await closePoll(database.db, system, warmPoll);

    // Before voting, each member's phone shows the poll (GET /api/v1/polls/{id} with their token), as
    // in the hall; this also marks each token used, which the API records at most once a minute.
    const httpPoll = await newPoll('Forslag over HTTP');
    await runClients({ base, pollId: httpPoll, liveUrl: null, cookie, tokens, choices, look: true });
    const http = await runClients({ base, pollId: httpPoll, liveUrl: hasLive ? `${base}/assemblies/${assemblyId}/live` : null, cookie, tokens, choices });
    const overHttp = await outcome(database, httpPoll, http, voters);

    const directPoll = await newPoll('Forslag uden HTTP');
    const direct = await runUseCase(database, directPoll, actors);
    const overUseCase = await outcome(database, directPoll, direct, voters);

    const row = (name: string, o: Outcome) => [name, fmt(o.accepted), fmt(o.failed), fmt(o.voterRows), fmt(o.ballotRows), o.tallyRight ? 'yes' : 'NO', fmt(o.perSecond), fmt(o.p50, 1), fmt(o.p99, 1)];
    say(
      table([
        ['burst', 'accepted', 'failed', 'voter rows', 'ballot rows', 'tally = cast', 'ballots/s', 'p50 ms', 'p99 ms'],
        row('HTTP: POST /api/v1/polls/{id}/ballots', overHttp),
        row('use case: castBallot', overUseCase),
      ]),
    );
    const ratio = overHttp.perSecond / overUseCase.perSecond;
    say(`\nHTTP / use case: ${fmt(ratio, 2)} of the use case's rate`);
    const turnoutMs = http.turnoutSeenAt === null ? null : http.turnoutSeenAt - http.lastAnswerAt;
    say(
      hasLive
        ? `projector: the live stream showed ${fmt(voters)} of ${fmt(voters)} voted ${turnoutMs === null ? 'NOT within 10 s' : `${fmt(turnoutMs, 0)} ms after the last ballot's answer`} (${fmt(http.pushes)} pushes during the burst)`
        : 'projector: no live stream (GET /assemblies/{id}/live) in this build — not measured',
    );
    const sound = [overHttp, overUseCase].every((o) => o.failed === 0 && o.accepted === voters && o.voterRows === voters && o.ballotRows === voters && o.tallyRight);
    say(
      `checks: every ballot accepted, counted once, tally = cast ${sound ? 'MET' : 'FAILED'}; ` +
        `targets: ≥ 500 ballots/s over HTTP ${overHttp.perSecond >= 500 ? 'MET' : 'MISSED'}, ≥ 0.5 of the use case ${ratio >= 0.5 ? 'MET' : 'MISSED'}` +
        (hasLive ? `, turnout within 1 s ${turnoutMs !== null && turnoutMs <= 1000 ? 'MET' : 'MISSED'}` : '') +
        '\n',
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
