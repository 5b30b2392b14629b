import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { contentDisposition, uploadedFileHeaders } from '../../platform/http/downloads.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { sendFeed } from '../../platform/html/feed.js';
import { fieldError, ProblemError, type FieldError } from '../../platform/errors.js';
import { aboutTextFor, getOrganisation } from '../../kernel/organisation.js';
import { can } from './policy.js';
import { contactChoices, contactsOf, listReleases, pressContacts, releaseFor, type Release } from './queries.js';
import { type FieldProblem, type Refusal, refuse as refuseRequest } from '../../platform/outcomes.js';
import { createRelease, deleteRelease, publishRelease, unpublishRelease, updateRelease, type WrongStatus } from './releases.js';
import { PHOTO_MAX_BYTES, releasePhoto } from './photo.js';
import { pressFeed, releasePath } from './feed.js';
import { formValuesOf, parseReleaseForm } from './page-form.js';
import { PressRoomPage } from './pages/room.js';
import { ReleasePage } from './pages/release.js';
import { ReleaseFormPage, type ReleaseFormValues } from './pages/release-form.js';
import { releaseStatusLabel } from './labels.js';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });
export const RELEASES_PER_PAGE = 20;

// The platform's upload limit (2 MB) is smaller than a press photo in full size. A file over the
// limit is cut off rather than refused mid-upload, so the form can say so in words.
const uploadConfig = { multipartOptions: { limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 12, parts: 13 }, throwFileSizeLimit: false } } as FastifyContextConfig;

/** Not out yet is "not there", for everyone: 404. Out of the reader's rights: log in, or 403. */
function refuse(req: FastifyRequest, r: Refusal): never {
  return refuseRequest(req, r, { visitorsSeeNotFound: true });
}

const toErrors = (req: FastifyRequest, problems: FieldProblem[]): FieldError[] => problems.map((p) => fieldError(req.t, p.path, p.code, p.params));

