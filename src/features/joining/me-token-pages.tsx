import { Layout } from '../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, PageHeader, TextField } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import type { PersonalToken } from '../../kernel/auth/api-tokens.js';
import { CreatedTokenNotice, RevokeTokenForm } from '../../kernel/auth/pages.js';

/** "My API tokens": the person's own tokens, a form for a new one, and the new value shown once. */
export function MeTokensPage({ view, tokens, form, created }: { view: View; tokens: PersonalToken[]; form: FormState; created?: { name: string; value: string } }): JSX.Element {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t('me_tokens.title')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/me" safe>
          {t('me.title')}
        </a>
      </nav>
      <PageHeader title={t('me_tokens.title')} lead={t('me_tokens.lead')} />
      {created ? (
        <CreatedTokenNotice message={t('me_tokens.created_once', { name: created.name })} token={created.value} hint={t('me_tokens.usage_hint')} />
      ) : (
        ''
      )}
      <div class="grid grid-sidebar">
        <section aria-labelledby="my-tokens">
          <h2 id="my-tokens" safe>
            {t('me_tokens.list_title')}
          </h2>
          {tokens.length === 0 ? (
            <EmptyState title={t('me_tokens.empty')} />
          ) : (
            <div class="table-wrap" role="region" aria-labelledby="my-tokens" tabindex="0">
              <table class="table">
                <caption class="visually-hidden" safe>
                  {t('me_tokens.list_title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" safe>{t('fields.name')}</th>
                    <th scope="col" safe>{t('me_tokens.created_at')}</th>
                    <th scope="col" safe>{t('tokens.last_used')}</th>
                    <th scope="col">
                      <span class="visually-hidden" safe>
                        {t('form.actions')}
                      </span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((tok) => (
                    <tr>
                      <td safe>{tok.name}</td>
                      <td class="nowrap" safe>
                        {formatDateTime(locale, tok.createdAt)}
                      </td>
                      <td class="nowrap" safe>
                        {tok.lastUsedAt ? formatDateTime(locale, tok.lastUsedAt) : t('me_tokens.never_used')}
                      </td>
                      <td>
                        <RevokeTokenForm view={view} action={`/me/tokens/${tok.id}/revoke`} name={tok.name} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section class="card" aria-labelledby="new-my-token">
          <h2 id="new-my-token" safe>
            {t('tokens.new')}
          </h2>
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action="/me/tokens" novalidate>
            <Csrf view={view} />
            <TextField name="name" label={t('fields.name')} hint={t('me_tokens.name_hint')} value={form.values.name} errors={form.errors} required maxlength={100} autocomplete="off" />
            <button type="submit" class="button" safe>
              {t('tokens.create')}
            </button>
          </form>
          <p class="muted" safe>
            {t('me_tokens.rights_note')}
          </p>
        </section>
      </div>
    </Layout>
  );
}
