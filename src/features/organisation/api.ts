import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { ProblemError } from '../../platform/errors.js';
import { can } from './policy.js';
import { getOrganisation, type Organisation, updateOrganisation } from '../../kernel/organisation.js';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit, type UnitFailure } from '../../kernel/units.js';
import { idParams, organisationOutput, organisationPatch, unitInput, unitOutput, unitPatch } from '../../kernel/schema.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { roleApi } from './roles-api.js';
import { problemFor, type ReasonTable } from '../../platform/outcomes.js';
import { localeTextsJson } from '../../platform/i18n/locale-texts.js';

function organisationJson(o: Organisation, baseUrl: string) {
  return {
    name: o.name,
    shortName: o.shortName,
    aboutText: o.aboutText,
    aboutTranslations: localeTextsJson(o.aboutTranslations),
    email: o.email,
    phone: o.phone,
    address: o.address,
    website: o.website,
    defaultLocale: o.defaultLocale as 'da' | 'sv' | 'en',
    brandColour: o.brandColour,
    currency: o.currency as 'DKK' | 'SEK' | 'EUR' | 'NOK',
    logoUrl: o.hasLogo ? `${baseUrl}/logo` : null,
    privacyNotice: localeTextsJson(o.privacyNotice),
    requireTwoFactorForStaff: o.requireTwoFactorForStaff,
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** The units' own reasons: a clash with the tree as it is (409) or a mistake in the request (422), naming the field. */
const unitAnswers = {
  has_children: { status: 409, code: 'unit.has_children' },
  in_use: { status: 409, code: 'unit.in_use' },
  national_exists: { status: 409, code: 'unit.national_exists' },
  parent_not_found: { status: 422, code: 'unit.parent_not_found' },
  national_has_parent: { status: 422, code: 'unit.national_has_parent' },
  wrong_parent_kind: { status: 422, code: 'unit.wrong_parent_kind' },
  cycle: { status: 422, code: 'unit.cycle' },
} satisfies ReasonTable<Exclude<UnitFailure['reason'], 'not_found'>>;

export function unitProblem(req: FastifyRequest, failure: UnitFailure): ProblemError {
  return problemFor(req, failure, unitAnswers);
}

export async function organisationApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Organisation'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  // Who holds which role in the units: part of setting up the organisation.
  await app.register(roleApi);

  r.get('/api/v1/organisation', { schema: { tags, summary: 'The organisation', security: [], response: { 200: organisationOutput } } }, async (req) => {
    allow(req, can(req.actor, 'organisation.view'));
    return organisationJson(await getOrganisation(app.db), app.config.publicUrl);
  });

  r.patch(
    '/api/v1/organisation',
    { schema: { tags, summary: 'Change organisation settings (admin)', body: organisationPatch, response: { 200: organisationOutput, ...errors } } },
    async (req) => {
      allow(req, can(req.actor, 'organisation.edit'));
      return organisationJson(await updateOrganisation(app.db, req.actor, req.body), app.config.publicUrl);
    },
  );

  r.get('/api/v1/units', { schema: { tags, summary: 'All units, depth-first', security: [], response: { 200: z.object({ items: z.array(unitOutput) }) } } }, async (req) => {
    allow(req, can(req.actor, 'units.view'));
    return { items: await listUnits(app.db) };
  });

  r.get('/api/v1/units/:id', { schema: { tags, summary: 'One unit', security: [], params: idParams, response: { 200: unitOutput, 404: problemSchema } } }, async (req) => {
    allow(req, can(req.actor, 'units.view'));
    const unit = await getUnit(app.db, req.params.id);
    if (!unit) throw new ProblemError(404, 'http.not_found');
    return unit;
  });

  r.post('/api/v1/units', { schema: { tags, summary: 'Create a unit (admin)', body: unitInput, response: { 201: unitOutput, ...errors } } }, async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    const result = await createUnit(app.db, req.actor, req.body);
    if (!result.ok) throw unitProblem(req, result);
    return reply.status(201).send(result.unit);
  });

  r.patch('/api/v1/units/:id', { schema: { tags, summary: 'Change a unit (admin)', params: idParams, body: unitPatch, response: { 200: unitOutput, ...errors } } }, async (req) => {
    allow(req, can(req.actor, 'units.edit'));
    const result = await updateUnit(app.db, req.actor, req.params.id, req.body);
    if (!result.ok) throw unitProblem(req, result);
    return result.unit;
  });

  r.delete('/api/v1/units/:id', { schema: { tags, summary: 'Delete a unit without sub-units or people (admin)', params: idParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    allow(req, can(req.actor, 'units.edit'));
    const result = await deleteUnit(app.db, req.actor, req.params.id);
    if (!result.ok) throw unitProblem(req, result);
    return reply.status(204).send(null);
  });
}