/** The press room, its releases, their photos and feeds, and the staff's forms. */
export async function pressPages(app: FastifyInstance): Promise<void> {
  const guard = async (req: FastifyRequest) => allow(req, can(req.actor, 'press.manage'));

  const slugOf = (req: FastifyRequest) => {
    const parsed = slugParams.safeParse(req.params);
    if (!parsed.success) throw new ProblemError(404, 'http.not_found');
    return parsed.data.slug;
  };

  app.get('/press', async (req, reply) => {
    const { page } = pageQuery.parse(req.query ?? {});
    const [{ released, total, unreleased }, contacts, organisation] = await Promise.all([
      listReleases(app.db, req.actor, { limit: RELEASES_PER_PAGE, offset: (page - 1) * RELEASES_PER_PAGE }),
      pressContacts(app.db),
      getOrganisation(app.db),
    ]);
    if (unreleased.length) reply.header('cache-control', 'private, no-store');
    return reply.html(
      <PressRoomPage view={await reply.view()} aboutText={aboutTextFor(organisation, req.locale)} contacts={contacts} released={released} unreleased={unreleased} page={page} pageCount={Math.ceil(total / RELEASES_PER_PAGE)} />,
    );
  });

  for (const format of ['atom', 'rss'] as const) {
    app.get(`/press/feed.${format}`, async (req, reply) => {
      const org = await getOrganisation(app.db);
      const xml = await pressFeed(app.db, format, {
        baseUrl: app.config.publicUrl,
        title: req.t('press.feed_title', { organisation: org.name }),
        language: req.locale,
        author: org.name,
        creditLabel: (credit) => req.t('press.photo_credit', { credit }),
      });
      return sendFeed(reply, format, xml);
    });
  }

  // --- staff: new release ---

  const formPage = async (reply: FastifyReply, release: Release | null, form: FormState<ReleaseFormValues>, status = 200) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .html(<ReleaseFormPage view={await reply.view()} release={release} contacts={await contactChoices(app.db)} form={form} />);

  app.get('/press/new', { onRequest: guard }, async (_req, reply) => formPage(reply, null, emptyForm<ReleaseFormValues>()));

  app.post('/press', { config: uploadConfig, onRequest: guard }, async (req, reply) => {
    const form = await parseReleaseForm(req, false);
    if (!form.ok) return formPage(reply, null, form, 422);
    const result = await createRelease(app.db, req.actor, form.data, form.photo);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return formPage(reply, null, { values: form.values, errors: toErrors(req, result.errors) }, 422);
    }
    reply.flash('success', req.t('press.flash.created'));
    return reply.redirect(`${releasePath(result.release.slug)}/edit`, 303);
  });

  // --- a release ---

  app.get('/press/:slug', async (req, reply) => {
    const found = await releaseFor(app.db, req.actor, { slug: slugOf(req) }, 'press.view');
    if (!found.ok) refuse(req, found);
    const contacts = await contactsOf(app.db, [found.release.contactPersonId]);
    if (!found.release.released) reply.header('cache-control', 'private, no-store');
    const contact = found.release.contactPersonId ? (contacts.get(found.release.contactPersonId) ?? null) : null;
    return reply.html(<ReleasePage view={await reply.view()} release={found.release} contact={contact} manage={can(req.actor, 'press.manage')} />);
  });

  app.get<{ Querystring: { download?: string } }>('/press/:slug/photo', async (req, reply) => {
    const found = await releasePhoto(app.db, req.actor, slugOf(req));
    if (!found.ok) refuse(req, found);
    const { photo } = found;
    const disposition = contentDisposition(req.query.download === '1' ? 'attachment' : 'inline', photo.fileName);
    const cacheControl = photo.public ? 'public, max-age=86400' : 'private, no-store';
    return uploadedFileHeaders(reply, { contentType: photo.contentType, disposition, etag: photo.version, cacheControl }).send(photo.bytes);
  });

  const staffRelease = async (req: FastifyRequest): Promise<Release> => {
    const found = await releaseFor(app.db, req.actor, { slug: slugOf(req) }, 'press.manage');
    if (!found.ok) refuse(req, found);
    return found.release;
  };

  app.get('/press/:slug/edit', { onRequest: guard }, async (req, reply) => {
    const release = await staffRelease(req);
    return formPage(reply, release, emptyForm<ReleaseFormValues>(formValuesOf(release)));
  });

  app.post('/press/:slug/edit', { config: uploadConfig, onRequest: guard }, async (req, reply) => {
    const release = await staffRelease(req);
    const form = await parseReleaseForm(req, release.photo !== null);
    if (!form.ok) return formPage(reply, release, form, 422);
    const result = await updateRelease(app.db, req.actor, release.id, form.data, form.photo);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return formPage(reply, release, { values: form.values, errors: toErrors(req, result.errors) }, 422);
    }
    reply.flash('success', req.t('press.flash.saved'));
    return reply.redirect(`${releasePath(result.release.slug)}/edit`, 303);
  });

  const wrongStatus = async (req: FastifyRequest, reply: FastifyReply, release: Release, r: WrongStatus) =>
    formPage(reply, release, { values: formValuesOf(release), errors: [fieldError(req.t, 'status', 'press.wrong_status', { status: req.t(releaseStatusLabel[r.status]) })] }, 409);

  app.post('/press/:slug/publish', { onRequest: guard }, async (req, reply) => {
    const release = await staffRelease(req);
    const result = await publishRelease(app.db, req.actor, release.id);
    if (!result.ok) {
      if (result.reason === 'wrong_status') return wrongStatus(req, reply, release, result);
      if (result.reason !== 'invalid') refuse(req, result);
    }
    reply.flash('success', req.t(release.embargoUntil && new Date(release.embargoUntil) > new Date() ? 'press.flash.published_embargoed' : 'press.flash.published'));
    return reply.redirect(releasePath(release.slug), 303);
  });

  app.post('/press/:slug/unpublish', { onRequest: guard }, async (req, reply) => {
    const release = await staffRelease(req);
    const result = await unpublishRelease(app.db, req.actor, release.id);
    if (!result.ok) {
      if (result.reason === 'wrong_status') return wrongStatus(req, reply, release, result);
      if (result.reason !== 'invalid') refuse(req, result);
    }
    reply.flash('success', req.t('press.flash.unpublished'));
    return reply.redirect(`${releasePath(release.slug)}/edit`, 303);
  });

  app.post('/press/:slug/delete', { onRequest: guard }, async (req, reply) => {
    const release = await staffRelease(req);
    const result = await deleteRelease(app.db, req.actor, release.id);
    if (!result.ok) {
      if (result.reason === 'wrong_status') return wrongStatus(req, reply, release, result);
      refuse(req, result);
    }
    reply.flash('success', req.t('press.flash.deleted', { title: release.title }));
    return reply.redirect('/press', 303);
  });
}
