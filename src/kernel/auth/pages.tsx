import { Layout } from '../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, TextField } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { LOGIN_LINK_MINUTES, type LinkCheck } from './login-links.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

export function LoginPage({ view, next, linkForm, passwordForm, notice }: { view: View; next: string; linkForm: FormState; passwordForm: FormState; notice?: string }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('auth.login_title')}>
      <PageHeader title={t('auth.login_title')} lead={t('auth.login_lead')} />
      {notice ? (
        <div class="flash flash-info" role="status">
          <p safe>{notice}</p>
        </div>
      ) : (
        ''
      )}
      <div class="grid grid-2">
        <section class="card" aria-labelledby="login-link-title">
          <h2 id="login-link-title" safe>
            {t('auth.link_title')}
          </h2>
          <p class="muted" safe>
            {t('auth.link_help', { minutes: LOGIN_LINK_MINUTES })}
          </p>
          <ErrorSummary view={view} errors={linkForm.errors} prefix="link" />
          <form method="post" action="/login/link" novalidate>
            <Csrf view={view} />
            <input type="hidden" name="next" value={next} />
            <TextField prefix="link" name="email" type="email" label={t('fields.email')} value={linkForm.values.email} errors={linkForm.errors} autocomplete="email" required />
            <button type="submit" class="button" safe>
              {t('auth.send_link')}
            </button>
          </form>
        </section>
        <section class="card" aria-labelledby="login-password-title">
          <h2 id="login-password-title" safe>
            {t('auth.password_title')}
          </h2>
          <p class="muted" safe>
            {t('auth.password_help')}
          </p>
          <ErrorSummary view={view} errors={passwordForm.errors} prefix="pw" />
          <form method="post" action="/login/password" novalidate>
            <Csrf view={view} />
            <input type="hidden" name="next" value={next} />
            <TextField prefix="pw" name="email" type="email" label={t('fields.email')} value={passwordForm.values.email} errors={passwordForm.errors} autocomplete="username" required />
            <TextField prefix="pw" name="password" type="password" label={t('fields.password')} errors={passwordForm.errors} autocomplete="current-password" required />
            <button type="submit" class="button button-secondary" safe>
              {t('auth.login_with_password')}
            </button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

export function LinkSentPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('auth.link_sent_title')}>
      <div class="card narrow">
        <h1 safe>{t('auth.link_sent_title')}</h1>
        <p safe>{t('auth.link_sent_text', { minutes: LOGIN_LINK_MINUTES })}</p>
        <p>
          <a href="/login" safe>
            {t('auth.back_to_login')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** Opening the link shows a button; only pressing it logs in, so mail scanners cannot use the link up. */
export function ConfirmLinkPage({ view, token, next }: { view: View; token: string; next: string }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('auth.confirm_title')}>
      <div class="card narrow">
        <h1 safe>{t('auth.confirm_title')}</h1>
        <p safe>{t('auth.confirm_text', { organisation: view.org.name })}</p>
        <form method="post" action={`/login/link/${token}`}>
          <Csrf view={view} />
          <input type="hidden" name="next" value={next} />
          <button type="submit" class="button button-large" safe>
            {t('auth.confirm_button')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

type BadLink = Extract<LinkCheck, { ok: false }>['reason'];

const badLinkTitle = {
  invalid: 'auth.link_invalid_title',
  used: 'auth.link_used_title',
  expired: 'auth.link_expired_title',
} as const satisfies LabelTable<BadLink>;

const badLinkText = {
  invalid: 'auth.link_invalid_text',
  used: 'auth.link_used_text',
  expired: 'auth.link_expired_text',
} as const satisfies LabelTable<BadLink>;

export function BadLinkPage({ view, reason }: { view: View; reason: BadLink }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t(badLinkTitle[reason])}>
      <div class="card narrow">
        <h1 safe>{t(badLinkTitle[reason])}</h1>
        <p safe>{t(badLinkText[reason])}</p>
        <p>
          <a href="/login" class="button" safe>
            {t('auth.request_new_link')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export function AccountPage({
  view,
  email,
  hasPassword,
  hasTwoFactor,
  roles,
  form,
}: {
  view: View;
  email: string | null;
  hasPassword: boolean;
  hasTwoFactor: boolean;
  roles: string[];
  form: FormState;
}): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('account.title')}>
      <PageHeader title={t('account.title')} />
      <div class="grid grid-2">
        <section class="card" aria-labelledby="account-me">
          <h2 id="account-me" safe>
            {t('account.you')}
          </h2>
          <dl class="facts">
            <dt safe>{t('fields.name')}</dt>
            <dd safe>{view.actor.kind === 'person' ? `${view.actor.firstName} ${view.actor.lastName}` : ''}</dd>
            <dt safe>{t('fields.email')}</dt>
            <dd safe>{email ?? '—'}</dd>
            <dt safe>{t('account.roles')}</dt>
            <dd safe>{roles.length > 0 ? roles.join(', ') : '—'}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="account-password">
          <h2 id="account-password" safe>
            {hasPassword ? t('account.change_password') : t('account.set_password')}
          </h2>
          <p class="muted" safe>
            {t('account.password_help', { min: MIN_PASSWORD_LENGTH })}
          </p>
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action="/account/password" novalidate>
            <Csrf view={view} />
            {hasPassword ? <TextField name="currentPassword" type="password" label={t('fields.currentPassword')} errors={form.errors} autocomplete="current-password" required /> : ''}
            <TextField name="newPassword" type="password" label={t('fields.newPassword')} errors={form.errors} autocomplete="new-password" required />
            <TextField name="confirmPassword" type="password" label={t('fields.confirmPassword')} errors={form.errors} autocomplete="new-password" required />
            <button type="submit" class="button" safe>
              {t('account.save_password')}
            </button>
          </form>
        </section>
        <section class="card" aria-labelledby="account-two-factor">
          <h2 id="account-two-factor" safe>
            {t('two_factor.title')}
          </h2>
          <p safe>{hasTwoFactor ? t('two_factor.status_on') : t('two_factor.status_off')}</p>
          <p class="muted" safe>
            {t('two_factor.account_help')}
          </p>
          <p>
            <a href="/account/two-factor" class="button button-secondary" safe>
              {hasTwoFactor ? t('two_factor.manage') : t('two_factor.set_up')}
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

/** Revokes one API token: the same button on the administrator's token list and on a person's own. */
export function RevokeTokenForm({ view, action, name }: { view: View; action: string; name: string }): JSX.Element {
  return (
    <form method="post" action={action}>
      <Csrf view={view} />
      <button type="submit" class="button button-small button-danger" aria-label={view.t('tokens.revoke_named', { name })} safe>
        {view.t('tokens.revoke')}
      </button>
    </form>
  );
}

/** A token just created: its value, shown this once (only its hash is kept), with an optional hint on how to use it. */
export function CreatedTokenNotice({ message, token, hint }: { message: string; token: string; hint?: string }): JSX.Element {
  return (
    <div class="flash flash-success" role="status">
      <p safe>{message}</p>
      <p>
        <code class="token-value" safe>
          {token}
        </code>
      </p>
      {hint ? (
        <p class="muted" safe>
          {hint}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
