import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../../kernel/units.js';
import type { Topic } from '../topics.js';

/**
 * A unit's topic catalogue for its staff: add a topic, rename one, make it inactive (a topic chosen in
 * a request is kept for the record and is not offered any more). One row per topic, one form per row.
 */
export function TopicsPage({ view, units, unitId, topics, form, editing }: { view: View; units: Unit[]; unitId: string; topics: Topic[]; form: FormState; editing: string | null }): JSX.Element {
  const { t } = view;
  const unitName = units.find((u) => u.id === unitId)?.name ?? '';
  return (
    <Layout view={view} title={t('wm_page.topics_title')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/workplace-meetings" safe>
          {t('wm_page.queue_title')}
        </a>
      </nav>
      <PageHeader title={t('wm_page.topics_title')} lead={t('wm_page.topics_lead')} />
      {/* Refused input, of a row or of a new topic, is summed up first, each message linking to its field. */}
      <ErrorSummary view={view} errors={form.errors} prefix={editing === null ? 'field' : `topic-${editing}`} />
      {units.length > 1 ? (
        <form method="get" action="/workplace-meetings/topics" class="card wm-pick-row" aria-label={t('wm_page.show_topics')}>
          <SelectField name="unit" prefix="pick" label={t('fields.unit')} value={unitId} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
          <div class="filter-actions">
            <button type="submit" class="button button-secondary" safe>
              {t('wm_page.show_topics')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
      <section class="card" aria-labelledby="topics-of-unit">
        <h2 id="topics-of-unit" safe>
          {t('wm_page.topics_of', { unit: unitName })}
        </h2>
        {topics.length === 0 ? (
          <EmptyState title={t('wm_page.topics_empty')} />
        ) : (
          <ul class="wm-topic-list">
            {topics.map((topic) => {
              const own = editing === topic.id ? form : { values: {}, errors: [] };
              const v = own.values as Record<string, unknown>;
              const prefix = `topic-${topic.id}`;
              return (
                <li>
                  <form method="post" action={`/workplace-meetings/topics/${topic.id}`} class="wm-topic-row" novalidate>
                    <Csrf view={view} />
                    <TextField prefix={prefix} name="name" label={t('wm_page.topic_name')} value={v.name ?? topic.name} errors={own.errors} maxlength={200} required />
                    <div class="wm-check">
                      <input type="checkbox" id={`${prefix}-active`} name="active" value="on" checked={topic.active} />
                      <label for={`${prefix}-active`} safe>
                        {t('wm_page.topic_active')}
                      </label>
                    </div>
                    <button type="submit" class="button button-secondary button-small" safe>
                      {t('wm_page.save')}
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
        )}
        <p class="hint" safe>
          {t('wm_page.topic_inactive_hint')}
        </p>
      </section>
      <form method="post" action="/workplace-meetings/topics" class="card" novalidate>
        <h2 safe>{t('wm_page.topic_add')}</h2>
        <Csrf view={view} />
        <input type="hidden" name="unitId" value={unitId} />
        <div class="wm-pick-row">
          <TextField name="name" label={t('wm_page.topic_name')} value={editing === null ? (form.values as Record<string, unknown>).name : undefined} errors={editing === null ? form.errors : []} maxlength={200} required />
          <div class="filter-actions">
            <button type="submit" class="button" safe>
              {t('wm_page.topic_add')}
            </button>
          </div>
        </div>
      </form>
    </Layout>
  );
}
