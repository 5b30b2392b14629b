import { Layout } from '../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import { locales } from '../../platform/i18n/i18n.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { CheckboxField, GroupedSelectField } from './fields.js';
import type { ConfirmationCheck } from './join.js';
import type { JoinOptions } from './join-options.js';
import { CONFIRMATION_HOURS } from './mails.js';

export const languageNames = { da: 'Dansk', sv: 'Svenska', en: 'English' } as const;

export function JoinPage({ view, options, form }: { view: View; options: JoinOptions; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  return (
    <Layout view={view} title={t('join.title')}>
      <PageHeader title={t('join.title')} lead={t('join.lead', { organisation: view.org.name })} />
      <section class="card join-card">
        <ErrorSummary view={view} errors={e} />
        <form method="post" action="/join" novalidate class="join-form">
          <Csrf view={view} />
          <fieldset>
            <legend safe>{t('join.about_you')}</legend>
            <div class="grid compact field-pair">
              <TextField name="firstName" label={t('fields.firstName')} value={v.firstName} errors={e} required maxlength={100} autocomplete="given-name" />
              <TextField name="lastName" label={t('fields.lastName')} value={v.lastName} errors={e} required maxlength={100} autocomplete="family-name" />
            </div>
            <div class="grid compact field-pair">
              <TextField name="email" type="email" label={t('fields.email')} value={v.email} errors={e} required maxlength={254} autocomplete="email" hint={t('join.email_hint')} />
              <TextField name="phone" type="tel" label={t('fields.phone')} value={v.phone} errors={e} maxlength={40} autocomplete="tel" />
            </div>
            <TextField name="dateOfBirth" type="date" label={t('fields.dateOfBirth')} value={v.dateOfBirth} errors={e} autocomplete="bday" hint={t('join.optional')} />
          </fieldset>
          <fieldset>
            <legend safe>{t('join.address')}</legend>
            <TextField name="addressLine" label={t('fields.addressLine')} value={v.addressLine} errors={e} required maxlength={200} autocomplete="address-line1" />
            <div class="grid compact field-pair">
              <TextField name="postalCode" label={t('fields.postalCode')} value={v.postalCode} errors={e} required maxlength={10} autocomplete="postal-code" inputmode="numeric" />
              <TextField name="city" label={t('fields.city')} value={v.city} errors={e} required maxlength={100} autocomplete="address-level2" />
            </div>
          </fieldset>
          <fieldset>
            <legend safe>{t('join.membership')}</legend>
            <div class="grid compact field-pair">
              <SelectField
                name="districtId"
                label={t('fields.districtId')}
                value={v.districtId}
                errors={e}
                required
                emptyLabel={t('join.choose')}
                options={options.districts.map((d) => ({ value: d.id, label: d.name }))}
                hint={t('join.district_hint')}
              />
              <SelectField
                name="membershipTypeId"
                label={t('fields.membershipTypeId')}
                value={v.membershipTypeId}
                errors={e}
                required
                emptyLabel={t('join.choose')}
                options={options.types.map((x) => ({ value: x.id, label: x.name }))}
              />
            </div>
            <GroupedSelectField
              name="workplaceId"
              label={t('fields.workplaceId')}
              value={v.workplaceId}
              errors={e}
              emptyLabel={t('join.workplace_none')}
              hint={t('join.workplace_hint')}
              groups={options.workplaces.map((g) => ({ label: g.districtName, options: g.items.map((w) => ({ value: w.id, label: w.name })) }))}
            />
            <SelectField
              name="preferredLocale"
              label={t('fields.preferredLocale')}
              value={v.preferredLocale ?? view.locale}
              errors={e}
              required
              options={locales.map((l) => ({ value: l, label: languageNames[l] }))}
            />
          </fieldset>
          <fieldset>
            <legend safe>{t('join.consents')}</legend>
            <p class="muted" safe>
              {t('join.privacy_summary', { organisation: view.org.name })}
            </p>
            <CheckboxField name="privacyConsent" label={t('fields.privacyConsent')} checked={v.privacyConsent === 'on'} errors={e} required>
              <span safe>{t('join.privacy_consent_before')}</span>{' '}
              <a href="/privacy" safe>
                {t('join.privacy_consent_link')}
              </a>{' '}
              <span safe>{t('join.privacy_consent_after')}</span>
            </CheckboxField>
            <CheckboxField name="newsletterConsent" label={t('fields.newsletterConsent')} hint={t('join.newsletter_hint')} checked={v.newsletterConsent === 'on'} errors={e} />
          </fieldset>
          <button type="submit" class="button button-large" safe>
            {t('join.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** The same answer whether the address was new or known: nobody learns from it who is in the register. */
export function JoinSentPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('join.sent_title')}>
      <div class="card narrow">
        <h1 safe>{t('join.sent_title')}</h1>
        <p safe>{t('join.sent_text', { hours: CONFIRMATION_HOURS })}</p>
        <p class="muted" safe>
          {t('join.sent_spam')}
        </p>
      </div>
    </Layout>
  );
}

/** Opening the mailed link shows a button; only pressing it confirms, so mail scanners cannot. */
export function ConfirmPage({ view, token }: { view: View; token: string }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('join.confirm_title')}>
      <div class="card narrow">
        <h1 safe>{t('join.confirm_title')}</h1>
        <p safe>{t('join.confirm_text', { organisation: view.org.name })}</p>
        <form method="post" action={`/join/confirm/${token}`}>
          <Csrf view={view} />
          <button type="submit" class="button button-large" safe>
            {t('join.confirm_button')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function ConfirmedPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('join.confirmed_title')}>
      <div class="card narrow">
        <h1 safe>{t('join.confirmed_title')}</h1>
        <p safe>{t('join.confirmed_text', { organisation: view.org.name })}</p>
        <p>
          <a href="/" class="button button-secondary" safe>
            {t('error.back_home')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

type BadConfirmation = Extract<ConfirmationCheck, { ok: false }>['reason'];

const badConfirmationTitle = {
  invalid: 'join.link_invalid_title',
  used: 'join.link_used_title',
  expired: 'join.link_expired_title',
} as const satisfies LabelTable<BadConfirmation>;

const badConfirmationText = {
  invalid: 'join.link_invalid_text',
  used: 'join.link_used_text',
  expired: 'join.link_expired_text',
} as const satisfies LabelTable<BadConfirmation>;

export function BadConfirmationPage({ view, reason }: { view: View; reason: BadConfirmation }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t(badConfirmationTitle[reason])}>
      <div class="card narrow">
        <h1 safe>{t(badConfirmationTitle[reason])}</h1>
        <p safe>{t(badConfirmationText[reason])}</p>
        <p>
          {reason === 'used' ? (
            <a href="/login" class="button" safe>
              {t('auth.login')}
            </a>
          ) : (
            <a href="/join" class="button" safe>
              {t('join.start_again')}
            </a>
          )}
        </p>
      </div>
    </Layout>
  );
}
