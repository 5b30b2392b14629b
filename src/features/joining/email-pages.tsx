import { Layout } from '../../platform/html/layout.js';
import { Csrf } from '../../platform/html/components.js';
import type { View } from '../../platform/html/view.js';
import type { LabelTable } from '../../platform/i18n/labels.js';

/** Confirming a new e-mail address: a button, so a mail scanner opening the link changes nothing. */
export function ConfirmEmailPage({ view, token, newEmail }: { view: View; token: string; newEmail: string }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('me.email_confirm_title')}>
      <div class="card narrow">
        <h1 safe>{t('me.email_confirm_title')}</h1>
        <p safe>{t('me.email_confirm_text', { email: newEmail, organisation: view.org.name })}</p>
        <form method="post" action={`/me/email/confirm/${token}`}>
          <Csrf view={view} />
          <button type="submit" class="button button-large" safe>
            {t('me.email_confirm_button')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function EmailConfirmedPage({ view, newEmail }: { view: View; newEmail: string }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('me.email_confirmed_title')}>
      <div class="card narrow">
        <h1 safe>{t('me.email_confirmed_title')}</h1>
        <p safe>{t('me.email_confirmed_text', { email: newEmail })}</p>
        <p>
          <a href="/me" class="button" safe>
            {t('me.title')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export type BadEmailLink = 'invalid' | 'used' | 'expired' | 'email_taken';

const badTitle = {
  invalid: 'me.email_link_invalid_title',
  used: 'me.email_link_used_title',
  expired: 'me.email_link_expired_title',
  email_taken: 'me.email_link_taken_title',
} as const satisfies LabelTable<BadEmailLink>;

const badText = {
  invalid: 'me.email_link_invalid_text',
  used: 'me.email_link_used_text',
  expired: 'me.email_link_expired_text',
  email_taken: 'me.email_link_taken_text',
} as const satisfies LabelTable<BadEmailLink>;

export function BadEmailLinkPage({ view, reason }: { view: View; reason: BadEmailLink }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t(badTitle[reason])}>
      <div class="card narrow">
        <h1 safe>{t(badTitle[reason])}</h1>
        <p safe>{t(badText[reason])}</p>
        <p>
          <a href="/me/edit" class="button" safe>
            {t('me.edit')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
