import { sql } from 'drizzle-orm';
import type { Feature } from '../../kernel/feature.js';
import { addAudienceSource } from '../mailings/index.js';
import { can } from './policy.js';
import { assemblyApi } from './api.js';
import { assemblyPages } from './page-routes.js';
import { hallApi } from './hall-api.js';
import { hallPages } from './hall-page-routes.js';
import { registerAssemblyJobs } from './motions-pack.js';
import { seedDemoAssemblies } from './demo.js';
import { assembliesPersonalData } from './personal-data.js';
import { attendanceApi } from './attendance-api.js';
import { pollsApi } from './polls-api.js';
import { minutesApi } from './minutes-api.js';
import { minutesPages } from './minutes-page-routes.js';
import { motionRoutes } from './motion-page-routes.js';
import { electionRoutes } from './elect-page-routes.js';

export { assemblyKinds, assemblyStatuses, agendaItemKinds, majorities, voteKinds, type AssemblyKind, type AssemblyStatus, type AgendaItemKind, type AssemblyRules } from './tables.js';
export { can as canAssembly, type AssemblyAction, type AssemblySubject } from './policy.js';
export { createAssembly, updateAssembly, cancelAssembly, getAssembly, type AssemblyResult } from './assemblies.js';
export { listAssemblies, loadAssemblyView, type AssemblyView, type AssemblySummary, type AgendaItemView } from './queries.js';
export { unitRules, setUnitRules } from './rules.js';
export { sendNotice, latestNotice, type NoticeResult, type NoticeContext } from './notice.js';
export { sendMotionsPack, takeDueRolls, type PackResult } from './motions-pack.js';
export { listAgendaTemplates, type AgendaTemplate } from './templates.js';
export { notifyAssembly } from './live.js';
export { openAssembly, closeAssembly, setCurrentItem } from './session.js';
export { checkInMember, checkOutMember, quorumState, type QuorumState, type AttendanceResult } from './attendance.js';
export { recordProxy, revokeProxy, listProxies, type ProxyView } from './proxies.js';
export { createPoll, openPoll, setPollSecret, requestWrittenBallot } from './polls.js';
export { closePoll, publishPoll, enterPaperCounts } from './poll-close.js';
export { castBallot, type BallotResult } from './ballots.js';
export { pollView, listPolls, type PollView, type PollSummary } from './poll-view.js';
export { pollRuleText, pollSummaryText, type StoredPollResult } from './results.js';
export { submitMotion, admitMotion, refuseMotion, setBoardRecommendation, withdrawMotion, referMotion, getMotion, type MotionResult } from './motions.js';
export { confirmCosignature, type CosignResult } from './motion-cosigners.js';
export { submitAmendment, admitAmendment, refuseAmendment, withdrawAmendment, type AmendmentResult } from './amendments.js';
export { listMotions, loadMotion, loadMotionDetail, listAmendments, assemblyMotions, type MotionView, type MotionDetail, type AmendmentView, type MotionCosigner } from './motion-queries.js';
export { motionLines, votingOrder, textWithAdopted, type MotionLine, type VoteStep, type AmendedText, type DiffPart } from './motion-text.js';

export { saveItemNotes, approveMinutes, publishMinutes, type ItemNotesResult, type ApproveResult, type PublishResult, type MinutesOffice } from './minutes.js';
export { minutesContent, type MinutesContent } from './minutes-content.js';
export { minutesPdf } from './minutes-pdf.js';
export { listArchive, type ArchiveEntry } from './minutes-archive.js';
export { createBody, listBodies, bodyVacancies, recordBodyTerm, type BodyView, type Vacancies } from './elect-bodies.js';
export { createElection, startElection, decideElectionFromPoll } from './elect-elections.js';
export { nominate, acceptNomination, declineNomination, withdrawCandidate } from './elect-candidates.js';
export { loadElection, listElections, type ElectionView, type CandidateView } from './elect-queries.js';
export { unitBoard, type UnitBoard, type BoardBody, type BoardTerm } from './elect-board.js';

// The notice and the motions pack go to the electoral roll as the roll was frozen.
addAudienceSource({ name: 'assembly.roll', personIds: (ref) => sql`select ar.person_id from assembly_roll ar where ar.assembly_id = ${ref}::uuid` });

/**
 * General assemblies: the statutes' rules per unit, the agenda from a template, the electoral roll
 * and the notice, motions and amendments, attendance and proxies, polls (open, named and secret
 * ballots), elections to the unit's board, the hall (console, speakers, projector, live over SSE),
 * and the minutes with their PDF.
 */
export const feature: Feature = {
  name: 'assemblies',
  nav: [{ href: '/assemblies', labelKey: 'assemblies.nav', visible: (a) => can(a, 'assembly.list'), order: 33 }],
  demo: seedDemoAssemblies,
  personalData: assembliesPersonalData,
  jobs: (jobs, { db }) => registerAssemblyJobs(jobs, db),
  async routes(app) {
    await app.register(assemblyApi);
    await app.register(attendanceApi);
    await app.register(pollsApi);
    await app.register(assemblyPages);
    await app.register(hallApi);
    await app.register(hallPages);
    await app.register(minutesApi);
    await app.register(minutesPages);
    await app.register(motionRoutes);
    await app.register(electionRoutes);
  },
};
