import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, EmptyState, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../../kernel/units.js';
import type { StaffPerson } from '../profiles.js';
import { photoUrl } from '../profiles.js';
import { MAX_TOPICS } from '../schema.js';

function PhotoSection({ view, person, base, errors }: { view: View; person: StaffPerson; base: string; errors: FormState['errors'] }): JSX.Element {
  const { t } = view;
  const profile = person.profile;
  return (
    <section class="card" aria-labelledby="photo-title">
      <h2 id="photo-title" safe>
        {t('directory.photo')}
      </h2>
      {!profile ? (
        <p class="muted" safe>
          {t('directory.photo_after_save')}
        </p>
      ) : (
        <>
          {profile.hasPhoto ? (
            <img src={photoUrl(person.personId, profile.updatedAt)} alt={t('directory.current_photo')} class="staff-photo staff-photo-large" width="160" height="160" />
          ) : (
            <p class="muted" safe>
              {t('directory.no_photo')}
            </p>
          )}
          <ErrorSummary view={view} errors={errors} prefix="photo" />
          <form method="post" action={`${base}/photo`} enctype="multipart/form-data">
            <Csrf view={view} />
            <div class={errors.length ? 'field field-invalid' : 'field'}>
              <label for="photo-photo" safe>
                {t('directory.upload_photo')}
              </label>
              <p class="hint" id="photo-hint" safe>
                {t('directory.photo_hint')}
              </p>
              {errors.map((e) => (
                <p class="field-error" id="photo-error-photo" safe>
                  {e.message}
                </p>
              ))}
              <input id="photo-photo" type="file" name="photo" accept="image/png,image/jpeg,image/webp" aria-describedby={errors.length ? 'photo-hint photo-error-photo' : 'photo-hint'} />
            </div>
            <button type="submit" class="button button-secondary" safe>
              {t('directory.upload')}
            </button>
          </form>
          {profile.hasPhoto ? (
            <form method="post" action={`${base}/photo/delete`}>
              <Csrf view={view} />
              <button type="submit" class="button button-link danger" safe>
                {t('directory.remove_photo')}
              </button>
            </form>
          ) : (
            ''
          )}
        </>
      )}
    </section>
  );
}

/** The entry form, for a staff member's own entry (`/directory/me`) and for admins (`/admin/directory/:personId`). */
export function ProfileEditPage({ view, person, base, form, photoErrors, units, own }: { view: View; person: StaffPerson; base: string; form: FormState; photoErrors: FormState['errors']; units: Unit[]; own: boolean }): JSX.Element {
  const { t } = view;
  const profile = person.profile;
  const defaults = profile ? { ...profile, topics: profile.topics.join(', ') } : { published: true };
  const v = { ...defaults, ...form.values } as Record<string, unknown>;
  // A re-shown form keeps what was sent: an unticked box sends nothing at all.
  const sent = form.errors.length > 0;
  const published = sent ? form.values.published === 'on' || form.values.published === true : Boolean(defaults.published);
  const name = `${person.firstName} ${person.lastName}`;
  const title = own ? t('directory.my_entry') : t('directory.entry_of', { name });
  return (
    <Layout view={view} title={title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/directory" safe>
          {t('directory.title')}
        </a>
        {own ? (
          ''
        ) : (
          <>
            <span aria-hidden="true"> / </span>
            <a href="/admin/directory" safe>
              {t('directory.manage')}
            </a>
          </>
        )}
      </nav>
      <PageHeader title={title} lead={own ? t('directory.my_entry_lead') : t('directory.entry_lead')}>
        {profile ? (
          profile.published ? (
            <Badge kind="success">
              <span safe>{t('directory.published')}</span>
            </Badge>
          ) : (
            <Badge kind="warning">
              <span safe>{t('directory.hidden')}</span>
            </Badge>
          )
        ) : (
          <Badge kind="neutral">
            <span safe>{t('directory.no_entry')}</span>
          </Badge>
        )}
      </PageHeader>
      {units.length === 0 ? <EmptyState title={t('directory.no_offices')} /> : ''}
      <div class="grid grid-sidebar align-start">
        <section class="card">
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action={base} novalidate>
            <Csrf view={view} />
            <TextField name="title" label={t('fields.title')} hint={t('directory.title_hint')} value={v.title} errors={form.errors} required maxlength={120} />
            <SelectField name="unitId" label={t('directory.office')} value={v.unitId} errors={form.errors} required emptyLabel={t('directory.choose_office')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
            <div class="grid grid-2 compact">
              <TextField name="directPhone" type="tel" label={t('fields.directPhone')} value={v.directPhone} errors={form.errors} autocomplete="tel" maxlength={40} />
              <TextField name="publicEmail" type="email" label={t('fields.publicEmail')} value={v.publicEmail} errors={form.errors} autocomplete="email" />
            </div>
            <TextField name="topics" label={t('fields.topics')} hint={t('directory.topics_hint', { max: MAX_TOPICS })} value={v.topics} errors={form.errors} maxlength={2000} />
            <TextArea name="bio" label={t('fields.bio')} hint={t('directory.bio_hint')} value={v.bio} errors={form.errors} rows={4} maxlength={2000} />
            <div class="field checkbox-field">
              <input id="field-published" type="checkbox" name="published" checked={published} aria-describedby="field-hint-published" />
              <label for="field-published" safe>
                {t('fields.published')}
              </label>
              <p class="hint" id="field-hint-published" safe>
                {t('directory.published_hint')}
              </p>
            </div>
            <div class="form-actions">
              <button type="submit" class="button" safe>
                {t('form.save')}
              </button>
              <a href={own ? '/directory' : '/admin/directory'} class="button button-secondary" safe>
                {t('form.cancel')}
              </a>
            </div>
          </form>
        </section>
        <PhotoSection view={view} person={person} base={base} errors={photoErrors} />
      </div>
    </Layout>
  );
}
