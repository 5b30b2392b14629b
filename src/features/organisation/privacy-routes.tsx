import type { FastifyInstance } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { can } from './policy.js';
import { getOrganisation } from '../../kernel/organisation.js';
import { PrivacyPage } from './privacy-pages.js';

/** The public privacy notice at /privacy: the organisation's own text, or a built-in one until it writes one. */
export async function privacyPages(app: FastifyInstance): Promise<void> {
  app.get('/privacy', async (req, reply) => {
    allow(req, can(req.actor, 'organisation.view'));
    const org = await getOrganisation(app.db);
    return reply.html(<PrivacyPage view={await reply.view()} org={org} canEdit={can(req.actor, 'organisation.edit')} />);
  });
}
