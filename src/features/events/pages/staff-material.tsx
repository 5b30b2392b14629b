import type { PropsWithChildren } from '@kitajs/html';
import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, SelectField } from '../../../platform/html/components.js';
import type { FieldError } from '../../../platform/errors.js';
import type { View } from '../../../platform/html/view.js';
import { materialVisibilities } from '../tables.js';
import { MATERIAL_MAX_BYTES, materialTypes } from '../materials.js';
import type { EventDetail } from '../schema.js';
import { formatSize } from '../../../platform/i18n/format.js';
import { materialHref } from './parts.js';
import { formatClock, formatMoment, staffPath, StaffHeader, type StaffRights } from './staff-parts.js';
import { materialVisibilityLabel } from '../labels.js';

const accept = Object.keys(materialTypes)
  .map((ext) => `.${ext}`)
  .join(',');

export interface MaterialErrors {
  file: FieldError[];
  visibility: FieldError[];
  slides: FieldError[];
}

/**
 * One of the page's forms in a card of its own: `name` is the card's id and the prefix of its
 * fields and errors, so each form's error summary links to its own fields.
 */
function FormCard({
  view,
  name,
  title,
  hint,
  errors,
  action,
  enctype,
  submit,
  children,
}: PropsWithChildren<{ view: View; name: string; title: string; hint?: string; errors: FieldError[]; action: string; enctype?: string; submit: { label: string; class: string } }>): JSX.Element {
  return (
    <section class="card narrow" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`} safe>
        {title}
      </h2>
      {hint ? (
        <p class="hint" safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary view={view} errors={errors} prefix={name} />
      <form method="post" action={action} enctype={enctype}>
        <Csrf view={view} />
        {children}
        <div class="form-actions">
          <button type="submit" class={submit.class} safe>
            {submit.label}
          </button>
        </div>
      </form>
    </section>
  );
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

      <FormCard
        view={view}
        name="upload"
        title={t('event_staff.material.upload_title')}
        errors={errors.file}
        action={staffPath(e.slug, 'material')}
        enctype="multipart/form-data"
        submit={{ label: t('event_staff.material.upload'), class: 'button' }}
      >
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
      </FormCard>

      <FormCard
        view={view}
        name="visibility"
        title={t('fields.materialVisibility')}
        errors={errors.visibility}
        action={staffPath(e.slug, 'material/visibility')}
        submit={{ label: t('form.save'), class: 'button button-secondary' }}
      >
        <fieldset id="visibility-materialVisibility" class="field member-choices" tabindex="-1">
          <legend class="visually-hidden" safe>
            {t('fields.materialVisibility')}
          </legend>
          {materialVisibilities.map((mv, i) => (
            <div class="member-choice">
              <input type="radio" id={`visibility-${i}`} name="materialVisibility" value={mv} checked={e.materialVisibility === mv} />
              <label for={`visibility-${i}`} safe>
                {t(materialVisibilityLabel[mv])}
              </label>
            </div>
          ))}
        </fieldset>
      </FormCard>

      {e.programme.length > 0 && e.materials.length > 0 ? (
        <FormCard
          view={view}
          name="slides"
          title={t('event_staff.material.slides_title')}
          hint={t('event_staff.material.slides_hint')}
          errors={errors.slides}
          action={staffPath(e.slug, 'material/slides')}
          submit={{ label: t('form.save'), class: 'button button-secondary' }}
        >
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
        </FormCard>
      ) : (
        ''
      )}
    </Layout>
  );
}
