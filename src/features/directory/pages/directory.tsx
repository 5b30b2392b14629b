import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { Unit } from '../../../kernel/units.js';
import type { DirectoryEntry, DirectoryQuery } from '../schema.js';
import { StaffContact } from './staff-contact.js';

function initials(e: DirectoryEntry): string {
  return `${e.firstName.slice(0, 1)}${e.lastName.slice(0, 1)}`.toUpperCase();
}

function EntryCard({ view, entry }: { view: View; entry: DirectoryEntry }): JSX.Element {
  const { t } = view;
  const name = `${entry.firstName} ${entry.lastName}`;
  return (
    <li class="staff-card">
      {entry.photoUrl ? (
        <img src={entry.photoUrl} alt={t('directory.photo_of', { name })} class="staff-photo" width="96" height="96" loading="lazy" />
      ) : (
        <span class="staff-photo staff-initials" aria-hidden="true" safe>
          {initials(entry)}
        </span>
      )}
      <StaffContact view={view} entry={entry}>
        {entry.topics.length > 0 ? (
          <ul class="topic-list" aria-label={t('directory.topics_label')}>
            {entry.topics.map((topic) => (
              <li>
                <a href={`/directory?q=${encodeURIComponent(topic)}`} class="topic" safe>
                  {topic}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          ''
        )}
        {entry.bio ? (
          <p class="staff-bio" safe>
            {entry.bio}
          </p>
        ) : (
          ''
        )}
      </StaffContact>
    </li>
  );
}

/** Entries by office, in the order the query gave them (office, then name). */
function byOffice(entries: DirectoryEntry[]): { unitId: string; unitName: string; entries: DirectoryEntry[] }[] {
  const groups: { unitId: string; unitName: string; entries: DirectoryEntry[] }[] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.unitId === e.unitId) last.entries.push(e);
    else groups.push({ unitId: e.unitId, unitName: e.unitName, entries: [e] });
  }
  return groups;
}

export function DirectoryPage({ view, entries, query, form, units, links }: { view: View; entries: DirectoryEntry[]; query: DirectoryQuery; form: FormState; units: Unit[]; links: { own: boolean; manage: boolean } }): JSX.Element {
  const { t, locale } = view;
  const v = { ...query, ...form.values } as Record<string, unknown>;
  return (
    <Layout view={view} title={t('directory.title')}>
      <PageHeader title={t('directory.title')} lead={t('directory.lead')}>
        {links.own ? (
          <a href="/directory/me" class="button button-secondary" safe>
            {t('directory.edit_own')}
          </a>
        ) : (
          ''
        )}
        {links.manage ? (
          <a href="/admin/directory" class="button button-secondary" safe>
            {t('directory.manage')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="get" action="/directory" class="filters card" role="search" aria-label={t('directory.search_label')}>
        <TextField name="q" type="search" label={t('directory.search')} hint={t('directory.search_hint')} value={v.q} errors={form.errors} />
        <SelectField name="unit" label={t('directory.office')} value={v.unit} errors={form.errors} emptyLabel={t('directory.all_offices')} options={units.map((u) => ({ value: u.id, label: u.name }))} />
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('directory.search_button')}
          </button>
          <a href="/directory" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <p class="result-count" role="status" safe>
        {t('directory.count', { count: entries.length, formatted: formatNumber(locale, entries.length) })}
      </p>
      {entries.length === 0 ? (
        <EmptyState title={t('directory.empty_title')} text={t('directory.empty_text')} />
      ) : (
        byOffice(entries).map((g) => (
          <section class="office" aria-labelledby={`office-${g.unitId}`}>
            <h2 id={`office-${g.unitId}`} safe>
              {g.unitName}
            </h2>
            <ul class="staff-grid">
              {g.entries.map((e) => (
                <EntryCard view={view} entry={e} />
              ))}
            </ul>
          </section>
        ))
      )}
    </Layout>
  );
}
