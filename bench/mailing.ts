/**
 * Mailing benchmark on PostgreSQL: 100,000 generated members in a fresh database, one newsletter to
 * all of them. Prints
 *   - the time to freeze the recipients (the real `sendMailing`: lock, validate, one INSERT … SELECT
 *     over the segment with the consent condition, audit);
 *   - messages per second delivered by the real dispatcher (claim → render → pooled SMTP → mark)
 *     into a local SMTP sink this benchmark starts in a process of its own;
 *   - the ceiling measured in the same run, before and after: a bare pooled nodemailer loop with the
 *     same connection count sending the same rendered message (MIME built per message, as any sender
 *     must), no database — and the ratio; plus the pool re-sending one pre-built message, which is
 *     SMTP and the sink alone.
 *
 *   npm run bench:mailing
 *   npm run bench:mailing -- --members 20000 --batch 200 --connections 4 --workers 1 --loops 2
 *   BENCH_MEMBERS=20000 BENCH_DATABASE_URL=postgres://… npm run bench:mailing
 *
 * Senders run in child processes like `forening worker` does (`--workers` of them, each with
 * `--loops` dispatcher loops sharing one SMTP pool). Runs in a throw-away database that is dropped at
 * the end (also on Ctrl-C).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { system } from '../src/platform/actor.js';
import type { Database } from '../src/platform/db/database.js';
import { prepareMailing } from '../src/features/mailings/render.js';
import { sendMailing } from '../src/features/mailings/send.js';
import type { WorkerReport, WorkerTask } from './mailing-worker.js';
import { benchDatabase, fmt, say, setting, table, type BenchDatabase } from './support.js';

const { values: args } = parseArgs({
  options: { members: { type: 'string' }, batch: { type: 'string' }, connections: { type: 'string' }, workers: { type: 'string' }, loops: { type: 'string' }, ceiling: { type: 'string' } },
});
const name = 'bench:mailing';
const memberCount = setting(name, '--members / BENCH_MEMBERS', args.members, process.env.BENCH_MEMBERS, 100_000, 1);
const batchSize = setting(name, '--batch / BENCH_BATCH', args.batch, process.env.BENCH_BATCH, 200, 1);
const connections = setting(name, '--connections / BENCH_CONNECTIONS', args.connections, process.env.BENCH_CONNECTIONS, 4, 1);
const workers = setting(name, '--workers / BENCH_WORKERS', args.workers, process.env.BENCH_WORKERS, 1, 1);
const loops = setting(name, '--loops / BENCH_LOOPS', args.loops, process.env.BENCH_LOOPS, 2, 1);
const ceilingCount = setting(name, '--ceiling / BENCH_CEILING', args.ceiling, process.env.BENCH_CEILING, 20_000, 100);

const FROM = 'Omsorgsforbundet <nyhedsbrev@omsorgsforbundet.example>';
const BASE_URL = 'https://forening.example.org';
/** Per-mailing rate for the run: far above what one machine sends, so the bucket never holds it back. */
const RATE = 1_000_000;

const BODY_DA = `Kære {{firstName}}

Overenskomstforhandlingerne er gået i gang, og vi vil gerne fortælle dig, hvor vi står. Dit medlemsnummer er **{{memberNumber}}** — husk det, når du ringer til os.

## Det kræver vi

- Reallønsfremgang for alle grupper
- Bedre normeringer i døgntilbuddene
- Ret til fuld tid for deltidsansatte

Læs hele kravslisten på [vores hjemmeside](https://omsorgsforbundet.example/ok) og kom til medlemsmødet i din kreds.

Med venlig hilsen
Forbundet`;

const BODY_SV = `Hej {{firstName}}

Avtalsförhandlingarna har börjat. Ditt medlemsnummer är **{{memberNumber}}**.

- Reallöneökning för alla grupper
- Bättre bemanning

Läs mer på [vår webbplats](https://omsorgsforbundet.example/ok).`;

async function one<T>(database: Database, text: string, values: unknown[] = []): Promise<T> {
  return (await database.executeSql(text, values)).rows[0] as T;
}

