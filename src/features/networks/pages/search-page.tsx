import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, TextArea } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { NetworkAccess } from '../access.js';
import type { SearchHit } from '../threads.js';
import { locales } from '../../../platform/i18n/i18n.js';
import { Crumbs } from './parts.js';

/** Hits of a search in one network's threads, each linking to its post in the thread. */
export function SearchPage({ view, network, q, hits }: { view: View; network: NetworkAccess; q: string; hits: SearchHit[] }): JSX.Element {
  const { t, locale } = view;
  const title = t('networks.search.title', { network: network.name });
  return (
    <Layout view={view} title={title}>
      <Crumbs view={view} network={network} />
      <h1 safe>{title}</h1>
      <form method="get" action={`/networks/${network.id}/search`} class="search-form" role="search">
        <label for="network-search" safe>
          {t('networks.search.label')}
        </label>
        <input id="network-search" type="search" name="q" value={q} />
        <button type="submit" class="button button-secondary" safe>
          {t('networks.search.submit')}
        </button>
      </form>
      {!q ? (
        ''
      ) : hits.length === 0 ? (
        <EmptyState title={t('networks.search.none', { q })} />
      ) : (
        <>
          <p role="status" safe>
            {t('networks.search.count', { count: hits.length, q })}
          </p>
          <ol class="card-list">
            {hits.map((h) => (
              <li class="card">
                <h2>
                  <a href={`/networks/threads/${h.threadId}${h.seq ? `#post-${h.seq}` : ''}`} safe>
                    {h.title}
                  </a>
                </h2>
                <p safe>{h.snippet}</p>
                <p class="hint" safe>
                  {`${h.authorName ?? t('networks.mail.unknown_author')} · ${formatDateTime(locale, h.createdAt)}`}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}

const languageNames = { da: 'Dansk', sv: 'Svenska', en: 'English' } as const;

/** Admins write the competition-law notice networks of member companies show, in each language. */
export function NoticePage({ view, form }: { view: View; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  return (
    <Layout view={view} title={t('networks.notice.title')}>
      <Crumbs view={view} />
      <div class="card narrow">
        <h1 safe>{t('networks.notice.title')}</h1>
        <p class="lead" safe>
          {t('networks.notice.lead')}
        </p>
        <p class="hint" safe>
          {t('networks.notice.default_note', { text: t('networks.notice.default') })}
        </p>
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action="/networks/notice" novalidate>
          <Csrf view={view} />
          {locales.map((l) => (
            <TextArea name={l} label={languageNames[l]} value={v[l]} rows={4} errors={form.errors} />
          ))}
          <button type="submit" class="button" safe>
            {t('networks.notice.save')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
