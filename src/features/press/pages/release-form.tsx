import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, FileField, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { DirectoryEntry } from '../../directory/index.js';
import { PHOTO_MAX_BYTES } from '../photo.js';
import type { Release } from '../queries.js';
import { photoPath, PressCrumbs, releasePath, StateBadge } from './parts.js';

/** The form's values for a release being changed: the embargo as a date and a time on the organisation's clock. */
export interface ReleaseFormValues {
  title?: unknown;
  summary?: unknown;
  content?: unknown;
  contactPersonId?: unknown;
  embargoDate?: unknown;
  embargoTime?: unknown;
  photoCredit?: unknown;
  photoAlt?: unknown;
  removePhoto?: unknown;
}

/** A new press release or one being changed, with its photo, in one multipart form. */
export function ReleaseFormPage({ view, release, contacts, form }: { view: View; release: Release | null; contacts: DirectoryEntry[]; form: FormState<ReleaseFormValues> }): JSX.Element {
  const { t } = view;
  const title = release ? t('press.edit_release') : t('press.new_release');
  const v = form.values as ReleaseFormValues;
  const photo = release ? photoPath(release) : null;
  return (
    <Layout view={view} title={title}>
      <PressCrumbs view={view} />
      <PageHeader title={title} lead={release?.title} />
      {release ? (
        <p>
          <StateBadge view={view} release={release} />
        </p>
      ) : (
        ''
      )}
      <form method="post" action={release ? `${releasePath(release.slug)}/edit` : '/press'} enctype="multipart/form-data" class="card" novalidate>
        <Csrf view={view} />
        <ErrorSummary view={view} errors={form.errors} />
        <TextField name="title" label={t('fields.title')} value={v.title} errors={form.errors} maxlength={200} required />
        <TextArea name="summary" label={t('fields.summary')} hint={t('press.summary_hint')} value={v.summary} errors={form.errors} rows={3} maxlength={1000} required />
        <TextArea name="content" label={t('fields.content')} hint={t('press.markdown_hint')} value={v.content} errors={form.errors} rows={16} maxlength={100000} required />
        <SelectField
          name="contactPersonId"
          label={t('fields.contactPersonId')}
          hint={t('press.contact_hint')}
          value={v.contactPersonId}
          errors={form.errors}
          options={contacts.map((c) => ({ value: c.personId, label: `${c.firstName} ${c.lastName} – ${c.title}` }))}
          emptyLabel={t('press.choose')}
          required
        />
        <fieldset class="press-fieldset">
          <legend safe>{t('press.embargo')}</legend>
          <p class="hint" safe>
            {t('press.embargo_hint')}
          </p>
          <div class="grid compact field-pair">
            <TextField name="embargoDate" type="date" label={t('fields.embargoDate')} value={v.embargoDate} errors={form.errors} />
            <TextField name="embargoTime" type="time" label={t('fields.embargoTime')} value={v.embargoTime} errors={form.errors} />
          </div>
        </fieldset>
        <fieldset class="press-fieldset">
          <legend safe>{t('fields.photo')}</legend>
          {photo && release?.photo ? <img src={photo} alt={release.photo.alt} class="press-photo-preview" /> : ''}
          <FileField name="photo" label={t(photo ? 'press.replace_photo' : 'press.choose_photo')} hint={t('press.photo_hint', { max: PHOTO_MAX_BYTES / 1024 / 1024 })} accept="image/jpeg,image/png,image/webp" errors={form.errors} />
          <TextField name="photoCredit" label={t('fields.photoCredit')} hint={t('press.photo_credit_hint')} value={v.photoCredit} errors={form.errors} maxlength={200} />
          <TextField name="photoAlt" label={t('fields.photoAlt')} hint={t('press.photo_alt_hint')} value={v.photoAlt} errors={form.errors} maxlength={300} />
          {photo ? (
            <div class="check-row">
              <input type="checkbox" id="field-removePhoto" name="removePhoto" value="on" checked={v.removePhoto === 'on' || v.removePhoto === true} />
              <label for="field-removePhoto" safe>
                {t('press.remove_photo')}
              </label>
            </div>
          ) : (
            ''
          )}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {release ? t('press.save') : t('press.create_release')}
          </button>
          <a href={release ? releasePath(release.slug) : '/press'} class="button button-secondary" safe>
            {t('press.cancel')}
          </a>
        </div>
      </form>
      {release ? <ReleaseActions view={view} release={release} /> : ''}
    </Layout>
  );
}

/** Publishing, taking back and deleting, below the form. */
function ReleaseActions({ view, release }: { view: View; release: Release }): JSX.Element {
  const { t } = view;
  const base = releasePath(release.slug);
  return (
    <section class="card" aria-labelledby="publishing-title">
      <h2 id="publishing-title" safe>
        {t('press.publishing')}
      </h2>
      <p safe>{release.status === 'published' ? (release.released ? t('press.is_released') : t('press.is_embargoed')) : t('press.is_draft')}</p>
      <div class="inline-actions">
        <form method="post" action={`${base}/${release.status === 'published' ? 'unpublish' : 'publish'}`}>
          <Csrf view={view} />
          <button type="submit" class={release.status === 'published' ? 'button button-secondary' : 'button'} safe>
            {release.status === 'published' ? t('press.unpublish') : t('press.publish')}
          </button>
        </form>
        {release.status === 'draft' ? (
          <form method="post" action={`${base}/delete`}>
            <Csrf view={view} />
            <button type="submit" class="button button-danger" safe>
              {t('press.delete_release')}
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
    </section>
  );
}