/** 100,000 members in a district of their own, loaded set-based (INSERT … SELECT over generate_series). */
async function loadMembers(database: Database): Promise<{ unitId: string; topicId: string; mailingId: string; optedOut: number; invalid: number }> {
  const { id: unitId } = await one<{ id: string }>(
    database,
    `insert into units (kind, parent_id, name, position) select 'district', id, 'Benchkreds', 99 from units where kind = 'national' limit 1 returning id`,
  );
  const { id: typeId } = await one<{ id: string }>(database, `select id from membership_types order by position limit 1`);
  // Every 1,000th address is not one ("ikke oplyst …"): frozen as failed, never sent.
  await database.executeSql(
    `insert into persons (first_name, last_name, email, preferred_locale)
     select (array['Anne','Mette','Lars','Søren','Karin','Ida','Jens','Björn','Åsa','Ingrid'])[1 + i % 10],
            (array['Nielsen','Jensen','Hansen','Pedersen','Sørensen','Lindqvist','Karlsson','Holm'])[1 + (i / 10) % 8],
            case when i % 1000 = 999 then 'ikke oplyst ' || i else 'medlem.' || i || '@bench.example' end,
            case when i % 10 = 3 then 'sv' when i % 25 = 7 then 'en' else null end
     from generate_series(0, $1 - 1) i`,
    [memberCount],
  );
  await database.executeSql(
    `insert into memberships (person_id, type_id, unit_id, status)
     select id, $1, $2, 'active' from persons where email like 'medlem.%@bench.example' or email like 'ikke oplyst %'`,
    [typeId, unitId],
  );
  const { id: topicId } = await one<{ id: string }>(
    database,
    `insert into newsletter_topics (slug, name, default_subscribed) values ('bench-ok', '{"da":"OK-nyt","sv":"Avtalsnytt","en":"Bargaining news"}', true) returning id`,
  );
  // One in fifty opted out of the topic, one in two hundred said no to newsletters when joining.
  const optedOut = (
    await database.executeSql(
      `insert into newsletter_topic_subscriptions (person_id, topic_id, subscribed, source)
       select id, $1, false, 'me' from persons where email like 'medlem.%@bench.example' and abs(hashtext(email)) % 50 = 0`,
      [topicId],
    )
  ).rowCount;
  await database.executeSql(
    `insert into consents (person_id, purpose, granted, source)
     select id, 'newsletter', false, 'join' from persons where email like 'medlem.%@bench.example' and abs(hashtext(email)) % 200 = 1
     on conflict do nothing`,
  );
  const { id: segmentId } = await one<{ id: string }>(
    database,
    `insert into segments (unit_id, name, filter) values ($1, 'Alle i Benchkreds', '{"match":"all","conditions":[],"exclude":[]}') returning id`,
    [unitId],
  );
  const { id: mailingId } = await one<{ id: string }>(
    database,
    `insert into mailings (unit_id, segment_id, kind, topic_id, default_locale, rate_per_second) values ($1, $2, 'newsletter', $3, 'da', $4) returning id`,
    [unitId, segmentId, topicId, RATE],
  );
  await database.executeSql(`insert into mailing_contents (mailing_id, locale, subject, body) values ($1, 'da', $2, $3), ($1, 'sv', $4, $5)`, [
    mailingId,
    'OK-nyt til {{firstName}}: sådan står forhandlingerne',
    BODY_DA,
    'Avtalsnytt till {{firstName}}',
    BODY_SV,
  ]);
  // Nothing else may be sending while we measure (the demo data is the organisation's, not ours).
  await database.executeSql(`update mailings set status = 'paused' where status = 'sending'`);
  await database.executeSql('analyze');
  return { unitId, topicId, mailingId, optedOut, invalid: Math.floor(memberCount / 1000) };
}

interface Child {
  process: ChildProcess;
  next<T>(type: string): Promise<T>;
}

