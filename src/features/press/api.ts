import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../../platform/http/openapi.js';
import type { DirectoryEntry } from '../directory/index.js';
import { contactsOf, listReleases, type Release } from './queries.js';
import { photoPath, releasePath } from './feed.js';
import { releaseList, releaseListQuery, type ReleaseOutput } from './schema.js';

export function contactJson(entry: DirectoryEntry | undefined): ReleaseOutput['contact'] {
  if (!entry) return null;
  return { name: `${entry.firstName} ${entry.lastName}`, title: entry.title, phone: entry.directPhone, email: entry.publicEmail };
}

export function releaseJson(r: Release, contact: DirectoryEntry | undefined, baseUrl: string): ReleaseOutput {
  const photo = photoPath(r);
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    body: r.body,
    publishedAt: r.releasedAt ?? r.updatedAt,
    url: baseUrl + releasePath(r.slug),
    photo: photo && r.photo ? { url: baseUrl + photo, credit: r.photo.credit, alt: r.photo.alt, contentType: r.photo.contentType, size: r.photo.size } : null,
    contact: contactJson(contact),
  };
}

export async function pressApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/press-releases',
    {
      schema: {
        tags: ['Press'],
        summary: 'Press releases that are out, newest first',
        description:
          'The same for every caller: published releases whose embargo, if any, has passed. `body` is Markdown; `photo.url` is the full-size photo, ' +
          'to be printed with its credit; `contact` is the press contact from the public staff directory.',
        querystring: releaseListQuery,
        response: { 200: releaseList, 401: problemSchema, 422: problemSchema },
      },
    },
    async (req) => {
      const { released } = await listReleases(app.db, { kind: 'anonymous' }, { limit: req.query.limit });
      const contacts = await contactsOf(
        app.db,
        released.map((x) => x.contactPersonId),
      );
      return { items: released.map((x) => releaseJson(x, x.contactPersonId ? contacts.get(x.contactPersonId) : undefined, app.config.publicUrl)) };
    },
  );
}
