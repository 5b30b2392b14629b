import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { can } from './policy.js';
import { searchDirectory } from './profiles.js';
import { directoryList, directoryQuery } from './schema.js';

export async function directoryApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/directory',
    {
      schema: {
        tags: ['Staff directory'],
        summary: 'The public staff directory',
        description: 'Published entries of the staff, by office and name. Every word in `q` must match the name, title or a topic (`q=pension`); `unit` limits to one office.',
        security: [],
        querystring: directoryQuery,
        response: { 200: directoryList, 422: problemSchema },
      },
    },
    async (req) => {
      allow(req, can(req.actor, 'directory.view'));
      const items = await searchDirectory(app.db, req.query, { sortLocale: req.locale === 'sv' ? 'sv' : 'da' });
      // Photo links are made absolute: API clients are not on our pages.
      return { items: items.map((i) => ({ ...i, photoUrl: i.photoUrl ? `${app.config.publicUrl}${i.photoUrl}` : null })) };
    },
  );
}