/** A forked benchmark process with a simple typed message queue. */
function child(file: string): Child {
  // BENCH_PROFILE_DIR=… writes a CPU profile of every child (sink, senders) for tuning.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const p = fork(join(import.meta.dirname, file), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, ...profile] });
  const waiting = new Map<string, ((m: unknown) => void)[]>();
  p.on('message', (m: { type: string }) => waiting.get(m.type)?.shift()?.(m));
  p.on('exit', (code) => {
    if (code) for (const list of waiting.values()) for (const w of list) w({ type: 'error', code });
  });
  return {
    process: p,
    next<T>(type: string) {
      return new Promise<T>((resolve, reject) => {
        const list = waiting.get(type) ?? [];
        list.push((m) => ((m as { type: string }).type === 'error' ? reject(new Error(`${file} exited with ${(m as { code: number }).code}`)) : resolve(m as T)));
        waiting.set(type, list);
      });
    },
  };
}

/** Starts the senders, lets them go at once, and returns the wall time until the sink has `expected` messages. */
async function run(sink: Child, tasks: WorkerTask[], expected: number): Promise<{ ms: number; reports: WorkerReport[] }> {
  sink.process.send({ type: 'reset' });
  await sink.next('reset');
  const senders = tasks.map(() => child('mailing-worker.ts'));
  tasks.forEach((t, i) => senders[i].process.send(t));
  await Promise.all(senders.map((s) => s.next('ready')));
  const done = senders.map((s) => s.next<{ report: WorkerReport }>('done'));
  const start = performance.now();
  for (const s of senders) s.process.send({ type: 'go' });
  let ms = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    sink.process.send({ type: 'count' });
    const { received } = await sink.next<{ received: number }>('count');
    if (received >= expected) {
      ms = performance.now() - start;
      break;
    }
  }
  const reports = (await Promise.all(done)).map((d) => d.report);
  // Without the channel nothing keeps a sender alive: it exits (and writes its profile, if asked).
  await Promise.all(
    senders.map((s) =>
      s.process.exitCode !== null
        ? undefined
        : new Promise((resolve) => {
            s.process.once('exit', resolve);
            if (s.process.connected) s.process.disconnect();
          }),
    ),
  );
  return { ms, reports };
}

