import { Layout } from '../../platform/html/layout.js';
import { Badge, Csrf, EmptyState, ErrorSummary, PageHeader, Pagination, SelectField, TextField } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import { formatDateTime, formatNumber } from '../../platform/i18n/format.js';
import { accessRoleLabel, accessRoles } from '../../platform/actor.js';
import { auditActionLabel, auditActorKindLabel, type AuditAction } from '../../platform/audit/audit.js';
import { labelName } from '../../platform/i18n/labels.js';
import { fieldName } from '../../platform/errors.js';
import { mailStatusLabel } from '../../platform/mail/tables.js';
import { auditEntityLabel } from './audit-labels.js';
import type { Unit } from '../../kernel/units.js';
import type { AuditFilter } from './audit-queries.js';
import { AUDIT_PAGE_SIZE, type listAuditEvents } from './audit-queries.js';
import { OUTBOX_PAGE_SIZE, type listOutbox, type getOutboxMail } from '../../platform/mail/queries.js';
import type { listApiTokens, CreatedToken } from '../../kernel/auth/api-tokens.js';
import { CreatedTokenNotice, RevokeTokenForm } from '../../kernel/auth/pages.js';

function Crumbs({ view }: { view: View }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/admin" safe>
        {view.t('nav.admin')}
      </a>
    </nav>
  );
}

export interface AdminCard {
  href: string;
  title: string;
  text: string;
}

