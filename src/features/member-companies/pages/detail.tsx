import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, EmptyState, ErrorSummary, PageHeader, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { countryLabel, type CompanyDetail, type Contact } from '../schema.js';
import { formatCompanyNumber } from './list.js';

export function Crumbs({ view, current }: { view: View; current?: { href: string; label: string } }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/member-companies" safe>
        {view.t('companies.title')}
      </a>
      {current ? (
        <>
          <span aria-hidden="true"> / </span>
          <a href={current.href} safe>
            {current.label}
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  );
}

function ContactsTable({ view, companyId, contacts, manage }: { view: View; companyId: string; contacts: Contact[]; manage: boolean }): JSX.Element {
  const { t } = view;
  return (
    <div class="table-wrap" role="region" aria-label={t('companies.contacts')} tabindex="0">
      <table class="table">
        <caption class="visually-hidden" safe>
          {t('companies.contacts')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>{t('fields.name')}</th>
            <th scope="col" safe>{t('fields.title')}</th>
            <th scope="col" safe>{t('fields.email')}</th>
            <th scope="col" safe>{t('fields.phone')}</th>
            {manage ? <th scope="col" safe>{t('form.actions')}</th> : ''}
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => (
            <tr>
              <th scope="row">
                <span safe>{`${c.firstName} ${c.lastName}`}</span>
                {c.isPrimary ? (
                  <>
                    {' '}
                    <Badge kind="info">
                      <span safe>{t('companies.primary')}</span>
                    </Badge>
                  </>
                ) : (
                  ''
                )}
              </th>
              <td safe>{c.title ?? ''}</td>
              <td>{c.email ? <a href={`mailto:${c.email}`} safe>{c.email}</a> : ''}</td>
              <td class="nowrap">{c.phone ? <a href={`tel:${c.phone.replace(/\s+/g, '')}`} safe>{c.phone}</a> : ''}</td>
              {manage ? (
                <td>
                  <form method="post" action={`/member-companies/${companyId}/contacts/${c.personId}/remove`}>
                    <Csrf view={view} />
                    <button type="submit" class="button button-link danger" aria-label={t('companies.remove_contact_named', { name: `${c.firstName} ${c.lastName}` })} safe>
                      {t('companies.remove_contact')}
                    </button>
                  </form>
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddContactForm({ view, companyId, form }: { view: View; companyId: string; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const checked = v.isPrimary === 'on' || v.isPrimary === true;
  return (
    <section class="card" aria-labelledby="add-contact-title">
      <h2 id="add-contact-title" safe>
        {t('companies.add_contact')}
      </h2>
      <ErrorSummary view={view} errors={form.errors} prefix="contact" />
      <form method="post" action={`/member-companies/${companyId}/contacts`} novalidate>
        <Csrf view={view} />
        <TextField name="email" type="email" prefix="contact" label={t('fields.email')} hint={t('companies.contact_email_hint')} value={v.email} errors={form.errors} required autocomplete="off" />
        <TextField name="title" prefix="contact" label={t('fields.title')} value={v.title} errors={form.errors} maxlength={120} />
        <div class="field checkbox-field">
          <input id="contact-isPrimary" type="checkbox" name="isPrimary" checked={checked} />
          <label for="contact-isPrimary" safe>
            {t('companies.make_primary')}
          </label>
        </div>
        <button type="submit" class="button" safe>
          {t('companies.add_contact_submit')}
        </button>
      </form>
    </section>
  );
}

export function CompanyDetailPage({ view, company, manage, contactForm }: { view: View; company: CompanyDetail; manage: boolean; contactForm: FormState }): JSX.Element {
  const { t } = view;
  const address = [company.addressLine, [company.postalCode, company.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <Layout view={view} title={company.name}>
      <Crumbs view={view} />
      <PageHeader title={company.name} lead={t(countryLabel[company.country])}>
        {manage ? (
          <a href={`/member-companies/${company.id}/edit`} class="button button-secondary" safe>
            {t('companies.edit')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <div class="grid grid-sidebar align-start">
        <div>
          <section aria-labelledby="contacts-title">
            <h2 id="contacts-title" safe>
              {t('companies.contacts')}
            </h2>
            {company.contacts.length === 0 ? <EmptyState title={t('companies.no_contacts')} /> : <ContactsTable view={view} companyId={company.id} contacts={company.contacts} manage={manage} />}
          </section>
          <section aria-labelledby="workplaces-title">
            <h2 id="workplaces-title" safe>
              {t('companies.workplaces')}
            </h2>
            {company.workplaces.length === 0 ? (
              <p class="muted" safe>
                {t('companies.no_workplaces')}
              </p>
            ) : (
              <ul class="plain-list">
                {company.workplaces.map((w) => (
                  <li>
                    <a href={`/workplaces/${w.id}`} safe>
                      {w.name}
                    </a>
                    {w.city ? <span class="muted" safe>{` · ${w.city}`}</span> : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div>
          <section class="card" aria-labelledby="company-facts">
            <h2 id="company-facts" safe>
              {t('companies.facts')}
            </h2>
            <dl class="facts">
              <dt safe>{company.country === 'SE' ? t('fields.orgNumber') : t('fields.cvr')}</dt>
              <dd class="mono" safe>{formatCompanyNumber(company)}</dd>
              <dt safe>{t('fields.unitId')}</dt>
              <dd safe>{company.unitName ?? '–'}</dd>
              <dt safe>{t('fields.address')}</dt>
              <dd safe>{address || '–'}</dd>
              <dt safe>{t('fields.email')}</dt>
              <dd>{company.email ? <a href={`mailto:${company.email}`} safe>{company.email}</a> : '–'}</dd>
              <dt safe>{t('fields.phone')}</dt>
              <dd>{company.phone ? <a href={`tel:${company.phone.replace(/\s+/g, '')}`} safe>{company.phone}</a> : '–'}</dd>
            </dl>
          </section>
          {manage ? <AddContactForm view={view} companyId={company.id} form={contactForm} /> : ''}
        </div>
      </div>
    </Layout>
  );
}
