import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, SelectField } from '../../../platform/html/components.js';
import type { FieldError } from '../../../platform/errors.js';
import type { View } from '../../../platform/html/view.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import { materialVisibilities } from '../tables.js';
import { MATERIAL_MAX_BYTES, materialTypes } from '../materials.js';
import type { EventDetail } from '../schema.js';
import { formatClock, formatMoment, staffPath, StaffHeader, type StaffRights } from './staff-parts.js';

/** "2,4 MB", "310 kB" in the reader's language. */
export function formatSize(locale: Locale, bytes: number): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(intlTag[locale], { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: mb ? 1 : 0 }).format(mb ? bytes / 1024 / 1024 : Math.max(1, Math.round(bytes / 1024)));
}

/** Where a file of the event’s material is fetched (the public pages serve it, to everyone allowed to see it). */
export const materialHref = (slug: string, id: string) => `/events/${encodeURIComponent(slug)}/materials/${id}`;

const accept = Object.keys(materialTypes)
  .map((ext) => `.${ext}`)
  .join(',');

export interface MaterialErrors {
  file: FieldError[];
  visibility: FieldError[];
  slides: FieldError[];
}

export function MaterialPage({ view, e, rights, errors }: { view: View; e: EventDetail; rights: StaffRights; errors: MaterialErrors }): JSX.Element {
  const { t, locale } = view;
  const fileError = errors.file[0];
  const slidesOf = new Map(e.programme.filter((p) => p.materialId).map((p) => [p.materialId!, p.title]));
  return (
    <Layout view={view} title={t('event_staff.material.title', { title: e.title })}>
      <StaffHeader view={view} event={e} rights={rights} current="material" />
      <section class="card" aria-labelledby="files-title">
        <h2 id="files-title" safe>
          {t('event_staff.material.files_title')}
        </h2>
        {e.materials.length === 0 ? (
          <EmptyState title={t('event_staff.material.none')} />
        ) : (
          <ul class="material-list">
            {e.materials.map((m) => (
              <li>
                <div class="material-file">
                  <a href={materialHref(e.slug, m.id)} safe>
                    {m.fileName}
                  </a>
                  <span class="muted cell-note" safe>
                    {`${formatSize(locale, m.size)} · ${formatMoment(locale, m.createdAt, e.timeZone)}`}
                  </span>
                  {slidesOf.has(m.id) ? (
                    <span class="cell-note" safe>
                      {t('event_staff.material.slides_for', { item: slidesOf.get(m.id) })}
                    </span>
                  ) : (
                    ''
                  )}
                </div>
                <form method="post" action={staffPath(e.slug, `material/${m.id}/delete`)}>
                  <Csrf view={view} />
                  <button type="submit" class="button button-small button-secondary" aria-label={t('event_staff.material.delete_named', { name: m.fileName })} safe>
                    {t('event_staff.material.delete')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card narrow" aria-labelledby="upload-title">
        <h2 id="upload-title" safe>
          {t('event_staff.material.upload_title')}
        </h2>
        <ErrorSummary view={view} errors={errors.file} prefix="upload" />
        <form method="post" action={staffPath(e.slug, 'material')} enctype="multipart/form-data">
          <Csrf view={view} />
          <div class={fileError ? 'field field-invalid' : 'field'}>
            <label for="upload-file" safe>
              {t('event_staff.material.file')}
            </label>
            <p class="hint" id="upload-hint-file" safe>
              {t('event_staff.material.file_hint', { max: MATERIAL_MAX_BYTES / 1024 / 1024 })}
            </p>
            {fileError ? (
              <p class="field-error" id="upload-error-file" safe>
                {fileError.message}
              </p>
            ) : (
              ''
            )}
            <input id="upload-file" type="file" name="file" accept={accept} aria-invalid={fileError ? 'true' : undefined} aria-describedby={fileError ? 'upload-hint-file upload-error-file' : 'upload-hint-file'} />
          </div>
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {t('event_staff.material.upload')}
            </button>
          </div>
        </form>
      </section>

      <section class="card narrow" aria-labelledby="visibility-title">
        <h2 id="visibility-title" safe>
          {t('fields.materialVisibility')}
        </h2>
        <ErrorSummary view={view} errors={errors.visibility} prefix="visibility" />
        <form method="post" action={staffPath(e.slug, 'material/visibility')}>
          <Csrf view={view} />
          <fieldset id="visibility-materialVisibility" class="field member-choices" tabindex="-1">
            <legend class="visually-hidden" safe>
              {t('fields.materialVisibility')}
            </legend>
            {materialVisibilities.map((mv, i) => (
              <div class="member-choice">
                <input type="radio" id={`visibility-${i}`} name="materialVisibility" value={mv} checked={e.materialVisibility === mv} />
                <label for={`visibility-${i}`} safe>
                  {t(`event_staff.visibility.${mv}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button button-secondary" safe>
              {t('form.save')}
            </button>
          </div>
        </form>
      </section>

      {e.programme.length > 0 && e.materials.length > 0 ? (
        <section class="card narrow" aria-labelledby="slides-title">
          <h2 id="slides-title" safe>
            {t('event_staff.material.slides_title')}
          </h2>
          <p class="hint" safe>
            {t('event_staff.material.slides_hint')}
          </p>
          <ErrorSummary view={view} errors={errors.slides} prefix="slides" />
          <form method="post" action={staffPath(e.slug, 'material/slides')}>
            <Csrf view={view} />
            {e.programme.map((p) => (
              <SelectField
                prefix="slides"
                name={`slides.${p.id}`}
                label={p.startsAt ? `${formatClock(locale, p.startsAt, e.timeZone)} ${p.title}` : p.title}
                value={p.materialId ?? ''}
                errors={errors.slides}
                emptyLabel={t('event_staff.no_slides')}
                options={e.materials.map((m) => ({ value: m.id, label: m.fileName }))}
              />
            ))}
            <div class="form-actions">
              <button type="submit" class="button button-secondary" safe>
                {t('form.save')}
              </button>
            </div>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
