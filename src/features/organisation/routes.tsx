import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { formValues, parseForm, readMultipart, type FormResult } from '../../platform/http/forms.js';
import { parseLocaleForm } from '../../platform/http/locale-forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError, ProblemError } from '../../platform/errors.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { can } from './policy.js';
import { getOrganisation, LOGO_MAX_BYTES, setLogo, updateOrganisation, type LogoResult } from '../../kernel/organisation.js';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit, type UnitFailure } from '../../kernel/units.js';
import { idParams, organisationInput, unitInput, type OrganisationInput } from '../../kernel/schema.js';
import { OrganisationPage, UnitFormPage, UnitsPage } from './pages.js';

/** Each reason a unit cannot be placed or deleted, as its code (and message key); the API answers the same codes. */
const unitFailureCode = {
  parent_not_found: 'unit.parent_not_found',
  national_exists: 'unit.national_exists',
  national_has_parent: 'unit.national_has_parent',
  wrong_parent_kind: 'unit.wrong_parent_kind',
  cycle: 'unit.cycle',
  has_children: 'unit.has_children',
  in_use: 'unit.in_use',
  not_found: 'unit.not_found',
} as const satisfies LabelTable<UnitFailure['reason']>;

/** Each reason a logo is refused, as its code (and message key). */
const logoFailureCode = {
  too_large: 'organisation.logo_too_large',
  wrong_type: 'organisation.logo_wrong_type',
  empty: 'organisation.logo_empty',
} as const satisfies LabelTable<Extract<LogoResult, { ok: false }>['reason']>;

/** The settings form's texts per language, one field each (`privacyNotice_sv`, `aboutTranslations_sv`). */
const perLanguage = ['privacyNotice', 'aboutTranslations'] as const;

/**
 * The settings form's flat fields as the API's organisation: one textarea per language of the privacy
 * notice (`privacyNotice_sv`) and of "about us" in the other languages (`aboutTranslations_sv`), and a
 * checkbox that sends nothing when it is off. A field error on `privacyNotice.sv` is shown at its
 * textarea, named "Privacy notice in Swedish".
 */
function parseOrganisationForm(req: FastifyRequest): FormResult<OrganisationInput> {
  const values = formValues(req.body);
  const twoFactor = values.requireTwoFactorForStaff;
  const input = { ...values, requireTwoFactorForStaff: twoFactor === undefined ? false : twoFactor === 'on' ? true : twoFactor };
  return parseLocaleForm(organisationInput, values, req.t, perLanguage, input);
}

function failureForm(req: FastifyRequest, values: Record<string, unknown>, failure: UnitFailure): FormState {
  return { values, errors: [fieldError(req.t, failure.field === 'id' ? 'name' : failure.field, unitFailureCode[failure.reason])] };
}

export async function organisationPages(app: FastifyInstance): Promise<void> {

  const orgPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), logoErrors: FormState['errors'] = [], status = 200) =>
    reply.status(status).html(<OrganisationPage view={await reply.view()} org={await getOrganisation(app.db)} form={form} logoErrors={logoErrors} />);

  app.get('/admin/organisation', async (req, reply) => {
    allow(req, can(req.actor, 'organisation.edit'));
    return orgPage(req, reply);
  });

  app.post('/admin/organisation', async (req, reply) => {
    allow(req, can(req.actor, 'organisation.edit'));
    const form = parseOrganisationForm(req);
    if (!form.ok) return orgPage(req, reply, form, [], 422);
    await updateOrganisation(app.db, req.actor, form.data);
    reply.flash('success', req.t('form.saved'));
    return reply.redirect('/admin/organisation', 303);
  });

  app.post('/admin/organisation/logo', async (req, reply) => {
    allow(req, can(req.actor, 'organisation.edit'));
    const file = readMultipart(req.body).files.logo;
    const bytes = file && typeof file.toBuffer === 'function' ? await file.toBuffer() : Buffer.alloc(0);
    const result = await setLogo(app.db, req.actor, { bytes, mime: file?.mimetype ?? '' });
    if (!result.ok) {
      return orgPage(req, reply, emptyForm(), [fieldError(req.t, 'logo', logoFailureCode[result.reason], { max: LOGO_MAX_BYTES / 1024 })], 422);
    }
    reply.flash('success', req.t('organisation.logo_saved'));
    return reply.redirect('/admin/organisation', 303);
  });

  app.post('/admin/organisation/logo/delete', async (req, reply) => {
    allow(req, can(req.actor, 'organisation.edit'));
    await setLogo(app.db, req.actor, null);
    reply.flash('success', req.t('organisation.logo_removed'));
    return reply.redirect('/admin/organisation', 303);
  });

  app.get('/admin/units', async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    return reply.html(<UnitsPage view={await reply.view()} units={await listUnits(app.db)} />);
  });

  app.get('/admin/units/new', async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    return reply.html(<UnitFormPage view={await reply.view()} units={await listUnits(app.db)} form={emptyForm()} />);
  });

  app.post('/admin/units', async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    const units = await listUnits(app.db);
    const form = parseForm(unitInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<UnitFormPage view={await reply.view()} units={units} form={form} />);
    const result = await createUnit(app.db, req.actor, form.data);
    if (!result.ok) return reply.status(422).html(<UnitFormPage view={await reply.view()} units={units} form={failureForm(req, form.data as Record<string, unknown>, result)} />);
    reply.flash('success', req.t('units.created', { name: result.unit.name }));
    return reply.redirect('/admin/units', 303);
  });

  app.get('/admin/units/:id', async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    const params = idParams.safeParse(req.params);
    const unit = params.success ? await getUnit(app.db, params.data.id) : undefined;
    if (!unit) throw new ProblemError(404, 'http.not_found');
    return reply.html(<UnitFormPage view={await reply.view()} units={await listUnits(app.db)} unit={unit} form={emptyForm()} />);
  });

  app.post('/admin/units/:id', async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    const params = idParams.safeParse(req.params);
    const units = await listUnits(app.db);
    const unit = params.success ? units.find((u) => u.id === params.data.id) : undefined;
    if (!unit) throw new ProblemError(404, 'http.not_found');
    const form = parseForm(unitInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<UnitFormPage view={await reply.view()} units={units} unit={unit} form={form} />);
    const result = await updateUnit(app.db, req.actor, unit.id, form.data);
    if (!result.ok) return reply.status(422).html(<UnitFormPage view={await reply.view()} units={units} unit={unit} form={failureForm(req, form.data as Record<string, unknown>, result)} />);
    reply.flash('success', req.t('form.saved'));
    return reply.redirect('/admin/units', 303);
  });

  app.post('/admin/units/:id/delete', async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    const params = idParams.safeParse(req.params);
    if (!params.success) throw new ProblemError(404, 'http.not_found');
    const result = await deleteUnit(app.db, req.actor, params.data.id);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new ProblemError(404, 'http.not_found');
      reply.flash('error', req.t(unitFailureCode[result.reason], { field: req.t('fields.name') }));
      return reply.redirect(`/admin/units/${params.data.id}`, 303);
    }
    reply.flash('success', req.t('units.deleted'));
    return reply.redirect('/admin/units', 303);
  });
}
