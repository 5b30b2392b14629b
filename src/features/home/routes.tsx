import type { FastifyInstance } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { getOrganisationCached } from '../organisation/organisation.js';
import { listUnitsCached } from '../organisation/units.js';
import { latestPublicPosts } from '../news/index.js';
import { FrontPage, StartPage } from './pages.js';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (_req, reply) => {
    const [org, units, news] = await Promise.all([getOrganisationCached(app.db), listUnitsCached(app.db), latestPublicPosts(app.db, 3)]);
    return reply.html(<FrontPage view={await reply.view()} org={org} districts={units.filter((u) => u.kind === 'district')} news={news} />);
  });

  app.get('/start', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    return reply.html(<StartPage view={await reply.view()} units={await listUnitsCached(app.db)} />);
  });
}
