import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { translator, type Locale } from '../../platform/i18n/i18n.js';
import { testDatabase } from '../../test/database.js';
import { collectPersonalData } from '../../kernel/personal-data.js';
import { plugIn } from '../../kernel/feature.js';
import { features } from '../../features.js';
import { saveDraft, submitResponse } from './answering.js';
import { answersFor, openWaveOf, surveyOf, surveyWorld, type Someone, type SurveyWorld } from './surveys.fixture.js';

/*
 * A person's data export from the surveys: every wave they were invited to with whether they have
 * answered, their saved draft, and their response where the survey is not anonymous. An anonymous
 * response is not theirs to export — nothing links it to them — and the export says so instead of
 * showing it; its content appears nowhere in the export.
 */

let database: Database;
let w: SurveyWorld;
let me: Someone;
const SECRET = 'Hemmelig kommentar om min leder 4711';
const OPEN = 'Jeg kommer gerne og tager en kollega med.';
const OTHERS = 'En andens kommentar 9090';

type Invitation = {
  survey: string;
  wave: string;
  waveStatus: string;
  anonymous: boolean;
  answered: boolean;
  draft: { savedAt: string; answers: { question: string; answer: unknown }[] } | null;
  response: { answers: { question: string; answer: unknown }[] } | null;
  note: string | null;
};

beforeAll(async () => {
  database = await testDatabase();
  plugIn(features);
  w = await surveyWorld(database);
  me = w.members[0];
  const anonymous = await surveyOf(w, { title: { da: 'Arbejdsmiljø i Nord', sv: 'Arbetsmiljö i Nord' } });
  const named = await surveyOf(w, { title: 'Ønsker til temadagen', anonymous: false, background: [] });
  const later = await surveyOf(w, { title: 'Trivsel på arbejdspladsen' });
  const [a, n, l] = [await openWaveOf(w, anonymous.id, { name: '2026' }), await openWaveOf(w, named.id, { name: 'Temadag' }), await openWaveOf(w, later.id, { name: 'Efterår' })];
  const as = (p: Someone) => ({ personId: p.id, via: 'session' as const });
  expect((await submitResponse(database.db, as(me), a.id, { ...answersFor(0), comments: SECRET })).ok).toBe(true);
  expect((await submitResponse(database.db, as(me), n.id, { ...answersFor(2), comments: OPEN })).ok).toBe(true);
  expect((await submitResponse(database.db, as(w.members[1]), n.id, { ...answersFor(1), comments: OTHERS })).ok).toBe(true);
  expect((await saveDraft(database.db, as(me), l.id, { satisfaction: 4, workload: 'passende', comments: 'Halvfærdig tanke' })).ok).toBe(true);
}, 180_000);
afterAll(() => database?.close());

const exportOf = async (who: Someone, locale?: Locale) => (await database.db.transaction((tx) => collectPersonalData(tx, who.id, locale))) as Record<string, unknown>;

describe('a person’s data export from the surveys', () => {
  it('has the waves they were invited to: the named response with its answers, the draft, and for the anonymous answer only that they answered', async () => {
    const data = await exportOf(me);
    const invitations = data.surveyInvitations as Invitation[];
    expect(invitations.map((i) => [i.survey, i.wave, i.anonymous, i.answered]).sort()).toEqual(
      [
        ['Arbejdsmiljø i Nord', '2026', true, true],
        ['Trivsel på arbejdspladsen', 'Efterår', true, false],
        ['Ønsker til temadagen', 'Temadag', false, true],
      ].sort(),
    );
    const by = (title: string) => invitations.find((i) => i.survey === title)!;

    const named = by('Ønsker til temadagen');
    expect(named).toMatchObject({ waveStatus: 'open', draft: null, note: null });
    expect(named.response!.answers).toEqual([
      { question: 'Hvor tilfreds er du med dit arbejde?', answer: 3 },
      { question: 'Hvordan er din arbejdsbyrde?', answer: 'For høj' },
      { question: 'Hvad gør arbejdsbyrden for høj?', answer: 'For mange vagter alene.' },
      { question: 'Hvad skal vi prioritere ved overenskomsten?', answer: ['Løn', 'Pension'] },
      {
        question: 'Hvor enig er du?',
        answer: [
          { statement: 'Vi behandler hinanden med respekt', answer: 3 },
          { statement: 'Jeg bliver hørt', answer: 5 },
        ],
      },
      { question: 'Hvor mange timer arbejder du om ugen?', answer: 32 },
      { question: 'Andre kommentarer', answer: OPEN },
    ]);

    const anonymous = by('Arbejdsmiljø i Nord');
    expect(anonymous).toMatchObject({ response: null, draft: null, note: translator('da')('surveys.personal_data.anonymous_answered') });
    expect(anonymous.note).toMatch(/anonym/);

    const draft = by('Trivsel på arbejdspladsen');
    expect(draft.response).toBeNull();
    expect(draft.note).toBe(translator('da')('surveys.personal_data.anonymous_not_answered'));
    expect(draft.draft!.answers).toEqual([
      { question: 'Hvor tilfreds er du med dit arbejde?', answer: 4 },
      { question: 'Hvordan er din arbejdsbyrde?', answer: 'Passende' },
      { question: 'Andre kommentarer', answer: 'Halvfærdig tanke' },
    ]);
    expect(Number.isNaN(Date.parse(draft.draft!.savedAt))).toBe(false);

    // The anonymous answer's content is nowhere in the export, nor another member's answer.
    const text = JSON.stringify(data);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('4711');
    expect(text).not.toContain(OTHERS);
  });

  it('reads in the export’s language, and is empty for a person who was not invited', async () => {
    const sv = (await exportOf(me, 'sv')).surveyInvitations as Invitation[];
    const anonymous = sv.find((i) => i.anonymous && i.answered)!;
    expect(anonymous.survey).toBe('Arbetsmiljö i Nord');
    expect(anonymous.note).toBe(translator('sv')('surveys.personal_data.anonymous_answered'));
    expect(anonymous.note).not.toBe(translator('da')('surveys.personal_data.anonymous_answered'));
    const named = sv.find((i) => !i.anonymous)!;
    expect(named.response!.answers[0]).toEqual({ question: 'Hur nöjd är du med ditt arbete?', answer: 3 });
    expect((await exportOf(w.memberElsewhere)).surveyInvitations).toEqual([]);
  });

  it('gives staff the surveys and waves they set up, and a member nothing of that kind', async () => {
    const work = (await exportOf(w.staff)).surveyWorkForTheOrganisation as { surveysCreated: { survey: string; unit: string }[]; wavesCreated: { survey: string; wave: string }[] };
    expect(work.surveysCreated.map((s) => s.survey).sort()).toEqual(['Arbejdsmiljø i Nord', 'Trivsel på arbejdspladsen', 'Ønsker til temadagen'].sort());
    expect(work.wavesCreated.map((x) => x.wave).sort()).toEqual(['2026', 'Efterår', 'Temadag']);
    expect((await exportOf(me)).surveyWorkForTheOrganisation).toEqual({ surveysCreated: [], wavesCreated: [] });
  });
});
