import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bearer, loginAs, testApp, type TestApp } from '../../test/app.js';
import { DEMO_ADMIN_EMAIL, seedDemo } from '../../demo/seed.js';
import { persons } from '../../kernel/tables.js';
import { questionTypes } from './tables.js';
import { tokenOf } from './surveys.fixture.js';
import { DEMO_DRAFTS, DEMO_WAVES, demoResponseCount } from './demo.js';
import { STEWARD_ANSWERS } from './demo-content.js';

/**
 * The demo's surveys, made through the use cases: the national, anonymous well-being survey with
 * two closed waves and one open now, answered by its invitees through submitResponse, trending
 * between the years; and the stewards' theme-day survey that is not anonymous. What real use makes,
 * no more: no person on an anonymous response, the invitees marked, mails through the queue.
 */

let t: TestApp;
type Row = Record<string, unknown>;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Row[];
const DAY = 86_400_000;
let surveyId: string;
let waves: Row[];
let api: { authorization: string };

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db);
  api = await bearer(t.database, 'admin');
  [{ id: surveyId }] = (await rows(`select id::text from surveys where title ->> 'da' = 'Trivsels- og arbejdsmiljøundersøgelsen'`)) as { id: string }[];
  waves = await rows(
    `select w.id::text, w.name, w.status, w.invitees, w.reminders_sent as "remindersSent", cardinality(w.reminders) as reminders, w.reminders[1] as "remindAt",
        w.opens_at as "opensAt", w.closes_at as "closesAt", w.opened_at as "openedAt", w.closed_at as "closedAt", w.invitation_mailing_id::text as mailing,
        (select count(*)::int from survey_responses r where r.wave_id = w.id) as responses,
        (select count(*)::int from survey_invitees i where i.wave_id = w.id and i.answered) as answered,
        (select count(*)::int from survey_invitees i where i.wave_id = w.id) as "inviteeRows"
      from survey_waves w where w.survey_id = $1 order by w.opens_at`,
    [surveyId],
  );
}, 240_000);
afterAll(() => t?.close());

const at = (v: unknown) => new Date(v as string).getTime();

