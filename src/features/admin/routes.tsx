import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole, isAdmin, accessRoles } from '../../platform/actor.js';
import { can } from './policy.js';
import { allow } from '../../platform/http/guard.js';
import { parseForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/html/view.js';
import { ProblemError } from '../../platform/errors.js';
import { auditEntityTypes, auditFilter, listAuditEvents } from './audit-queries.js';
import { getOutboxMail, listOutbox } from '../../platform/mail/queries.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../kernel/auth/api-tokens.js';
import { listUnits } from '../../kernel/units.js';
import { AdminIndexPage, AuditPage, OutboxMailPage, OutboxPage, TokensPage, type AdminCard } from './pages.js';

export const tokenForm = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(accessRoles),
  unitId: z
    .union([z.literal(''), z.uuid()])
    .optional()
    .transform((v) => v || null),
});

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin', async (req, reply) => {
    allow(req, can(req.actor, 'admin.view'));
    const t = req.t;
    const cards: AdminCard[] = [];
    // Admins are staff everywhere, so hasRole covers them too.
    if (hasRole(req.actor, 'staff')) cards.push({ href: '/members', title: t('members.title'), text: t('members.admin_card_text') });
    if (isAdmin(req.actor)) cards.push({ href: '/admin/membership-types', title: t('members.types_title'), text: t('members.types_card_text') });
    if (hasRole(req.actor, 'staff')) cards.push({ href: '/workplaces', title: t('workplaces.title'), text: t('workplaces.admin_card_text') }, { href: '/member-companies', title: t('companies.title'), text: t('companies.admin_card_text') });
    if (isAdmin(req.actor)) cards.push({ href: '/admin/directory', title: t('directory.manage'), text: t('directory.admin_card_text') });
    if (isAdmin(req.actor)) {
      cards.push(
        { href: '/admin/organisation', title: t('admin.organisation'), text: t('admin.organisation_text') },
        { href: '/admin/units', title: t('admin.units'), text: t('admin.units_text') },
        { href: '/admin/audit', title: t('admin.audit'), text: t('admin.audit_text') },
        { href: '/admin/tokens', title: t('admin.tokens'), text: t('admin.tokens_text') },
        { href: '/admin/mail', title: t('admin.mail'), text: t('admin.mail_text') },
      );
    }
    return reply.html(<AdminIndexPage view={await reply.view()} cards={cards} />);
  });

  app.get('/admin/audit', async (req, reply) => {
    allow(req, can(req.actor, 'audit.view'));
    const parsed = auditFilter.safeParse(req.query);
    const filter = parsed.success ? parsed.data : { page: 1 };
    const [data, entityTypes] = await Promise.all([listAuditEvents(app.db, filter), auditEntityTypes(app.db)]);
    const query = (page: number) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(filter)) if (v && k !== 'page') q.set(k, String(v));
      q.set('page', String(page));
      return `/admin/audit?${q.toString()}`;
    };
    return reply.html(<AuditPage view={await reply.view()} filter={filter} data={data} entityTypes={entityTypes} query={query} />);
  });

  app.get('/admin/mail', async (req, reply) => {
    allow(req, can(req.actor, 'mail.view'));
    const { page } = pageQuery.parse(req.query);
    return reply.html(<OutboxPage view={await reply.view()} data={await listOutbox(app.db, page)} page={page} smtp={Boolean(app.config.SMTP_URL)} />);
  });

  app.get('/admin/mail/:id', async (req, reply) => {
    allow(req, can(req.actor, 'mail.view'));
    const id = z.uuid().safeParse((req.params as { id: string }).id);
    const mail = id.success ? await getOutboxMail(app.db, id.data) : undefined;
    if (!mail) throw new ProblemError(404, 'http.not_found');
    return reply.header('cache-control', 'no-store').html(<OutboxMailPage view={await reply.view()} mail={mail} />);
  });

  app.get('/admin/tokens', async (req, reply) => {
    allow(req, can(req.actor, 'tokens.manage'));
    return reply.html(<TokensPage view={await reply.view()} tokens={await listApiTokens(app.db)} units={await listUnits(app.db)} form={emptyForm()} />);
  });

  app.post('/admin/tokens', async (req, reply) => {
    allow(req, can(req.actor, 'tokens.manage'));
    const form = parseForm(tokenForm, req.body, req.t);
    const units = await listUnits(app.db);
    if (!form.ok) return reply.status(422).html(<TokensPage view={await reply.view()} tokens={await listApiTokens(app.db)} units={units} form={form} />);
    if (form.data.unitId && !units.some((u) => u.id === form.data.unitId)) throw new ProblemError(422, 'unit.parent_not_found');
    const created = await createApiToken(app.db, req.actor, form.data);
    // The token is shown on this one response and never again: no redirect, no caching.
    return reply.header('cache-control', 'no-store').html(<TokensPage view={await reply.view()} tokens={await listApiTokens(app.db)} units={units} form={emptyForm()} created={created} />);
  });

  app.post('/admin/tokens/:id/revoke', async (req, reply) => {
    allow(req, can(req.actor, 'tokens.manage'));
    const id = z.uuid().safeParse((req.params as { id: string }).id);
    if (!id.success || !(await revokeApiToken(app.db, req.actor, id.data))) throw new ProblemError(404, 'http.not_found');
    reply.flash('success', req.t('tokens.revoked_done'));
    return reply.redirect('/admin/tokens', 303);
  });
}
