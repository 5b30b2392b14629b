import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { locales } from '../../../platform/i18n/i18n.js';
import type { TopicOutput } from '../schema.js';
import { languageNameLabel } from '../labels.js';

function Check({ id, name, label, checked }: { id: string; name: string; label: string; checked: boolean }): JSX.Element {
  return (
    <div class="check-row field">
      <input type="checkbox" id={id} name={name} value="on" checked={checked} />
      <label for={id} safe>
        {label}
      </label>
    </div>
  );
}

/** The fields of one topic, in the add form and in each topic's own form. */
function TopicFields({ view, prefix, values, errors }: { view: View; prefix: string; values: Record<string, unknown>; errors: FormState['errors'] }): JSX.Element {
  const { t } = view;
  return (
    <>
      <div class="grid grid-3">
        {locales.map((l) => (
          <TextField prefix={prefix} name={`name_${l}`} label={t('mailings.topics.name', { language: t(languageNameLabel[l]) })} value={values[`name_${l}`]} errors={errors} maxlength={200} required={l === 'da'} />
        ))}
      </div>
      <div class="grid grid-3">
        {locales.map((l) => (
          <TextField prefix={prefix} name={`description_${l}`} label={t('mailings.topics.description', { language: t(languageNameLabel[l]) })} value={values[`description_${l}`]} errors={errors} maxlength={1000} />
        ))}
      </div>
      <TextField prefix={prefix} name="position" type="number" inputmode="numeric" label={t('mailings.topics.position')} value={values.position ?? 0} errors={errors} />
      <Check id={`${prefix}-defaultSubscribed`} name="defaultSubscribed" label={t('mailings.topics.default_subscribed')} checked={values.defaultSubscribed === true || values.defaultSubscribed === 'on'} />
      <Check id={`${prefix}-active`} name="active" label={t('mailings.topics.active')} checked={values.active === true || values.active === 'on'} />
    </>
  );
}

export function topicValues(topic: TopicOutput): Record<string, unknown> {
  return {
    name_da: topic.name.da,
    name_sv: topic.name.sv ?? '',
    name_en: topic.name.en ?? '',
    description_da: topic.description?.da ?? '',
    description_sv: topic.description?.sv ?? '',
    description_en: topic.description?.en ?? '',
    position: topic.position,
    defaultSubscribed: topic.defaultSubscribed,
    active: topic.active,
  };
}

/**
 * The newsletter topics members choose from on their own page, for staff: name and description in
 * the three languages, whether new members get it until they say no, whether it is offered at all.
 */
export function TopicsPage({ view, topics, form, editing }: { view: View; topics: TopicOutput[]; form: FormState; editing: string | null }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('mailings.topics.title')}>
      <p class="breadcrumbs">
        <a href="/mailings" safe>
          {t('mailings.title')}
        </a>
      </p>
      <PageHeader title={t('mailings.topics.title')} lead={t('mailings.topics.lead')} />
      {topics.map((topic) => {
        const own = editing === topic.id ? form : { values: topicValues(topic), errors: [] };
        const prefix = `topic-${topic.id}`;
        return (
          // Closed by default, so the catalogue reads as a list; a topic whose change failed opens with its errors.
          <details class="card" open={editing === topic.id}>
            <summary>
              <strong safe>{topic.name[view.locale] || topic.name.da}</strong>{' '}
              <span class="muted" safe>
                {`(${topic.active ? t('mailings.topics.is_active') : t('mailings.topics.is_inactive')})`}
              </span>
            </summary>
            <form method="post" action={`/mailings/topics/${topic.id}`} novalidate>
              <Csrf view={view} />
              <ErrorSummary view={view} errors={own.errors} prefix={prefix} />
              <TopicFields view={view} prefix={prefix} values={own.values as Record<string, unknown>} errors={own.errors} />
              <button type="submit" class="button button-secondary" safe>
                {t('mailings.topics.save')}
              </button>
            </form>
          </details>
        );
      })}
      <section class="card" aria-labelledby="topic-new-title">
        <h2 id="topic-new-title" safe>
          {t('mailings.topics.add')}
        </h2>
        <form method="post" action="/mailings/topics" novalidate>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={editing === null ? form.errors : []} />
          <TopicFields view={view} prefix="field" values={editing === null ? (form.values as Record<string, unknown>) : { defaultSubscribed: true, active: true }} errors={editing === null ? form.errors : []} />
          <button type="submit" class="button" safe>
            {t('mailings.topics.add')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
