import { Layout } from '../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, TextField } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import type { TwoFactorSetup, TwoFactorStatus } from './two-factor.js';

/** The secret in groups of four, as authenticator apps show and accept it. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

function RequiredNotice({ view }: { view: View }): JSX.Element {
  return (
    <div class="flash flash-info" role="status">
      <p safe>{view.t('two_factor.required_notice')}</p>
    </div>
  );
}

/** Set-up: scan the QR code (or type the key), then confirm with the first code from the app. */
export function TwoFactorSetupPage({ view, setup, required, form }: { view: View; setup: TwoFactorSetup; required: boolean; form: FormState }): JSX.Element {
  const { t } = view;
  const qr = `data:image/svg+xml;base64,${Buffer.from(setup.qrSvg).toString('base64')}`;
  return (
    <Layout view={view} title={t('two_factor.title')}>
      <PageHeader title={t('two_factor.title')} lead={t('two_factor.setup_lead')} />
      {required ? <RequiredNotice view={view} /> : ''}
      <div class="grid grid-2">
        <section class="card" aria-labelledby="two-factor-scan">
          <h2 id="two-factor-scan" safe>
            {t('two_factor.scan_title')}
          </h2>
          <p safe>{t('two_factor.scan_help')}</p>
          <p>
            <img src={qr} width="220" height="220" alt={t('two_factor.qr_alt')} />
          </p>
          <p safe>{t('two_factor.manual_help')}</p>
          <p>
            <code class="token-value" safe>
              {grouped(setup.secret)}
            </code>
          </p>
        </section>
        <section class="card" aria-labelledby="two-factor-confirm">
          <h2 id="two-factor-confirm" safe>
            {t('two_factor.confirm_title')}
          </h2>
          <p class="muted" safe>
            {t('two_factor.confirm_help')}
          </p>
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action="/account/two-factor" novalidate>
            <Csrf view={view} />
            <TextField name="totpCode" label={t('fields.totpCode')} errors={form.errors} autocomplete="one-time-code" inputmode="numeric" required />
            <button type="submit" class="button" safe>
              {t('two_factor.turn_on')}
            </button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

/** Two-factor is on: new recovery codes, or turn it off (unless the person's roles require it). */
export function TwoFactorStatusPage({
  view,
  status,
  required,
  regenerateForm,
  disableForm,
}: {
  view: View;
  status: TwoFactorStatus;
  required: boolean;
  regenerateForm: FormState;
  disableForm: FormState;
}): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('two_factor.title')}>
      <PageHeader title={t('two_factor.title')} lead={t('two_factor.enabled_lead')} />
      <div class="grid grid-2">
        <section class="card" aria-labelledby="two-factor-recovery">
          <h2 id="two-factor-recovery" safe>
            {t('two_factor.recovery_title')}
          </h2>
          <p safe>{t('two_factor.recovery_left', { count: status.recoveryCodesLeft })}</p>
          <p class="muted" safe>
            {t('two_factor.regenerate_help')}
          </p>
          <ErrorSummary view={view} errors={regenerateForm.errors} prefix="regen" />
          <form method="post" action="/account/two-factor/recovery-codes" novalidate>
            <Csrf view={view} />
            <TextField prefix="regen" name="totpCode" label={t('fields.totpCode')} errors={regenerateForm.errors} autocomplete="one-time-code" inputmode="numeric" required />
            <button type="submit" class="button button-secondary" safe>
              {t('two_factor.regenerate')}
            </button>
          </form>
        </section>
        <section class="card" aria-labelledby="two-factor-off">
          <h2 id="two-factor-off" safe>
            {t('two_factor.disable_title')}
          </h2>
          {required ? (
            <p safe>{t('two_factor.disable_not_allowed')}</p>
          ) : (
            <>
              <p class="muted" safe>
                {t('two_factor.disable_help')}
              </p>
              <ErrorSummary view={view} errors={disableForm.errors} prefix="off" />
              <form method="post" action="/account/two-factor/disable" novalidate>
                <Csrf view={view} />
                <TextField prefix="off" name="totpCode" label={t('fields.totpCode')} hint={t('two_factor.answer_hint')} errors={disableForm.errors} autocomplete="one-time-code" required />
                <button type="submit" class="button button-danger" safe>
                  {t('two_factor.turn_off')}
                </button>
              </form>
            </>
          )}
        </section>
      </div>
      <p>
        <a href="/account" safe>
          {t('two_factor.back_to_account')}
        </a>
      </p>
    </Layout>
  );
}

/** The recovery codes, shown this once: only their hashes are kept. */
export function RecoveryCodesPage({ view, codes, message }: { view: View; codes: string[]; message: string }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('two_factor.codes_title')}>
      <PageHeader title={t('two_factor.codes_title')} />
      <div class="flash flash-success" role="status">
        <p safe>{message}</p>
      </div>
      <section class="card narrow" aria-labelledby="recovery-codes">
        <h2 id="recovery-codes" safe>
          {t('two_factor.recovery_title')}
        </h2>
        <p safe>{t('two_factor.codes_help')}</p>
        <ol>
          {codes.map((c) => (
            <li>
              <code class="token-value" safe>
                {c}
              </code>
            </li>
          ))}
        </ol>
        <p class="muted" safe>
          {t('two_factor.codes_once')}
        </p>
        <p>
          <a href="/account" class="button" safe>
            {t('two_factor.codes_done')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** The second step of logging in: a code from the app, or (folded away) a recovery code; or give up and log out. */
export function SecondFactorPage({ view, next, codeForm, recoveryForm }: { view: View; next: string; codeForm: FormState; recoveryForm: FormState }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('two_factor.login_title')}>
      <div class="card narrow">
        <h1 safe>{t('two_factor.login_title')}</h1>
        <p safe>{t('two_factor.login_help')}</p>
        <ErrorSummary view={view} errors={codeForm.errors} prefix="totp" />
        <form method="post" action="/login/two-factor" novalidate>
          <Csrf view={view} />
          <input type="hidden" name="next" value={next} />
          <TextField prefix="totp" name="totpCode" label={t('fields.totpCode')} errors={codeForm.errors} autocomplete="one-time-code" inputmode="numeric" required />
          <button type="submit" class="button" safe>
            {t('two_factor.login_button')}
          </button>
        </form>
        <details class="history" open={recoveryForm.errors.length > 0}>
          <summary safe>{t('two_factor.lost_phone')}</summary>
          <p class="muted" safe>
            {t('two_factor.recovery_login_help')}
          </p>
          <ErrorSummary view={view} errors={recoveryForm.errors} prefix="recovery" />
          <form method="post" action="/login/two-factor/recovery" novalidate>
            <Csrf view={view} />
            <input type="hidden" name="next" value={next} />
            <TextField prefix="recovery" name="recoveryCode" label={t('fields.recoveryCode')} errors={recoveryForm.errors} autocomplete="off" required />
            <button type="submit" class="button button-secondary" safe>
              {t('two_factor.login_button')}
            </button>
          </form>
        </details>
        <form method="post" action="/logout">
          <Csrf view={view} />
          <button type="submit" class="button button-small button-secondary" safe>
            {t('two_factor.cancel_login')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
