import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, TextArea } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import { agendaItemKindLabel } from '../labels.js';
import type { MinutesContent, MinutesItem } from '../minutes-content.js';
import { Approvals, ItemRecord, MinutesFacts, type ApprovalControls } from './minutes-parts.js';

/** A failed save of one item: its id, what was sent, and the errors (each naming its field). */
export type ItemFormState = { itemId: string; values: { notes?: unknown; decision?: unknown }; errors: FieldError[] };

function ItemForm({ view, m, item, form }: { view: View; m: MinutesContent; item: MinutesItem; form: ItemFormState | null }): JSX.Element {
  const { t } = view;
  const mine = form?.itemId === item.id ? form : null;
  const prefix = `item-${item.position}`;
  const hasData = item.motions.length + item.polls.length + item.elections.length > 0;
  return (
    <section class="card" id={`item-${item.id}`} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`} safe>
        {`${item.position}. ${item.title}`}
      </h2>
      <p class="hint" safe>
        {t(agendaItemKindLabel[item.kind])}
      </p>
      {mine ? <ErrorSummary view={view} errors={mine.errors} prefix={prefix} /> : ''}
      <form method="post" action={`/assemblies/${m.assembly.id}/minutes/items/${item.id}`} class="form" novalidate>
        <Csrf view={view} />
        <TextArea prefix={prefix} name="notes" label={t('fields.notes')} hint={t('minutes.notes_hint')} value={mine ? mine.values.notes : item.notes} errors={mine?.errors ?? []} rows={6} maxlength={20000} />
        <TextArea prefix={prefix} name="decision" label={t('fields.decision')} hint={t('minutes.decision_hint')} value={mine ? mine.values.decision : item.decision} errors={mine?.errors ?? []} rows={2} maxlength={4000} />
        <button type="submit" class="button button-secondary" aria-label={t('minutes.save_item_named', { title: item.title })} safe>
          {t('minutes.save_item')}
        </button>
      </form>
      {hasData ? (
        <>
          <h3 safe>{t('minutes.from_data')}</h3>
          <ItemRecord view={view} item={item} />
        </>
      ) : (
        ''
      )}
    </section>
  );
}

/**
 * The minute taker's page: one form per agenda item (the notes and the decision in words, saved
 * item by item, no script needed), what the data adds to each item, and the approvals with the
 * buttons to approve and publish. Editing after an approval withdraws it: the page says so.
 */
export function MinutesEditorPage({ view, m, controls, form, errors }: { view: View; m: MinutesContent; controls: ApprovalControls; form: ItemFormState | null; errors: FieldError[] }): JSX.Element {
  const { t } = view;
  const a = m.assembly;
  const approved = a.approvedByChairAt !== null || a.approvedByTakerAt !== null;
  return (
    <Layout view={view} title={t('minutes.editor_title', { title: a.title })}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href={`/assemblies/${a.id}`} safe>
          {a.title}
        </a>
      </nav>
      <PageHeader title={t('minutes.editor_title', { title: a.title })} lead={`${a.unitName} · ${a.when}`}>
        <a href={`/assemblies/${a.id}/minutes.pdf`} class="button button-secondary" safe>
          {t('minutes.pdf_draft')}
        </a>
      </PageHeader>
      <ErrorSummary view={view} errors={errors} prefix="minutes" />
      <section class="card" aria-labelledby="minutes-facts">
        <h2 id="minutes-facts" safe>
          {t('minutes.facts')}
        </h2>
        <MinutesFacts view={view} a={a} />
        <p class="hint" safe>
          {approved ? t('minutes.edit_withdraws') : t('minutes.editor_lead')}
        </p>
      </section>
      {m.items.map((item) => (
        <ItemForm view={view} m={m} item={item} form={form} />
      ))}
      {m.otherMotions.length > 0 ? (
        <section class="card" aria-labelledby="other-motions">
          <h2 id="other-motions" safe>
            {t('minutes.other_motions')}
          </h2>
          <ItemRecord view={view} motions={m.otherMotions} />
        </section>
      ) : (
        ''
      )}
      <Approvals view={view} m={m} controls={controls} />
    </Layout>
  );
}