export function AdminIndexPage({ view, cards }: { view: View; cards: AdminCard[] }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('nav.admin')}>
      <PageHeader title={t('nav.admin')} lead={t('admin.lead')} />
      {cards.length === 0 ? (
        <EmptyState title={t('admin.nothing_title')} text={t('admin.nothing_text')} />
      ) : (
        <ul class="tiles">
          {cards.map((c) => (
            <li class="tile">
              <a href={c.href}>
                <span class="tile-title" safe>
                  {c.title}
                </span>
                <span class="tile-text" safe>
                  {c.text}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

type AuditPageData = Awaited<ReturnType<typeof listAuditEvents>>;

export function AuditPage({ view, filter, data, entityTypes, query }: { view: View; filter: AuditFilter; data: AuditPageData; entityTypes: string[]; query: (page: number) => string }): JSX.Element {
  const { t, locale } = view;
  const actions: AuditAction[] = ['create', 'update', 'delete', 'view', 'login', 'login_failed', 'logout', 'export'];
  return (
    <Layout view={view} title={t('admin.audit')}>
      <Crumbs view={view} />
      <PageHeader title={t('admin.audit')} lead={t('admin.audit_text')} />
      <form method="get" action="/admin/audit" class="filters card" role="search" aria-label={t('audit.filter')}>
        <SelectField name="action" label={t('audit.action')} value={filter.action} emptyLabel={t('audit.any')} options={actions.map((a) => ({ value: a, label: t(auditActionLabel[a]) }))} />
        <SelectField name="entityType" label={t('audit.entity_type')} value={filter.entityType} emptyLabel={t('audit.any')} options={entityTypes.map((e) => ({ value: e, label: labelName(t, auditEntityLabel, e) }))} />
        <TextField name="actor" label={t('audit.actor')} value={filter.actor} />
        <TextField name="entityId" label={t('audit.entity_id')} value={filter.entityId} />
        <TextField name="from" type="date" label={t('audit.from')} value={filter.from} />
        <TextField name="to" type="date" label={t('audit.to')} value={filter.to} />
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('form.filter')}
          </button>
          <a href="/admin/audit" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <p class="result-count" role="status" safe>
        {t('audit.count', { count: data.total, formatted: formatNumber(locale, data.total) })}
      </p>
      {data.items.length === 0 ? (
        <EmptyState title={t('audit.empty')} />
      ) : (
        // Focusable so keyboard users can scroll the wide table sideways: it has no links to tab to.
        <div class="table-wrap" role="region" aria-label={t('admin.audit')} tabindex="0">
          <table class="table">
            <caption class="visually-hidden" safe>
              {t('admin.audit')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('audit.when')}</th>
                <th scope="col" safe>{t('audit.actor')}</th>
                <th scope="col" safe>{t('audit.action')}</th>
                <th scope="col" safe>{t('audit.entity_type')}</th>
                <th scope="col" safe>{t('audit.entity_id')}</th>
                <th scope="col" safe>{t('audit.fields')}</th>
                <th scope="col" safe>{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr>
                  <td class="nowrap" safe>{formatDateTime(locale, e.at)}</td>
                  <td safe>{e.actorName ?? (e.actorKind === 'token' ? `${t('audit.token')} ${e.actorTokenId?.slice(0, 8) ?? ''}` : labelName(t, auditActorKindLabel, e.actorKind))}</td>
                  <td>
                    <Badge kind={e.action === 'delete' ? 'danger' : e.action === 'view' ? 'neutral' : 'info'}>
                      <span safe>{labelName(t, auditActionLabel, e.action)}</span>
                    </Badge>
                  </td>
                  <td safe>{labelName(t, auditEntityLabel, e.entityType)}</td>
                  <td class="mono" safe>{e.entityId ?? ''}</td>
                  <td safe>{(e.fields ?? []).map((f) => fieldName(t, f)).join(', ')}</td>
                  <td class="mono" safe>{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination view={view} page={filter.page} pageCount={Math.ceil(data.total / AUDIT_PAGE_SIZE)} hrefFor={query} />
    </Layout>
  );
}

type OutboxData = Awaited<ReturnType<typeof listOutbox>>;

const statusKind = { pending: 'warning', sending: 'warning', sent: 'success', failed: 'danger', captured: 'info' } as const;

export function OutboxPage({ view, data, page, smtp }: { view: View; data: OutboxData; page: number; smtp: boolean }): JSX.Element {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t('admin.mail')}>
      <Crumbs view={view} />
      <PageHeader title={t('admin.mail')} lead={smtp ? t('mail.lead_smtp') : t('mail.lead_captured')} />
      {data.items.length === 0 ? (
        <EmptyState title={t('mail.empty')} />
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden" safe>{t('admin.mail')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('mail.created')}</th>
                <th scope="col" safe>{t('mail.to')}</th>
                <th scope="col" safe>{t('mail.subject')}</th>
                <th scope="col" safe>{t('mail.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr>
                  <td class="nowrap" safe>{formatDateTime(locale, m.createdAt)}</td>
                  <td safe>{m.toAddress}</td>
                  <td>
                    <a href={`/admin/mail/${m.id}`} safe>
                      {m.subject}
                    </a>
                  </td>
                  <td>
                    <Badge kind={statusKind[m.status]}>
                      <span safe>{t(mailStatusLabel[m.status])}</span>
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination view={view} page={page} pageCount={Math.ceil(data.total / OUTBOX_PAGE_SIZE)} hrefFor={(p) => `/admin/mail?page=${p}`} />
    </Layout>
  );
}

export function OutboxMailPage({ view, mail }: { view: View; mail: NonNullable<Awaited<ReturnType<typeof getOutboxMail>>> }): JSX.Element {
  const { t, locale } = view;
  return (
    <Layout view={view} title={mail.subject}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/admin" safe>{t('nav.admin')}</a>
        <span aria-hidden="true"> / </span>
        <a href="/admin/mail" safe>{t('admin.mail')}</a>
      </nav>
      <PageHeader title={mail.subject} />
      <dl class="facts card">
        <dt safe>{t('mail.to')}</dt>
        <dd safe>{mail.toAddress}</dd>
        <dt safe>{t('mail.created')}</dt>
        <dd safe>{formatDateTime(locale, mail.createdAt)}</dd>
        <dt safe>{t('mail.status')}</dt>
        <dd safe>{t(mailStatusLabel[mail.status])}</dd>
        {mail.lastError ? (
          <>
            <dt safe>{t('mail.error')}</dt>
            <dd safe>{mail.lastError}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <h2 safe>{t('mail.text_part')}</h2>
      <pre class="mail-body" tabindex="0" safe>
        {mail.textBody}
      </pre>
    </Layout>
  );
}

type TokenRows = Awaited<ReturnType<typeof listApiTokens>>;

export function TokensPage({ view, tokens, units, form, created }: { view: View; tokens: TokenRows; units: Unit[]; form: FormState; created?: CreatedToken }): JSX.Element {
  const { t, locale } = view;
  const unitName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? id) : t('start.whole_organisation'));
  return (
    <Layout view={view} title={t('admin.tokens')}>
      <Crumbs view={view} />
      <PageHeader title={t('admin.tokens')} lead={t('admin.tokens_text')} />
      {created ? (
        <CreatedTokenNotice message={t('tokens.created_once', { name: created.name })} token={created.token} />
      ) : (
        ''
      )}
      <div class="grid grid-sidebar">
        <section>
          {tokens.length === 0 ? (
            <EmptyState title={t('tokens.empty')} />
          ) : (
            <div class="table-wrap">
              <table class="table">
                <caption class="visually-hidden" safe>{t('admin.tokens')}</caption>
                <thead>
                  <tr>
                    <th scope="col" safe>{t('fields.name')}</th>
                    <th scope="col" safe>{t('fields.role')}</th>
                    <th scope="col" safe>{t('fields.unitId')}</th>
                    <th scope="col" safe>{t('tokens.last_used')}</th>
                    <th scope="col"><span class="visually-hidden" safe>{t('form.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((tok) => (
                    <tr>
                      <td safe>{tok.name}</td>
                      <td safe>{tok.role ? t(accessRoleLabel[tok.role]) : t('tokens.personal', { name: tok.personName ?? '' })}</td>
                      <td safe>{unitName(tok.unitId)}</td>
                      <td safe>{tok.lastUsedAt ? formatDateTime(locale, tok.lastUsedAt) : '—'}</td>
                      <td>
                        {tok.revokedAt ? (
                          <Badge kind="neutral">
                            <span safe>{t('tokens.revoked')}</span>
                          </Badge>
                        ) : (
                          <RevokeTokenForm view={view} action={`/admin/tokens/${tok.id}/revoke`} name={tok.name} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section class="card" aria-labelledby="new-token">
          <h2 id="new-token" safe>{t('tokens.new')}</h2>
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action="/admin/tokens" novalidate>
            <Csrf view={view} />
            <TextField name="name" label={t('fields.name')} value={form.values.name} errors={form.errors} required maxlength={100} />
            <SelectField name="role" label={t('fields.role')} value={form.values.role ?? 'staff'} errors={form.errors} options={accessRoles.map((r) => ({ value: r, label: t(accessRoleLabel[r]) }))} />
            <SelectField name="unitId" label={t('fields.unitId')} value={form.values.unitId} errors={form.errors} emptyLabel={t('start.whole_organisation')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
            <button type="submit" class="button" safe>{t('tokens.create')}</button>
          </form>
        </section>
      </div>
    </Layout>
  );
}
