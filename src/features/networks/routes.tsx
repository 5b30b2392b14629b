import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorPersonId, isAdmin, unitScope } from '../../platform/actor.js';
import { fieldErrorsFromZod } from '../../platform/errors.js';
import { allow } from '../../platform/http/guard.js';
import { formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { refuse } from '../../platform/outcomes.js';
import { listUnits } from '../../kernel/units.js';
import { competitionNotice, createNetwork, listNetworks, setCompetitionNotice } from './networks.js';
import { can } from './policy.js';
import { networkInput, noticeInput } from './schema.js';
import { unreadByNetwork } from './my-section.js';
import { networkFilePages } from './file-routes.js';
import { networkMeetingPages } from './meeting-routes.js';
import { networkOnePages } from './network-routes.js';
import { networkMemberPages } from './member-routes.js';
import { networkThreadPages } from './thread-routes.js';
import { NetworkListPage, NewNetworkPage } from './pages/network-list.js';
import { NoticePage } from './pages/search-page.js';
import { back, formErrors, ownCompanies, text } from './pages/page-http.js';

/**
 * The networks' pages: the list and a new network, the notice admins set, a network's page with
 * joining, leaving and a new thread; members, threads, files and meetings have their own files.
 * Every form works without JavaScript; outsiders get "not found" for anything inside a network.
 */
export async function networkPages(app: FastifyInstance): Promise<void> {
  /** The units the reader's staff grant reaches, in the tree's order. */
  const staffUnits = async (req: FastifyRequest) => {
    const scope = unitScope(req.actor, 'staff');
    const reached = (await listUnits(app.db)).filter((u) => scope === 'all' || scope.has(u.id));
    const top = Math.min(...reached.map((u) => u.depth));
    return reached.map((u) => ({ id: u.id, name: `${'— '.repeat(u.depth - top)}${u.name}` }));
  };

  app.get('/networks', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    const q = text((req.query as Record<string, unknown> | undefined)?.q).slice(0, 200);
    const [networks, unread, companies] = await Promise.all([listNetworks(app.db, req.actor, { q }), unreadByNetwork(app.db, actorPersonId(req.actor)), ownCompanies(app.db, req.actor)]);
    reply.header('cache-control', 'no-store');
    return reply.html(<NetworkListPage view={await reply.view()} networks={networks} unread={unread} q={q} mayCreate={can(req.actor, 'network.create')} companies={companies} />);
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .html(<NewNetworkPage view={await reply.view()} form={form} units={await staffUnits(req)} />);

  app.get('/networks/new', async (req, reply) => {
    allow(req, can(req.actor, 'network.create'));
    const units = await staffUnits(req);
    return newForm(req, reply, emptyForm({ unitId: units.length === 1 ? units[0].id : '', kind: 'people', visibility: 'listed', joinPolicy: 'open' }));
  });

  app.post('/networks', async (req, reply) => {
    allow(req, can(req.actor, 'network.create'));
    const values = formValues(req.body);
    const input = {
      unitId: text(values.unitId).trim(),
      name: text(values.name),
      description: text(values.description),
      kind: text(values.kind),
      visibility: text(values.visibility),
      joinPolicy: text(values.joinPolicy),
    };
    const parsed = networkInput.safeParse(input);
    if (!parsed.success) return newForm(req, reply, { values, errors: fieldErrorsFromZod(parsed.error, req.t) }, 422);
    const result = await createNetwork(app.db, req.actor, parsed.data);
    if (!result.ok) {
      // A unit the reader's staff grant does not reach is refused, as an unknown one is told on its field.
      const { errors, status } = formErrors(req, result);
      return newForm(req, reply, { values, errors }, status);
    }
    return back(reply, `/networks/${result.network.id}`, 'success', req.t('networks.new.created', { network: result.network.name }));
  });

  // ——— the competition-law notice (admins) ———

  app.get('/networks/notice', async (req, reply) => {
    allow(req, isAdmin(req.actor));
    reply.header('cache-control', 'no-store');
    return reply.html(<NoticePage view={await reply.view()} form={emptyForm(await competitionNotice(app.db))} />);
  });

  app.post('/networks/notice', async (req, reply) => {
    allow(req, isAdmin(req.actor));
    const values = formValues(req.body);
    const parsed = noticeInput.safeParse({ da: text(values.da), sv: text(values.sv), en: text(values.en) });
    if (!parsed.success) return reply.status(422).html(<NoticePage view={await reply.view()} form={{ values, errors: fieldErrorsFromZod(parsed.error, req.t) }} />);
    const result = await setCompetitionNotice(app.db, req.actor, parsed.data);
    if (!result.ok) return refuse(req, result);
    return back(reply, '/networks/notice', 'success', req.t('networks.notice.saved'));
  });

  await app.register(networkOnePages);
  await app.register(networkMemberPages);
  await app.register(networkThreadPages);
  await app.register(networkFilePages);
  await app.register(networkMeetingPages);
}
