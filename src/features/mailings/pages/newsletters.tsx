import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { MyNewsletters } from '../subscriptions.js';

/**
 * A member's newsletters: every topic with a box that is ticked when they get it. One form, so
 * it works without JavaScript; saving records the answer for each topic shown.
 */
export function MyNewslettersPage({ view, mine }: { view: View; mine: MyNewsletters }): JSX.Element {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t('mailings.me.title')}>
      <p class="breadcrumbs">
        <a href="/me" safe>
          {t('me.title')}
        </a>
      </p>
      <PageHeader title={t('mailings.me.title')} lead={t('mailings.me.lead')} />
      {mine.declinedAll ? (
        <div class="flash flash-warning" role="status">
          <p>
            <span safe>{t('mailings.me.declined_all')}</span>{' '}
            <a href="/me/consents" safe>
              {t('mailings.me.declined_all_link')}
            </a>
          </p>
        </div>
      ) : (
        ''
      )}
      {mine.topics.length === 0 ? (
        <EmptyState title={t('mailings.me.none')} />
      ) : (
        <form method="post" action="/me/newsletters" class="card" novalidate>
          <Csrf view={view} />
          <fieldset class="choice-field">
            <legend safe>{t('mailings.me.legend')}</legend>
            {mine.topics.map((topic) => {
              const id = `topic-${topic.id}`;
              const description = topic.description ? topic.description[locale] || topic.description.da : '';
              return (
                <div class="check-row field">
                  <input type="hidden" name="shown" value={topic.id} />
                  <input type="checkbox" id={id} name="subscribed" value={topic.id} checked={topic.subscribed} aria-describedby={description ? `${id}-hint` : undefined} />
                  <div>
                    <label for={id} safe>
                      {topic.name[locale] || topic.name.da}
                    </label>
                    {description ? (
                      <p class="hint" id={`${id}-hint`} safe>
                        {description}
                      </p>
                    ) : (
                      ''
                    )}
                  </div>
                </div>
              );
            })}
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {t('mailings.me.save')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