async function main(): Promise<void> {
  let bench: BenchDatabase | null = null;
  let sink: Child | null = null;
  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    if (sink && sink.process.exitCode === null) {
      const exited = new Promise((resolve) => sink!.process.once('exit', resolve));
      sink.process.send({ type: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      sink.process.kill();
    }
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
    say(`${name} — ${fmt(memberCount)} members; PostgreSQL database ${bench.name}; Node ${process.version}; ${fmt(connections)} SMTP connections, batch ${fmt(batchSize)}, ${fmt(workers)} worker process(es) × ${fmt(loops)} dispatcher loop(s)\n`);

    const loadStart = performance.now();
    const world = await loadMembers(database);
    say(`generated ${fmt(memberCount)} members in ${fmt((performance.now() - loadStart) / 1000, 1)} s (${fmt(world.optedOut)} opted out of the topic, ${fmt(world.invalid)} without a real address)\n`);

    // The freeze, through the use case staff and the API call.
    const freezeStart = performance.now();
    const sent = await sendMailing(database.db, system, world.mailingId, {}, { baseUrl: BASE_URL });
    const freezeMs = performance.now() - freezeStart;
    if (!sent.ok) throw new Error(`sendMailing refused: ${JSON.stringify(sent)}`);
    const frozen = sent.recipients ?? 0;
    const { n: toSend } = await one<{ n: number }>(database, `select count(*)::int as n from mailing_recipients where mailing_id = $1 and status = 'pending'`, [world.mailingId]);
    await database.executeSql('analyze mailing_recipients');

    sink = child('smtp-sink.ts');
    const { port } = await sink.next<{ port: number }>('ready');
    const smtpUrl = `smtp://127.0.0.1:${port}`;

    // One real rendered message, for the bare loop: the same size and shape as what the dispatcher sends.
    const prepared = await prepareMailing(database.db, world.mailingId, { baseUrl: BASE_URL });
    const sample = prepared.render({ recipientId: 1, personId: null, email: 'medlem.1@bench.example', locale: 'da', firstName: 'Mette', lastName: 'Jensen', memberNumber: '100002' });
    const count = Math.min(ceilingCount, toSend);
    const bare = (variant: 'transport' | 'prebuilt'): WorkerTask => ({ mode: 'bare', variant, smtpUrl, connections, count, from: FROM, message: sample });

    // The ceilings before and after the dispatcher, so a machine that got busier or quieter meanwhile shows.
    const transportBefore = await run(sink, [bare('transport')], count);
    const prebuiltBefore = await run(sink, [bare('prebuilt')], count);
    const dispatchTask: WorkerTask = { mode: 'dispatch', databaseUrl: bench.url, smtpUrl, connections, batchSize, loops, from: FROM, baseUrl: BASE_URL };
    const dispatched = await run(sink, Array(workers).fill(dispatchTask), toSend);
    const transportAfter = await run(sink, [bare('transport')], count);
    const prebuiltAfter = await run(sink, [bare('prebuilt')], count);

    const status = await one<{ status: string; sent: number; failed: number; open: number }>(
      database,
      `select m.status, count(*) filter (where r.status = 'sent')::int as sent, count(*) filter (where r.status = 'failed')::int as failed,
         count(*) filter (where r.status in ('pending', 'sending'))::int as open
       from mailings m join mailing_recipients r on r.mailing_id = m.id where m.id = $1 group by m.status`,
      [world.mailingId],
    );
    if (status.open !== 0 || status.sent !== toSend) throw new Error(`the mailing did not finish: ${JSON.stringify(status)}`);

    const rate = (n: number, ms: number) => n / (ms / 1000);
    const delivered = rate(toSend, dispatched.ms);
    const transportCeiling = Math.max(rate(count, transportBefore.ms), rate(count, transportAfter.ms));
    const smtpCeiling = Math.max(rate(count, prebuiltBefore.ms), rate(count, prebuiltAfter.ms));
    const ratio = delivered / transportCeiling;
    const batches = dispatched.reports.reduce((n, r) => n + r.batches, 0);
    const row = (label: string, n: number, ms: number) => [label, fmt(n), fmt(ms / 1000, 2), fmt(rate(n, ms))];

    say(
      table([
        ['step', 'messages', 'seconds', 'per second'],
        row('freeze the recipients (sendMailing: one INSERT … SELECT with consent)', frozen, freezeMs),
        row(`dispatcher → sink (${workers} process${workers > 1 ? 'es' : ''} × ${loops} loop${loops > 1 ? 's' : ''}, ${fmt(batches)} batches)`, toSend, dispatched.ms),
        row('ceiling: bare pooled nodemailer loop, MIME built per message — before', count, transportBefore.ms),
        row('ceiling: bare pooled nodemailer loop, MIME built per message — after', count, transportAfter.ms),
        row('SMTP only: the pool re-sending one pre-built message — before', count, prebuiltBefore.ms),
        row('SMTP only: the pool re-sending one pre-built message — after', count, prebuiltAfter.ms),
      ]),
    );
    say(`\nfrozen: ${fmt(frozen)} recipients (${fmt(frozen - toSend)} with an invalid address frozen as failed); mailing status ${status.status}, ${fmt(status.sent)} sent, ${fmt(status.failed)} failed`);
    say(`dispatcher / bare nodemailer loop (the better run): ${fmt(ratio, 2)}`);
    say(`dispatcher / SMTP only (the better run): ${fmt(delivered / smtpCeiling, 2)} — what building each recipient's MIME message and the database cost together`);
    say(`targets: ≥ 1,000 messages/s ${delivered >= 1000 ? 'MET' : 'MISSED'} (${fmt(delivered)}/s, ${fmt(delivered * 60)} a minute); ≥ 0.5 of the ceiling ${ratio >= 0.5 ? 'MET' : 'MISSED'}\n`);
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
