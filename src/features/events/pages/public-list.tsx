import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, ErrorSummary, PageHeader, Pagination, SelectField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { Unit } from '../../../kernel/units.js';
import { eventKinds, type EventKind } from '../tables.js';
import type { EventCard } from '../page-queries.js';
import { EventListCard, SeatBadge, seatState } from './parts.js';
import { eventKindLabel } from '../labels.js';

export interface EventListQuery {
  unit?: string;
  kind?: EventKind;
  past?: boolean;
}

export function eventListHref(q: EventListQuery, page?: number): string {
  const s = new URLSearchParams();
  if (q.unit) s.set('unit', q.unit);
  if (q.kind) s.set('kind', q.kind);
  if (q.past) s.set('past', '1');
  if (page && page > 1) s.set('page', String(page));
  const text = s.toString();
  return text ? `/events?${text}` : '/events';
}

function EventCardItem({ view, e }: { view: View; e: EventCard }): JSX.Element {
  const { t } = view;
  return (
    <EventListCard view={view} event={e} badge={<SeatBadge view={view} state={seatState(e)} timeZone={e.timeZone} />} online={e.online}>
      <dt safe>{t('event_page.organiser')}</dt>
      <dd safe>{e.unitName}</dd>
    </EventListCard>
  );
}

export function EventListPage({
  view,
  data,
  query,
  form,
  units,
  canCreate,
}: {
  view: View;
  data: { items: EventCard[]; total: number; page: number; pageSize: number };
  query: EventListQuery;
  form: FormState;
  units: Unit[];
  canCreate: boolean;
}): JSX.Element {
  const { t, locale } = view;
  const v = { ...query, ...form.values } as Record<string, unknown>;
  const past = Boolean(query.past);
  const pageCount = Math.ceil(data.total / data.pageSize);
  return (
    <Layout view={view} title={t('event_page.title')}>
      <PageHeader title={t('event_page.title')} lead={t('event_page.lead')}>
        {canCreate ? (
          <a href="/events/new" class="button" safe>
            {t('event_page.new')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="get" action="/events" class="filters card" role="search" aria-label={t('event_page.filter')}>
        <SelectField name="unit" label={t('event_page.unit')} value={v.unit} errors={form.errors} emptyLabel={t('event_page.any_unit')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        <SelectField name="kind" label={t('event_page.kind')} value={v.kind} errors={form.errors} emptyLabel={t('event_page.any_kind')} options={eventKinds.map((k) => ({ value: k, label: t(eventKindLabel[k]) }))} />
        <div class="field checkbox-field">
          <input id="field-past" type="checkbox" name="past" value="1" checked={past} />
          <label for="field-past" safe>
            {t('event_page.show_past')}
          </label>
        </div>
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('form.filter')}
          </button>
          <a href="/events" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <h2 class="visually-hidden" safe>
        {past ? t('event_page.past_heading') : t('event_page.upcoming_heading')}
      </h2>
      <p class="result-count" role="status" safe>
        {t(past ? 'event_page.count_past' : 'event_page.count', { count: data.total, formatted: formatNumber(locale, data.total) })}
      </p>
      {data.items.length === 0 ? (
        <EmptyState title={past ? t('event_page.empty_past_title') : t('event_page.empty_title')} text={t('event_page.empty_text')} />
      ) : (
        <ul class="event-list">
          {data.items.map((e) => (
            <EventCardItem view={view} e={e} />
          ))}
        </ul>
      )}
      <Pagination view={view} page={data.page} pageCount={pageCount} hrefFor={(p) => eventListHref(query, p)} />
    </Layout>
  );
}
