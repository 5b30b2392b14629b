import { sql } from 'drizzle-orm';
import type { Feature } from '../../kernel/feature.js';
import { addAudienceSource } from '../mailings/index.js';
import { can } from './policy.js';
import { assemblyApi } from './api.js';
import { assemblyPages } from './page-routes.js';
import { registerAssemblyJobs } from './motions-pack.js';

export { assemblyKinds, assemblyStatuses, agendaItemKinds, majorities, voteKinds, type AssemblyKind, type AssemblyStatus, type AgendaItemKind, type AssemblyRules } from './tables.js';
export { can as canAssembly, type AssemblyAction, type AssemblySubject } from './policy.js';
export { createAssembly, updateAssembly, cancelAssembly, getAssembly, type AssemblyResult } from './assemblies.js';
export { listAssemblies, loadAssemblyView, type AssemblyView, type AssemblySummary, type AgendaItemView } from './queries.js';
export { unitRules, setUnitRules } from './rules.js';
export { sendNotice, latestNotice, type NoticeResult, type NoticeContext } from './notice.js';
export { sendMotionsPack, takeDueRolls, type PackResult } from './motions-pack.js';
export { listAgendaTemplates, type AgendaTemplate } from './templates.js';

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
  jobs: (jobs, { db }) => registerAssemblyJobs(jobs, db),
  async routes(app) {
    await app.register(assemblyApi);
    await app.register(assemblyPages);
  },
};
