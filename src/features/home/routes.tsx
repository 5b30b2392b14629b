import type { FastifyInstance } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { getOrganisationCached } from '../../kernel/organisation.js';
import { listUnitsCached } from '../../kernel/units.js';
import { sharedPages } from '../../kernel/shared-pages.js';
import { latestPublicPostsCached } from '../news/index.js';
import { FrontPage, StartPage } from './pages.js';
import { workplaceNames } from '../../kernel/workplaces.js';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  // Everyone without a session sees the same front page: it is kept rendered for as long as its data is cached.
  const frontPages = sharedPages();
  app.get('/', async (req, reply) => {
    const [org, units, news] = await Promise.all([getOrganisationCached(app.db), listUnitsCached(app.db), latestPublicPostsCached(app.db, 3)]);
    return frontPages.send(req, reply, [org, units, news], (view) => <FrontPage view={view} org={org} districts={units.filter((u) => u.kind === 'district')} news={news} />);
  });

  app.get('/start', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    const offices = req.actor.kind === 'person' ? req.actor.grants.flatMap((g) => [...g.workplaces]) : [];
    return reply.html(<StartPage view={await reply.view()} units={await listUnitsCached(app.db)} workplaces={await workplaceNames(app.db, [...new Set(offices)])} />);
  });
}
