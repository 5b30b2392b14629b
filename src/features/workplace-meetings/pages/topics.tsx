import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../organisation/index.js';
import type { Topic } from '../topics.js';

/**
 * A unit's topic catalogue for its staff: add a topic, rename one, make it inactive (a topic chosen in
 * a request is kept for the record and is not offered any more).
 */
export function TopicsPage({ view, units, unitId, topics, form, editing }: { view: View; units: Unit[]; unitId: string; topics: Topic[]; form: FormState; editing: string | null }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('wm_page.topics_title')}>
      <PageHeader title={t('wm_page.topics_title')} />
      <form method="get" action="/workplace-meetings/topics" class="card filters" aria-label={t('wm_page.choose_unit')}>
        <SelectField name="unit" prefix="pick" label={t('fields.unit')} value={unitId} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        <div class="filter-actions">
          <button type="submit" class="button button-secondary" safe>
            {t('wm_page.choose_unit')}
          </button>
        </div>
      </form>
      {editing === null ? <ErrorSummary view={view} errors={form.errors} /> : ''}
      <ul class="card list">
        {topics.map((topic) => {
          const own = editing === topic.id ? form : { values: {}, errors: [] };
          const v = own.values as Record<string, unknown>;
          return (
            <li>
              <form method="post" action={`/workplace-meetings/topics/${topic.id}`} novalidate>
                <Csrf view={view} />
                <ErrorSummary view={view} errors={own.errors} prefix={`topic-${topic.id}`} />
                <TextField prefix={`topic-${topic.id}`} name="name" label={t('fields.name')} value={v.name ?? topic.name} errors={own.errors} maxlength={200} required />
                <div class="checkbox">
                  <input type="checkbox" id={`topic-${topic.id}-active`} name="active" value="on" checked={topic.active} />
                  <label for={`topic-${topic.id}-active`} safe>
                    {t('wm_page.topic_active')}
                  </label>
                </div>
                <button type="submit" class="button button-secondary" safe>
                  {t('wm_page.save')}
                </button>
              </form>
            </li>
          );
        })}
      </ul>
      <form method="post" action="/workplace-meetings/topics" class="card" novalidate>
        <h2 safe>{t('wm_page.topic_add')}</h2>
        <Csrf view={view} />
        <input type="hidden" name="unitId" value={unitId} />
        <TextField name="name" label={t('fields.name')} value={editing === null ? (form.values as Record<string, unknown>).name : undefined} errors={editing === null ? form.errors : []} maxlength={200} required />
        <button type="submit" class="button" safe>
          {t('wm_page.topic_add')}
        </button>
      </form>
    </Layout>
  );
}
