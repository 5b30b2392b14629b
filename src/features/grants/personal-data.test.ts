import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { collectPersonalData } from '../../kernel/personal-data.js';
import { plugIn } from '../../kernel/feature.js';
import { features } from '../../features.js';
import { addReview } from './decisions.js';
import { attachment, granted, grantPagesWorld, paidOut, QUESTION, submitted, type GrantPagesWorld, type Someone } from './application-pages.fixture.js';
import { fileReport } from './payouts.js';

/*
 * A person's data export from the initiative pool: their own applications (as applicant and as
 * co-applicant) with the amounts, the decision and its reason, the payout and the report, and the
 * reviewers' comments without who wrote them; nothing of another person's application. Staff and
 * board find what they did for the organisation.
 */

let database: Database;
let w: GrantPagesWorld;

beforeAll(async () => {
  database = await testDatabase();
  plugIn(features);
  w = await grantPagesWorld(database);
}, 180_000);
afterAll(() => database?.close());

const exportOf = async (who: Someone) => (await database.db.transaction((tx) => collectPersonalData(tx, who.id))) as Record<string, unknown>;
type Exported = {
  as: string;
  title: string;
  applicant: string | null;
  coApplicants: string[] | null;
  requested: number;
  status: string;
  answers: { question: string; answer: string }[];
  costLines: { description: string; amount: number }[];
  decision: { outcome: string; granted: number; reason: string; decidedBy: string } | null;
  payout: { paidOn: string; reference: string } | null;
  report: { summary: string | null; participants: number | null; actualCost: number | null; actualCostLines: unknown[] };
  attachments: { fileName: string }[];
  reviews: { comment: string; recommendation: string | null; recommendedAmount: number | null; by: string }[];
};

describe('a person’s data export from the initiative pool', () => {
  it('has their application with its amounts, decision, payout, report and the reviewers’ comments — but not who reviewed, nor another’s application', async () => {
    const mine = await paidOut(w, { title: 'Foredrag om arbejdsmiljø i eksporten', requested: 4_000_00 });
    await attachment(w, mine, 'report');
    expect((await fileReport(database.db, w.applicant.actor, mine, { summary: 'Tyve kolleger kom, og to meldte sig ind.', participants: 20, actualCosts: [{ description: 'Foredragsholder', amount: 3_000_00 }] })).ok).toBe(true);
    const reviewed = await submitted(w, { title: 'Workshop med en indstilling' });
    expect((await addReview(database.db, w.board.actor, reviewed, { body: 'Forplejningen er sat højt; jeg indstiller 3.000 kr.', recommendation: 'grant_less', amount: 3_000_00 })).ok).toBe(true);
    const others = await granted(w, { by: w.otherMember, co: [], title: 'Et andet medlems netværksmøde' });
    expect(others).toBeTruthy();

    const data = await exportOf(w.applicant);
    const text = JSON.stringify(data);
    const apps = data.grantApplications as Exported[];
    const paid = apps.find((a) => a.title === 'Foredrag om arbejdsmiljø i eksporten')!;
    expect(paid).toMatchObject({
      as: 'applicant',
      applicant: null,
      coApplicants: [w.coApplicant.name],
      requested: 4_000_00,
      status: 'reported',
      decision: { outcome: 'granted', granted: 4_000_00, reason: 'Et godt initiativ.', decidedBy: 'organisation' },
      report: { summary: 'Tyve kolleger kom, og to meldte sig ind.', participants: 20, actualCost: 3_000_00 },
    });
    expect(paid.payout?.reference).toMatch(/^BILAG-/);
    expect(paid.costLines).toEqual([{ description: 'Foredragsholder', amount: 3_000_00 }, { description: 'Forplejning', amount: 1_500_00 }]);
    expect(paid.answers).toEqual([{ question: QUESTION, answer: 'Opslag i frokoststuen og på intranettet.' }]);
    expect(paid.attachments.map((f) => f.fileName)).toEqual(['billede.png']);
    const inReview = apps.find((a) => a.title === 'Workshop med en indstilling')!;
    expect(inReview.status).toBe('in_review');
    expect(inReview.reviews).toEqual([expect.objectContaining({ comment: 'Forplejningen er sat højt; jeg indstiller 3.000 kr.', recommendation: 'grant_less', recommendedAmount: 3_000_00, by: 'organisation' })]);
    // Neither the reviewer nor the one who decided is named, and another member's application is not there.
    expect(text).not.toContain(w.board.name);
    expect(text).not.toContain(w.board.id);
    expect(text).not.toContain('Et andet medlems netværksmøde');
    expect(text).not.toContain(w.otherMember.name);
    // The audit trail follows the application through its states.
    const trail = data.auditTrail as { record: string; fields: string[] }[];
    expect(trail.filter((a) => a.record === 'grant_application').flatMap((a) => a.fields)).toEqual(expect.arrayContaining(['status', 'grantedAmount', 'decisionReason', 'paidOn', 'reportSummary']));
    expect(trail.some((a) => a.record === 'grant_review')).toBe(true);
  });

  it('gives a co-applicant the application they are on, naming its applicant', async () => {
    await submitted(w, { title: 'Netværksmøde med en medansøger' });
    const apps = (await exportOf(w.coApplicant)).grantApplications as Exported[];
    expect(apps.find((a) => a.title === 'Netværksmøde med en medansøger')).toMatchObject({ as: 'co_applicant', applicant: w.applicant.name, coApplicants: null });
    expect(apps.every((a) => a.as === 'co_applicant')).toBe(true);
  });

  it('gives a member who never applied an empty list, and a reviewer what they did for the organisation', async () => {
    expect((await exportOf(w.memberElsewhere)).grantApplications).toEqual([]);
    const work = (await exportOf(w.board)).grantWorkForTheOrganisation as { commentsWritten: { application: string; comment: string }[]; decisionsTaken: { application: string; status: string }[] };
    expect(work.commentsWritten).toEqual(expect.arrayContaining([expect.objectContaining({ application: 'Workshop med en indstilling', comment: 'Forplejningen er sat højt; jeg indstiller 3.000 kr.' })]));
    expect(work.decisionsTaken.map((d) => d.application)).toEqual(expect.arrayContaining(['Foredrag om arbejdsmiljø i eksporten', 'Et andet medlems netværksmøde']));
    // What a reviewer did names the activity, never the applicant.
    expect(JSON.stringify(work)).not.toContain(w.applicant.name);
    const staffWork = (await exportOf(w.staff)).grantWorkForTheOrganisation as { poolsOpened: unknown[]; payoutsRecorded: { application: string }[] };
    expect(staffWork.poolsOpened.length).toBe(3);
    expect(staffWork.payoutsRecorded.map((p) => p.application)).toContain('Foredrag om arbejdsmiljø i eksporten');
  });
});
