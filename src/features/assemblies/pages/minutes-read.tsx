import { Layout } from '../../../platform/html/layout.js';
import { Badge, ErrorSummary, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import { assemblyKindLabel } from '../labels.js';
import type { MinutesContent } from '../minutes-content.js';
import { Approvals, ItemRecord, MinutesFacts, Paragraphs, type ApprovalControls } from './minutes-parts.js';

/**
 * The minutes to read: published ones for the roll or the public, and the draft for the chair and
 * the board, who approve or follow it without writing. Same text as the PDF.
 */
export function MinutesReadPage({ view, m, controls, errors }: { view: View; m: MinutesContent; controls: ApprovalControls; errors: FieldError[] }): JSX.Element {
  const { t } = view;
  const a = m.assembly;
  const published = a.publishedAt !== null;
  const title = t('minutes.pdf_title', { title: a.title });
  return (
    <Layout view={view} title={title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/assemblies/archive" safe>
          {t('archive.title')}
        </a>
      </nav>
      <PageHeader title={title} lead={`${a.unitName} · ${t(assemblyKindLabel[a.kind])}`}>
        <a href={`/assemblies/${a.id}/minutes.pdf`} class="button button-secondary" safe>
          {published ? t('minutes.pdf') : t('minutes.pdf_draft')}
        </a>
      </PageHeader>
      <ErrorSummary view={view} errors={errors} prefix="minutes" />
      <section class="card" aria-labelledby="minutes-facts">
        <h2 id="minutes-facts" class="visually-hidden" safe>
          {t('minutes.facts')}
        </h2>
        {published ? (
          ''
        ) : (
          <p>
            <Badge kind="warning">
              <span safe>{t('minutes.draft_notice')}</span>
            </Badge>
          </p>
        )}
        <MinutesFacts view={view} a={a} />
      </section>
      {m.items.map((item) => (
        <section class="card" aria-labelledby={`item-${item.position}-title`}>
          <h2 id={`item-${item.position}-title`} safe>
            {`${item.position}. ${item.title}`}
          </h2>
          {item.notes ? <Paragraphs text={item.notes} /> : ''}
          {item.decision ? (
            <p>
              <strong safe>{`${t('fields.decision')}: `}</strong>
              <span safe>{item.decision}</span>
            </p>
          ) : (
            ''
          )}
          <ItemRecord view={view} item={item} />
          {!item.notes && !item.decision && item.motions.length + item.polls.length + item.elections.length === 0 ? (
            <p class="hint" safe>
              {t('minutes.nothing_recorded')}
            </p>
          ) : (
            ''
          )}
        </section>
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
