import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { formValues, parseForm, readMultipart } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError, ProblemError } from '../../platform/errors.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { listUnits } from '../../kernel/units.js';
import { can, mayListUnder } from './policy.js';
import { getStaffPerson, listStaff, saveProfile, searchDirectory, type ProfileFailure, type StaffPerson } from './profiles.js';
import { getPhoto, PHOTO_MAX_BYTES, setPhoto, type PhotoResult } from './photo.js';
import { directoryQuery, personParams, profileInput } from './schema.js';
import { DirectoryPage } from './pages/directory.js';
import { ProfileEditPage } from './pages/edit.js';
import { DirectoryAdminPage } from './pages/admin.js';

/** Each reason a profile is refused, as its code (and message key) on the form. */
const profileFailureCode = {
  not_staff: 'directory.not_staff',
  unit_not_found: 'directory.unit_not_found',
  unit_not_allowed: 'directory.unit_not_allowed',
} as const satisfies LabelTable<ProfileFailure['reason']>;

/** Each reason a photo is refused, as its code (and message key) on the photo field. */
const photoFailureCode = {
  empty: 'directory.photo_empty',
  too_large: 'directory.photo_too_large',
  wrong_type: 'directory.photo_wrong_type',
  no_profile: 'directory.photo_no_profile',
} as const satisfies LabelTable<Exclude<Extract<PhotoResult, { ok: false }>['reason'], 'forbidden'>>;

/** Whose entry a form is about: the caller's own at /directory/me, anyone's for admins at /admin/directory/:personId. */
interface Target {
  personId: string;
  base: string;
  own: boolean;
}

const notFound = () => new ProblemError(404, 'http.not_found');

function ownTarget(req: FastifyRequest): Target {
  allow(req, can(req.actor, 'directory.edit_own'));
  if (req.actor.kind !== 'person') throw notFound();
  return { personId: req.actor.personId, base: '/directory/me', own: true };
}

function adminTarget(req: FastifyRequest): Target {
  allow(req, can(req.actor, 'directory.manage'));
  const params = personParams.safeParse(req.params);
  if (!params.success) throw notFound();
  return { personId: params.data.personId, base: `/admin/directory/${params.data.personId}`, own: false };
}

export async function directoryPages(app: FastifyInstance): Promise<void> {
  const sortLocale = (req: FastifyRequest) => (req.locale === 'sv' ? 'sv' : 'da');

  app.get('/directory', async (req, reply) => {
    allow(req, can(req.actor, 'directory.view'));
    const units = await listUnits(app.db);
    const links = { own: can(req.actor, 'directory.edit_own'), manage: can(req.actor, 'directory.manage') };
    const parsed = parseForm(directoryQuery, req.query, req.t);
    if (!parsed.ok) return reply.status(422).html(<DirectoryPage view={await reply.view()} entries={[]} query={{ q: undefined, unit: undefined }} form={parsed} units={units} links={links} />);
    const entries = await searchDirectory(app.db, parsed.data, { sortLocale: sortLocale(req) });
    return reply.html(<DirectoryPage view={await reply.view()} entries={entries} query={parsed.data} form={emptyForm()} units={units} links={links} />);
  });

  app.get('/directory/:personId/photo', async (req, reply) => {
    const params = personParams.safeParse(req.params);
    const photo = params.success ? await getPhoto(app.db, req.actor, params.data.personId) : null;
    if (!photo) return reply.status(404).type('text/plain; charset=utf-8').send('');
    // Uploaded bytes are only ever an image: never run as a document, never sniffed into something else.
    return reply
      .type(photo.mime)
      .header('cache-control', photo.public ? 'public, max-age=300' : 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('x-content-type-options', 'nosniff')
      .send(photo.bytes);
  });

  /** The edit page for a target, or 404 when the person is not (or no longer) on the staff and has no entry. */
  const editPage = async (req: FastifyRequest, reply: FastifyReply, target: Target, form: FormState = emptyForm(), photoErrors: FormState['errors'] = [], status = 200) => {
    const person = await getStaffPerson(app.db, target.personId);
    if (!person || (!person.isStaff && !person.profile)) throw notFound();
    const units = (await listUnits(app.db)).filter((u) => mayListUnder(req.actor, u.id) || u.id === person.profile?.unitId);
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .html(<ProfileEditPage view={await reply.view()} person={person as StaffPerson} base={target.base} form={form} photoErrors={photoErrors} units={units} own={target.own} />);
  };

  const save = async (req: FastifyRequest, reply: FastifyReply, target: Target) => {
    const form = parseForm(profileInput, req.body, req.t);
    if (!form.ok) return editPage(req, reply, target, form, [], 422);
    const result = await saveProfile(app.db, req.actor, target.personId, form.data);
    if (!result.ok) {
      if (!('field' in result)) throw result.reason === 'forbidden' ? new ProblemError(403, 'http.forbidden') : notFound();
      return editPage(req, reply, target, { values: formValues(req.body), errors: [fieldError(req.t, result.field, profileFailureCode[result.reason])] }, [], 422);
    }
    reply.flash('success', req.t(result.created ? 'directory.created' : 'form.saved'));
    return reply.redirect(target.base, 303);
  };

  const uploadPhoto = async (req: FastifyRequest, reply: FastifyReply, target: Target) => {
    const file = readMultipart(req.body).files.photo;
    const bytes = file && typeof file.toBuffer === 'function' ? await file.toBuffer() : Buffer.alloc(0);
    const result = await setPhoto(app.db, req.actor, target.personId, { bytes, mime: file?.mimetype ?? '' });
    if (!result.ok) {
      if (result.reason === 'forbidden') throw new ProblemError(403, 'http.forbidden');
      return editPage(req, reply, target, emptyForm(), [fieldError(req.t, 'photo', photoFailureCode[result.reason], { max: PHOTO_MAX_BYTES / 1024 })], 422);
    }
    reply.flash('success', req.t('directory.photo_saved'));
    return reply.redirect(target.base, 303);
  };

  const removePhoto = async (req: FastifyRequest, reply: FastifyReply, target: Target) => {
    const result = await setPhoto(app.db, req.actor, target.personId, null);
    if (!result.ok && result.reason === 'forbidden') throw new ProblemError(403, 'http.forbidden');
    if (!result.ok) throw notFound();
    reply.flash('success', req.t('directory.photo_removed'));
    return reply.redirect(target.base, 303);
  };

  app.get('/directory/me', async (req, reply) => editPage(req, reply, ownTarget(req)));
  app.post('/directory/me', async (req, reply) => save(req, reply, ownTarget(req)));
  app.post('/directory/me/photo', async (req, reply) => uploadPhoto(req, reply, ownTarget(req)));
  app.post('/directory/me/photo/delete', async (req, reply) => removePhoto(req, reply, ownTarget(req)));

  app.get('/admin/directory', async (req, reply) => {
    allow(req, can(req.actor, 'directory.manage'));
    return reply.header('cache-control', 'no-store').html(<DirectoryAdminPage view={await reply.view()} staff={await listStaff(app.db)} />);
  });
  app.get('/admin/directory/:personId', async (req, reply) => editPage(req, reply, adminTarget(req)));
  app.post('/admin/directory/:personId', async (req, reply) => save(req, reply, adminTarget(req)));
  app.post('/admin/directory/:personId/photo', async (req, reply) => uploadPhoto(req, reply, adminTarget(req)));
  app.post('/admin/directory/:personId/photo/delete', async (req, reply) => removePhoto(req, reply, adminTarget(req)));
}