describe('the demo’s yearly well-being survey', () => {
  it('is the national level’s, anonymous, with every question type, a condition, sections and two background variables, in three languages', async () => {
    const [s] = await rows(`select s.anonymous, s.background, u.kind, s.title, s.intro from surveys s join units u on u.id = s.unit_id where s.id = $1`, [surveyId]);
    expect(s).toMatchObject({ anonymous: true, kind: 'national' });
    expect(String(s.background).replace(/[{}]/g, '').split(',').sort()).toEqual(['unit', 'workplace_kind']);
    const qs = await rows(`select key, type, min, max, text, condition, section, statements, options from survey_questions where survey_id = $1 order by position`, [surveyId]);
    expect(qs.length).toBe(12);
    expect(new Set(qs.map((q) => q.type))).toEqual(new Set(questionTypes));
    expect(qs.filter((q) => q.type === 'scale').map((q) => [q.min, q.max])).toEqual(expect.arrayContaining([[1, 5], [0, 10]]));
    expect(qs.filter((q) => q.condition !== null)).toHaveLength(1);
    expect(qs.filter((q) => q.section !== null).length).toBeGreaterThanOrEqual(3);
    const matrix = qs.find((q) => q.type === 'matrix')!;
    expect((matrix.statements as unknown[]).length).toBeGreaterThanOrEqual(3);
    const sentences = [s.title, s.intro, ...qs.map((q) => q.text)] as Record<string, string>[];
    for (const v of [...sentences, ...qs.flatMap((q) => (q.options as { label: Record<string, string> }[]).map((o) => o.label))]) expect(v.da && v.sv && v.en, JSON.stringify(v)).toBeTruthy();
    // Written in each language, not copied ("Ja" and "Aldrig" are the same word in Danish and Swedish; a sentence is not).
    for (const v of sentences) expect(new Set([v.da, v.sv, v.en]).size, v.da).toBe(3);
  });

  it('has three waves: two closed in the past and one open now with a reminder ahead, each with its responses from its invitees', async () => {
    expect(waves).toHaveLength(3);
    const now = Date.now();
    for (const [n, w] of waves.entries()) {
      expect(w.responses, String(w.name)).toBe(demoResponseCount(n, Number(w.invitees)));
      expect(w.answered).toBe(w.responses);
      expect(w.inviteeRows).toBe(w.invitees);
      expect(Math.abs((now - at(w.opensAt)) / DAY - DEMO_WAVES[n].opened)).toBeLessThanOrEqual(1);
      expect(at(w.openedAt)).toBe(at(w.opensAt));
    }
    expect(Number(waves[0].invitees)).toBeGreaterThan(200);
    const [old, lastYear, open] = waves;
    for (const w of [old, lastYear]) {
      expect(w.status).toBe('closed');
      expect(at(w.closesAt)).toBeLessThan(now);
      expect(at(w.closedAt)).toBe(at(w.closesAt));
      expect(w.remindersSent).toBe(1);
    }
    expect(Math.round((now - at(old.opensAt)) / DAY / 365)).toBe(2);
    expect(Math.round((now - at(lastYear.opensAt)) / DAY / 365)).toBe(1);
    expect(open.status).toBe('open');
    expect(Number(open.responses)).toBeLessThan(Number(open.invitees));
    const closesIn = (at(open.closesAt) - now) / DAY;
    expect(closesIn).toBeGreaterThan(18);
    expect(closesIn).toBeLessThan(24);
    expect(open.reminders).toBe(1);
    expect(open.remindersSent).toBe(0);
    expect(at(open.remindAt)).toBeGreaterThan(now);
    // Drafts only of those who have not answered, in the open wave.
    const drafts = await rows(`select w.status, i.answered from survey_drafts d join survey_waves w on w.id = d.wave_id join survey_invitees i on i.wave_id = d.wave_id and i.person_id = d.person_id where w.survey_id = $1`, [surveyId]);
    expect(drafts).toHaveLength(DEMO_DRAFTS);
    expect(drafts.every((d) => d.status === 'open' && d.answered === false)).toBe(true);
  });

  it('queued the open wave’s invitation in the mail queue, and left no mail of the old waves to go out now', async () => {
    const mails = await rows(
      `select m.audience_ref::text as wave, m.service_reason as reason, m.status, m.recipient_count as recipients,
          (select count(*)::int from mailing_recipients r where r.mailing_id = m.id and r.status = 'pending') as pending
        from mailings m where m.audience_source = 'survey.wave' and m.audience_ref = any($1::uuid[])`,
      [waves.map((w) => w.id)],
    );
    const open = waves[2];
    expect(mails).toEqual([{ wave: open.id, reason: 'survey.invitation', status: 'sending', recipients: open.invitees, pending: open.invitees }]);
    expect(open.mailing).toBeTruthy();
    expect(waves[0].mailing).toBeNull();
  });

  it('tells a story in the trend: satisfaction falls a little, "too high" workload rises, reaching the office gets easier', async () => {
    const trend = async (question: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/surveys/${surveyId}/trend?question=${question}`, headers: api });
      expect(res.statusCode).toBe(200);
      return (res.json() as { waves: { name: string; responses: number; mean: number | null; shares: Record<string, number | null>; suppressed: boolean }[] }).waves;
    };
    const satisfaction = await trend('satisfaction');
    expect(satisfaction.map((w) => w.name)).toEqual(waves.map((w) => w.name));
    expect(satisfaction.map((w) => w.responses)).toEqual(waves.map((w) => w.responses));
    expect(satisfaction.every((w) => !w.suppressed && Object.values(w.shares).every((s) => s !== null))).toBe(true);
    const [a, b, c] = satisfaction.map((w) => w.mean!);
    expect(a).toBeGreaterThan(b);
    expect(b).toBeGreaterThan(c);
    expect(a - c).toBeLessThan(0.5);
    const tooHigh = (await trend('workload')).map((w) => w.shares['for-hoej']!);
    expect(tooHigh[0]).toBeLessThan(tooHigh[1]);
    expect(tooHigh[1]).toBeLessThan(tooHigh[2]);
    const office = (await trend('office')).map((w) => w.mean!);
    expect(office[0]).toBeLessThan(office[1]);
    expect(office[1]).toBeLessThan(office[2]);
  });

  it('shows the open wave’s results unsuppressed, with free texts, filters by district, and the pages to the demo’s admin', async () => {
    const open = waves[2];
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/survey-waves/${open.id}/results`, headers: api });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { responses: number; rate: number; suppressed: boolean; questions: { key: string; counts: Record<string, number | null>; texts?: string[] | null; answered: number | null }[]; filters: { unit: { value: string; enough: boolean }[] } };
    expect(r).toMatchObject({ responses: open.responses, suppressed: false });
    expect(r.rate).toBeCloseTo(Number(open.responses) / Number(open.invitees));
    const q = (key: string) => r.questions.find((x) => x.key === key)!;
    expect(Object.values(q('satisfaction').counts).every((n) => typeof n === 'number' && n >= 5)).toBe(true);
    expect(Object.values(q('workload').counts).every((n) => n !== null)).toBe(true);
    expect(q('workload_why').answered).toBeGreaterThan(20);
    const texts = q('comments').texts!;
    expect(texts.length).toBeGreaterThanOrEqual(20);
    expect(new Set(texts).size).toBeGreaterThan(texts.length / 2);
    // Each district has enough responses to be shown on its own.
    expect(r.filters.unit).toHaveLength(3);
    const district = r.filters.unit.find((u) => u.enough)!;
    const filtered = await t.app.inject({ method: 'GET', url: `/api/v1/survey-waves/${open.id}/results?unit=${district.value}`, headers: api });
    expect(filtered.statusCode).toBe(200);
    expect((filtered.json() as { suppressed: boolean }).suppressed).toBe(false);

    const [admin] = await t.database.db.select({ id: persons.id }).from(persons).where(eq(persons.email, DEMO_ADMIN_EMAIL));
    const { cookie } = await loginAs(t.database, admin.id);
    for (const url of [`/surveys/waves/${open.id}/results`, `/surveys/waves/${waves[0].id}/results`, `/surveys/${surveyId}/trend?question=satisfaction`]) {
      const page = await t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('Trivsels- og arbejdsmiljøundersøgelsen');
    }
  });

  it('keeps no person on any of its responses, and a steward sees their workplace’s rate in the open wave', async () => {
    const [linked] = await rows(`select count(*)::int as n from survey_responses r join survey_waves w on w.id = r.wave_id join surveys s on s.id = w.survey_id where s.anonymous and r.person_id is not null`);
    expect(linked.n).toBe(0);
    const [bg] = await rows(`select count(*) filter (where bg_unit is not null)::int as unit, count(*) filter (where bg_membership_type is not null)::int as type, count(*)::int as n from survey_responses where wave_id = $1`, [waves[2].id]);
    expect(bg.unit).toBe(bg.n);
    expect(bg.type).toBe(0);
    const [steward] = await rows(
      `select ra.person_id::text as person, ra.workplace_id::text as workplace from role_assignments ra
        where ra.role = 'steward' and ra.ends_on is null and (select count(*) from survey_invitees i where i.wave_id = $1 and i.workplace_id = ra.workplace_id) >= 5
        order by ra.workplace_id limit 1`,
      [waves[2].id],
    );
    expect(steward).toBeTruthy();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/survey-waves/${waves[2].id}/workplaces/${steward.workplace}/rate`, headers: await tokenOf(t.database, String(steward.person)) });
    expect(res.statusCode).toBe(200);
    const rate = res.json() as { invitees: number; answered: number };
    expect(rate.invitees).toBeGreaterThanOrEqual(5);
    expect(rate.answered).toBeGreaterThan(0);
    expect(rate.answered).toBeLessThan(rate.invitees);
  });
});

describe('the demo’s stewards’ survey', () => {
  it('is not anonymous: one open wave for the stewards, a handful of answers with their persons', async () => {
    const [s] = await rows(`select s.id::text, s.anonymous, (select count(*)::int from survey_waves w where w.survey_id = s.id) as waves from surveys s where s.title ->> 'da' like 'Temadag for tillidsrepræsentanter%'`);
    expect(s).toMatchObject({ anonymous: false, waves: 1 });
    const [w] = await rows(`select w.id::text, w.status, w.invitees, w.segment_id is not null as segment from survey_waves w where w.survey_id = $1`, [s.id]);
    expect(w).toMatchObject({ status: 'open', segment: true });
    const responses = await rows(
      `select r.person_id::text as person, i.answered, exists (select 1 from role_assignments ra where ra.person_id = r.person_id and ra.role = 'steward') as steward
        from survey_responses r left join survey_invitees i on i.wave_id = r.wave_id and i.person_id = r.person_id where r.wave_id = $1`,
      [w.id],
    );
    expect(responses).toHaveLength(STEWARD_ANSWERS.length);
    expect(responses.every((r) => r.person !== null && r.answered === true && r.steward === true)).toBe(true);
    expect(Number(w.invitees)).toBeGreaterThan(responses.length);
  });

  it('names none of the real people or organisations of the seed article', async () => {
    const [dump] = await rows(`select string_agg(x, ' ') as text from (
        select row_to_json(s)::text as x from surveys s union all select row_to_json(q)::text from survey_questions q
        union all select answers::text from survey_responses union all select row_to_json(w)::text from survey_waves w) t`);
    const text = String(dump.text);
    expect(text.length).toBeGreaterThan(20_000);
    for (const real of ['Ellegaard', 'Birkmose', 'Rosenvold', 'Socialpædagog', 'Vi er Socialpædagogerne']) expect(text).not.toContain(real);
  });
});
