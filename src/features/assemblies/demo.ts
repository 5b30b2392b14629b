import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { DemoContext } from '../../kernel/feature.js';
import { wallClockInDays } from '../../platform/i18n/zoned-time.js';
import { createAssembly } from './assemblies.js';
import { mergeAgendaItems } from './agenda.js';
import { sendNotice } from './notice.js';
import { freezeRoll } from './roll.js';
import { admitMotion, refuseMotion, setBoardRecommendation, submitMotion } from './motions.js';
import { checkInMember } from './attendance.js';
import { createPoll, openPoll, requestWrittenBallot, setPollSecret } from './polls.js';
import { closePoll, publishPoll } from './poll-close.js';
import { castBallot } from './ballots.js';
import { closeAssembly, openAssembly, setCurrentItem } from './session.js';
import { approveMinutes, publishMinutes, saveItemNotes } from './minutes.js';
import { assemblyInput } from './schema.js';
import { motionInput } from './motion-schema.js';
import { pollInput } from './poll-schema.js';
import { must, personActor, seedDemoBoard } from './demo-board.js';
import type { AssemblyView } from './queries.js';

/** Moves an assembly called for the future back in time, as if it had been called and held then. */
async function heldDaysAgo(tx: Db, id: string, days: number): Promise<void> {
  await tx.execute(sql`update assemblies set starts_at = date_trunc('day', now() - make_interval(days => ${days})) + interval '16 hours',
    motion_deadline = now() - make_interval(days => ${days + 7}), roll_cutoff_on = (current_date - ${days}::int),
    notice_sent_at = now() - make_interval(days => ${days + 21}), roll_frozen_at = now() - make_interval(days => ${days + 21}),
    created_at = now() - make_interval(days => ${days + 30}) where id = ${id}`);
}

const MOTIONS = [
  {
    title: 'Klubber på de store arbejdspladser',
    body: 'Kredsen opretter faglige klubber på arbejdspladser med mere end 30 medlemmer.\nKlubberne får et årligt budget til møder og uddannelse af tillidsrepræsentanter.',
    reasoning: 'De store arbejdspladser har brug for et fællesskab tæt på hverdagen, og klubberne gør det lettere at finde nye tillidsrepræsentanter.',
    recommendation: 'Bestyrelsen anbefaler forslaget.',
  },
  {
    title: 'Kontingentnedsættelse for studerende',
    body: 'Kontingentet for studerende nedsættes til 50 kr. om måneden fra 1. januar.',
    reasoning: 'Flere studerende skal melde sig ind, mens de er i praktik.',
    recommendation: 'Bestyrelsen anbefaler, at forslaget forkastes: kontingentet fastsættes af kongressen.',
  },
];

/**
 * The demo's general assemblies, after the shape of the seed article: Kreds Nord's ordinary assembly
 * two months ago, where the report and future work were one item, two motions were decided (one in
 * a secret ballot a member asked for), a by-election filled three of the board's four seats and the
 * minutes were approved and published; and next year's, called, with motions coming in.
 */
