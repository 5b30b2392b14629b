import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { system } from '../../platform/actor.js';
import { fieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { refuse, type Refusal } from '../../platform/outcomes.js';
import { listStaff } from '../directory/index.js';
import { findActiveMember } from '../members/index.js';
import { memberCompanyOptions } from '../member-companies/index.js';
import { addNetworkMember, decideRequest, listNetworkMembers, removeNetworkMember, type MemberInput } from './membership.js';
import { can, organises } from './policy.js';
import { MembersPage } from './pages/members-page.js';
import { back, failureText, formErrors, idOf, text } from './pages/page-http.js';

const uuid = z.uuid();

/**
 * Who is in a network, and the coordinators' work on it: approve or decline requests (a reason is
 * required to decline), add or invite a member (found by member number or e-mail) or a member
 * company, attach staff as coordinators or experts (staff of the unit), remove someone (never the
 * last coordinator: the use case refuses and the page says so).
 */
export async function networkMemberPages(app: FastifyInstance): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, forms: { addForm?: FormState; staffForm?: FormState } = {}, status = 200) => {
    const found = await listNetworkMembers(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    const n = found.network;
    const coordinating = can(req.actor, 'network.coordinate', n);
    const organising = organises(req.actor, n);
    const [companyOptions, staff] = await Promise.all([
      coordinating && n.kind === 'companies' ? memberCompanyOptions(app.db, req.actor) : Promise.resolve([]),
      organising ? listStaff(app.db) : Promise.resolve([]),
    ]);
    const inNetwork = new Set(found.members.flatMap((m) => (m.memberCompanyId ? [m.memberCompanyId] : m.personId ? [m.personId] : [])));
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(
      <MembersPage
        view={await reply.view()}
        network={n}
        members={found.members}
        coordinating={coordinating}
        organising={organising}
        companyOptions={companyOptions.filter((c) => !inNetwork.has(c.id))}
        staffOptions={staff.map((s) => ({ id: s.personId, name: `${s.firstName} ${s.lastName}` }))}
        addForm={forms.addForm ?? emptyForm()}
        staffForm={forms.staffForm ?? emptyForm()}
      />,
    );
  };

  app.get('/networks/:id/members', async (req, reply) => page(req, reply, idOf(req)));

  /** One form adds a member or company (coordinators), the other attaches staff with a role (organisers): told apart by `staffId`. */
  app.post('/networks/:id/members', async (req, reply) => {
    const id = idOf(req);
    const values = formValues(req.body);
    const staffForm = 'staffId' in values;
    // Whoever may not add is refused before anything typed is looked at (an outsider: not found).
    const members = await listNetworkMembers(app.db, req.actor, id);
    if (!members.ok) return refuse(req, members);
    if (!can(req.actor, 'network.coordinate', members.network) || (staffForm && !organises(req.actor, members.network))) return refuse(req, 'forbidden');
    const fail = (path: string, code: string, status = 422) =>
      page(req, reply, id, staffForm ? { staffForm: { values, errors: [fieldError(req.t, path, code)] } } : { addForm: { values, errors: [fieldError(req.t, path, code)] } }, status);
    let input: MemberInput;
    if (staffForm) {
      const staffId = text(values.staffId).trim();
      const role = text(values.role);
      if (!uuid.safeParse(staffId).success) return fail('staffId', 'validation.required');
      if (role !== 'expert' && role !== 'coordinator') return fail('role', 'validation.invalid_choice');
      input = { memberId: staffId, role };
    } else if ('memberCompanyId' in values) {
      const companyId = text(values.memberCompanyId).trim();
      if (!uuid.safeParse(companyId).success) return fail('memberCompanyId', 'validation.required');
      input = { memberCompanyId: companyId, invite: values.invite === 'on' };
    } else {
      const query = text(values.member).trim();
      if (!query) return fail('member', 'validation.required');
      // A member who coordinates has no member register to search: they name a colleague exactly
      // (number or e-mail), so the look-up is the organisation's, and nothing can be browsed.
      const found = await findActiveMember(app.db, organises(req.actor, members.network) ? req.actor : system, query);
      if (!found) return fail('member', 'networks.members.member_unknown');
      input = { memberId: found.personId, invite: values.invite === 'on' };
    }
    const result = await addNetworkMember(app.db, req.actor, id, input);
    if (!result.ok) {
      const field = staffForm ? (p: string) => (p === 'memberId' ? 'staffId' : p) : (p: string) => (p === 'memberId' ? 'member' : p);
      const { errors, status } = formErrors(req, result, field);
      return page(req, reply, id, staffForm ? { staffForm: { values, errors } } : { addForm: { values, errors } }, status);
    }
    return back(reply, `/networks/${id}/members`, 'success', result.member.status === 'invited' ? req.t('networks.members.invited') : req.t('networks.members.added'));
  });

  app.post('/networks/:id/members/:memberRowId/decision', async (req, reply) => {
    const id = idOf(req);
    const rowId = idOf(req, 'memberRowId');
    const values = formValues(req.body);
    const approve = text(values.approve) === 'true';
    const result = await decideRequest(app.db, req.actor, id, rowId, { approve, reason: text(values.reason).slice(0, 1000) });
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result as Refusal);
      return back(reply, `/networks/${id}/members#requests`, 'error', failureText(req, result));
    }
    return back(reply, `/networks/${id}/members`, 'success', approve ? req.t('networks.members.approved') : req.t('networks.members.declined'));
  });

  app.post('/networks/:id/members/:memberRowId/remove', async (req, reply) => {
    const id = idOf(req);
    const result = await removeNetworkMember(app.db, req.actor, id, idOf(req, 'memberRowId'));
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result as Refusal);
      return back(reply, `/networks/${id}/members`, 'error', failureText(req, result));
    }
    return back(reply, `/networks/${id}/members`, 'success', req.t('networks.members.removed'));
  });
}
