import type { FastifyInstance, FastifyReply } from 'fastify';
import { fieldError, ProblemError } from '../../platform/errors.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { formValues } from '../../platform/http/forms.js';
import { parseLocaleForm } from '../../platform/http/locale-forms.js';
import { allow } from '../../platform/http/guard.js';
import { createMembershipType, listMembershipTypes, membershipTypeUsage, updateMembershipType, type MembershipTypeResult } from './membership-types.js';
import { can } from './policy.js';
import { idParams, membershipTypeInput, membershipTypeUpdate } from './schema.js';
import { MembershipTypesPage, type TypesFormState } from './pages/types.js';

/** Each reason a membership type is refused, as its code (and message key) on the form. */
const typeFailureCode = {
  code_taken: 'membership_type.code_taken',
  not_found: 'membership_type.not_found',
} as const satisfies LabelTable<Extract<MembershipTypeResult, { ok: false }>['reason']>;

/** The name in other languages: one field per language (`nameTranslations_sv`); a language without a field is left as it is. */
const perLanguage = ['nameTranslations'] as const;

/** The editable list of membership types (ordinary, student, retired …): admins only. */
export async function membershipTypePages(app: FastifyInstance): Promise<void> {
  const page = async (reply: FastifyReply, failed: TypesFormState = null) => {
    const [types, usage] = await Promise.all([listMembershipTypes(app.db), membershipTypeUsage(app.db)]);
    return reply.status(failed ? 422 : 200).html(<MembershipTypesPage view={await reply.view()} types={types} usage={usage} failed={failed} />);
  };

  app.get('/admin/membership-types', async (req, reply) => {
    allow(req, can(req.actor, 'membership_types.manage'));
    return page(reply);
  });

  app.post('/admin/membership-types', async (req, reply) => {
    allow(req, can(req.actor, 'membership_types.manage'));
    const values = formValues(req.body);
    const form = parseLocaleForm(membershipTypeInput, values, req.t, perLanguage);
    if (!form.ok) return page(reply, { target: 'new', form });
    const result = await createMembershipType(app.db, req.actor, form.data);
    if (!result.ok) return page(reply, { target: 'new', form: { values, errors: [fieldError(req.t, result.field, typeFailureCode[result.reason])] } });
    reply.flash('success', req.t('members.types_created', { name: result.type.name }));
    return reply.redirect('/admin/membership-types', 303);
  });

  app.post('/admin/membership-types/:id', async (req, reply) => {
    allow(req, can(req.actor, 'membership_types.manage'));
    const params = idParams.safeParse(req.params);
    if (!params.success) throw new ProblemError(404, 'http.not_found');
    const form = parseLocaleForm(membershipTypeUpdate, formValues(req.body), req.t, perLanguage);
    // An unticked box sends nothing: the re-rendered form must show it unticked, not the stored value.
    if (!form.ok) return page(reply, { target: params.data.id, form: { ...form, values: { ...form.values, active: form.values.active !== undefined } } });
    const result = await updateMembershipType(app.db, req.actor, params.data.id, form.data);
    if (!result.ok) throw new ProblemError(404, 'http.not_found');
    reply.flash('success', req.t('members.types_saved', { name: result.type.name }));
    return reply.redirect('/admin/membership-types', 303);
  });
}