export async function seedDemoAssemblies(tx: Db, ctx: DemoContext): Promise<void> {
  const unitId = ctx.unitByKey.nord;
  const members = ctx.activeMembers.nord;
  if (members.length < 30) return;
  const [chair, taker, ...voters] = members;
  const staff = await personActor(tx, ctx.staffIn('nord'));

  // --- last spring's assembly, held and minuted ---
  const held = must(
    'create',
    await createAssembly(
      tx,
      staff,
      assemblyInput.parse({ unitId, title: 'Ordinær generalforsamling i Kreds Nord', kind: 'ordinary', startsAt: wallClockInDays(40, 17, 0, 'Europe/Copenhagen').toISOString(), place: 'Fagforeningshuset, Aalborg', template: 'standard', chairPersonId: chair, minuteTakerPersonId: taker, minutesVisibility: 'public' }),
    ),
  ).assembly;
  const item = (kind: string, a: AssemblyView = held) => a.agenda.find((i) => i.kind === kind)!;
  const merged = must('merge', await mergeAgendaItems(tx, staff, held.id, { from: item('future_work').id, into: item('report').id, title: 'Bestyrelsens beretning og fremtidigt arbejde' }));
  await freezeRoll(tx, held.id);
  await tx.execute(sql`update assemblies set status = 'notice_sent', notice_sent_at = now() where id = ${held.id}`);
  const motionIds: string[] = [];
  for (const [n, m] of MOTIONS.entries()) {
    const by = await personActor(tx, voters[n]);
    const made = must('motion', await submitMotion(tx, by, held.id, motionInput.parse({ title: m.title, body: m.body, reasoning: m.reasoning })));
    must('admit', await admitMotion(tx, staff, made.motion.id));
    must('recommend', await setBoardRecommendation(tx, staff, made.motion.id, { recommendation: m.recommendation }));
    motionIds.push(made.motion.id);
  }
  const stray = must('motion', await submitMotion(tx, await personActor(tx, voters[2]), held.id, motionInput.parse({ title: 'Ny overenskomst for alle', body: 'Kredsen forhandler en ny overenskomst med regionen.' })));
  must('refuse', await refuseMotion(tx, staff, stray.motion.id, { reason: 'Overenskomster forhandles af forbundet, ikke af kredsen; forslaget er sendt videre til hovedbestyrelsen.' }));

  await heldDaysAgo(tx, held.id, 60);
  const chairActor = await personActor(tx, chair);
  must('open', await openAssembly(tx, chairActor, held.id));
  const present = [chair, taker, ...voters.slice(0, 40)];
  for (const id of present) must('check in', await checkInMember(tx, staff, held.id, { memberId: id }));
  const agenda = merged.agenda;
  const motionsItem = agenda.find((i) => i.kind === 'motions')!;
  must('current item', await setCurrentItem(tx, chairActor, held.id, motionsItem.id));

  // Motion 1 by raised hands would be the chair's count; here a named and a secret ballot on the phones.
  const votes = async (pollId: string, choices: readonly string[]) => {
    for (const [n, id] of present.entries()) must('ballot', await castBallot(tx, await personActor(tx, id), pollId, { choice: choices[n % choices.length] }));
  };
  const first = must('poll', await createPoll(tx, chairActor, held.id, pollInput.parse({ itemId: motionsItem.id, title: `Forslag 1: ${MOTIONS[0].title}`, method: 'yes_no_abstain', mode: 'named', motionId: motionIds[0] }))).poll;
  must('open poll', await openPoll(tx, chairActor, first.id));
  await votes(first.id, ['yes', 'yes', 'yes', 'yes', 'no', 'yes', 'yes', 'abstain', 'yes', 'yes']);
  must('close poll', await closePoll(tx, chairActor, first.id));
  must('publish poll', await publishPoll(tx, chairActor, first.id));
  // One member asks for a written ballot from their phone; the chair makes the poll secret before opening it.
  const second = must('poll', await createPoll(tx, chairActor, held.id, pollInput.parse({ itemId: motionsItem.id, title: `Forslag 2: ${MOTIONS[1].title}`, method: 'yes_no_abstain', motionId: motionIds[1] }))).poll;
  must('written ballot', await requestWrittenBallot(tx, await personActor(tx, voters[3]), second.id));
  must('secret', await setPollSecret(tx, chairActor, second.id));
  must('open poll', await openPoll(tx, chairActor, second.id));
  await votes(second.id, ['no', 'no', 'yes', 'no', 'abstain', 'no', 'yes', 'no']);
  must('close poll', await closePoll(tx, chairActor, second.id));
  must('publish poll', await publishPoll(tx, chairActor, second.id));

  const electionItem = agenda.find((i) => i.kind === 'election')!;
  await seedDemoBoard(tx, ctx, { assemblyId: held.id, itemId: electionItem.id, unitId, chair: chairActor, staff, present, candidates: voters.slice(40, 44), sitting: voters[44] });

  must('close', await closeAssembly(tx, chairActor, held.id));
  const notes: Record<string, { notes: string; decision?: string }> = {
    officers: { notes: `Bestyrelsen foreslog ${'dirigent og referent'}; begge blev valgt uden modkandidater. Dirigenten konstaterede, at generalforsamlingen var lovligt indkaldt.`, decision: 'Dirigent og referent valgt.' },
    report: { notes: 'Formanden fremlagde beretningen og planerne for det kommende år: flere klubber, et stærkere netværk for tillidsrepræsentanter og en kampagne for arbejdsmiljøet på bostederne. Spørgsmål fra salen om vikarer og alenearbejde.', decision: 'Beretningen og det fremtidige arbejde blev taget til efterretning.' },
    motions: { notes: 'Forslag 1 blev drøftet med stor opbakning. Et medlem bad om skriftlig afstemning om forslag 2.' },
    election: { notes: 'Der var fire kandidater til tre ledige pladser i bestyrelsen.' },
    any_other_business: { notes: 'Tak til de afgående bestyrelsesmedlemmer. Næste generalforsamling holdes til foråret.' },
  };
  const takerActor = await personActor(tx, taker);
  for (const i of agenda) {
    const n = notes[i.kind];
    if (n) must('notes', await saveItemNotes(tx, takerActor, i.id, { notes: n.notes, decision: n.decision ?? null }));
  }
  must('approve', await approveMinutes(tx, chairActor, held.id));
  must('approve', await approveMinutes(tx, takerActor, held.id));
  must('publish', await publishMinutes(tx, takerActor, held.id));

  // --- next year's assembly, called, with motions coming in ---
  const next = must(
    'create',
    await createAssembly(tx, staff, assemblyInput.parse({ unitId, title: 'Ordinær generalforsamling 2027 i Kreds Nord', kind: 'ordinary', startsAt: wallClockInDays(45, 17, 0, 'Europe/Copenhagen').toISOString(), place: 'Fagforeningshuset, Aalborg', template: 'standard', chairPersonId: chair, minuteTakerPersonId: taker })),
  ).assembly;
  // The demo knows no configuration; the links in its notice point where `npm start` serves by default.
  must('notice', await sendNotice(tx, staff, next.id, { publicUrl: (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '') }));
  const proposal = must('motion', await submitMotion(tx, await personActor(tx, voters[5]), next.id, motionInput.parse({ title: 'Seniorpolitik på alle arbejdspladser', body: 'Kredsen arbejder for, at alle arbejdspladser får en seniorpolitik.\nTillidsrepræsentanterne får et kursus i seniorsamtaler.', cosignerIds: [voters[6], voters[7]] })));
  must('admit', await admitMotion(tx, staff, proposal.motion.id));
  must('motion', await submitMotion(tx, await personActor(tx, voters[8]), next.id, motionInput.parse({ title: 'Fælles sommerarrangement', body: 'Kredsen holder et sommerarrangement for medlemmer og deres familier.' })));
  ctx.made.set('assemblies.held', held.id);
  ctx.made.set('assemblies.next', next.id);
}
