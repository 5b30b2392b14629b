import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  /** The path as the tree prints it, segments joined (a wildcard may lose the text before `*`). */
  path: string;
}

/**
 * Every route the app registers, read from Fastify's route tree, for the permission matrices that
 * must list them all (HEAD is Fastify's own copy of GET and is left out). `keep` picks a feature's paths.
 */
export function registeredRoutes(app: FastifyInstance, keep: (path: string) => boolean = () => true): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)(?:└── |├── )(.+?) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack[depth] = path;
    if (!keep(path)) continue;
    for (const method of m[3].split(', ')) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}

/**
 * The register's features walk their own routes in their own permission tests (each checks that it
 * lists every route under its prefixes); this matrix covers everything else.
 */
export const FEATURE_MATRIX_PREFIXES = [
  '/members',
  '/api/v1/members',
  '/admin/membership-types',
  '/workplaces',
  '/api/v1/workplaces',
  '/member-companies',
  '/api/v1/member-companies',
  '/directory',
  '/api/v1/directory',
  '/admin/directory',
  '/join',
  '/me',
  '/admin/applications',
  '/api/v1/events',
  '/events',
  '/calendar',
  '/api/v1/workplace-meetings',
  '/workplace-meetings',
  '/request-meeting',
  '/news',
  '/api/v1/news',
  '/segments',
  '/api/v1/segments',
  '/magazine',
  '/api/v1/magazine',
  '/press',
  '/api/v1/press-releases',
  '/mailings', '/api/v1/mailings', '/api/v1/newsletter-topics', '/unsubscribe', '/invitations',
  // General assemblies (their matrices: src/features/assemblies/*permissions.test.ts); the unit's board,
  // bodies and rules sit under the kernel's /api/v1/units, so they are named whole.
  '/assemblies', '/api/v1/assemblies', '/api/v1/agenda-items', '/api/v1/agenda-templates', '/motions', '/api/v1/motions', '/amendments', '/api/v1/amendments',
  '/api/v1/polls', '/api/v1/speakers', '/elections', '/api/v1/elections', '/candidates', '/api/v1/candidates', '/api/v1/bodies',
  '/units/:id/board', '/api/v1/units/:id/board', '/api/v1/units/:id/bodies', '/api/v1/units/:id/assembly-rules',
  // The initiative pool (its matrices: src/features/grants/*permissions.test.ts).
  '/grants', '/api/v1/grant-pools', '/api/v1/grant-applications', '/api/v1/grant-attachments',
  // Surveys (their matrices: src/features/surveys/*permissions.test.ts); /s/ is the personal answer link.
  '/surveys', '/api/v1/surveys', '/api/v1/survey-waves', '/api/v1/me/survey-waves', '/s/',
  // Networks' pages (their matrix: src/features/networks/page-permissions.test.ts).
  '/networks', '/api/v1/networks', '/api/v1/threads', '/api/v1/posts', '/api/v1/network-files', '/api/v1/network-meetings', '/api/v1/network-notice',
  // Insights (their matrix: src/features/insights/pages.test.ts and api.test.ts).
  '/insights', '/api/v1/insights',
];
