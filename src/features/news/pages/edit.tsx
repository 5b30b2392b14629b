import { Layout } from '../../../platform/html/layout.js';
import { CheckboxField, Csrf, ErrorSummary, FileField, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../../kernel/units.js';
import { postAudiences, postKinds } from '../tables.js';
import { coverPath, postPath, type PostRow } from '../queries.js';
import { COVER_MAX_BYTES, coverTypes } from '../cover.js';
import type { Author } from '../page-queries.js';
import { NewsCrumbs, PostBadges } from './parts.js';
import { postAudienceLabel, postKindLabel } from '../labels.js';

/** The cover upload, with the cover there now above it. */
function CoverField({ view, form, post }: { view: View; form: FormState; post: PostRow | null }): JSX.Element {
  const { t } = view;
  const current = post ? coverPath(post) : null;
  return (
    <FileField
      name="cover"
      label={t(current ? 'news_page.replace_cover' : 'news_page.cover_label')}
      hint={t('news_page.cover_hint', { max: COVER_MAX_BYTES / 1024 / 1024 })}
      accept={coverTypes.join(',')}
      errors={form.errors}
    >
      {current ? <img src={current} alt={post?.coverAlt ?? ''} class="news-cover-preview" /> : ''}
    </FileField>
  );
}

export interface PostFormProps {
  view: View;
  /** null: a new post. */
  post: PostRow | null;
  form: FormState;
  units: Unit[];
  authors: Author[];
}

/** The post form for staff and board: new or edit, with the cover upload in the same form (multipart). */
export function PostFormPage({ view, post, form, units, authors }: PostFormProps): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const title = post ? t('news_page.edit_title', { title: post.title }) : t('news_page.new_title');
  const action = post ? `${postPath(post.slug)}/edit` : '/news/new';
  return (
    <Layout view={view} title={title}>
      <NewsCrumbs view={view} post={post ?? undefined} />
      <PageHeader title={post ? t('news_page.edit') : t('news_page.new_title')} lead={post ? post.title : t('news_page.new_lead')} />
      {post ? (
        <p class="event-badges">
          <PostBadges view={view} post={post} status />
        </p>
      ) : (
        ''
      )}
      <form method="post" action={action} enctype="multipart/form-data" class="card event-form" novalidate>
        <Csrf view={view} />
        <ErrorSummary view={view} errors={form.errors} />
        <TextField name="title" label={t('fields.title')} value={v.title} errors={form.errors} required maxlength={200} />
        <TextField name="slug" label={t('fields.slug')} hint={t('news_page.slug_hint')} value={v.slug} errors={form.errors} maxlength={100} />
        <div class="grid grid-3 compact">
          <SelectField name="kind" label={t('fields.kind')} value={v.kind ?? 'news'} errors={form.errors} options={postKinds.map((k) => ({ value: k, label: t(postKindLabel[k]) }))} />
          <SelectField
            name="audience"
            label={t('fields.audience')}
            value={v.audience ?? 'public'}
            errors={form.errors}
            options={postAudiences.map((a) => ({ value: a, label: t(postAudienceLabel[a]) }))}
          />
          <SelectField name="unitId" label={t('fields.unitId')} value={v.unitId} errors={form.errors} required options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        </div>
        <SelectField
          name="authorId"
          label={t('fields.authorId')}
          hint={t('news_page.author_hint')}
          value={v.authorId}
          errors={form.errors}
          emptyLabel={t('news_page.editorial_team')}
          options={authors.map((a) => ({ value: a.id, label: a.name }))}
        />
        <TextArea name="summary" label={t('fields.summary')} hint={t('news_page.summary_hint')} value={v.summary} errors={form.errors} rows={3} maxlength={500} />
        <TextArea name="body" label={t('news_page.body')} hint={t('news_page.body_hint')} value={v.body} errors={form.errors} rows={16} required />
        <CheckboxField name="commentsEnabled" label={t('fields.commentsEnabled')} checked={v.commentsEnabled === true} hint={t('news_page.comments_hint')} />
        <fieldset class="form-section">
          <legend safe>{t('news_page.cover_legend')}</legend>
          <CoverField view={view} form={form} post={post} />
          {post && post.coverVersion !== null ? <CheckboxField name="removeCover" label={t('news_page.remove_cover')} checked={v.removeCover === true} /> : ''}
          <TextField name="coverAlt" label={t('news_page.cover_alt_label')} hint={t('news_page.cover_alt_hint')} value={v.coverAlt} errors={form.errors} maxlength={300} />
        </fieldset>
        <div class="form-actions">
          {post ? (
            <button type="submit" class="button" safe>
              {t('form.save')}
            </button>
          ) : (
            <>
              {/* The first button is the one Enter presses: a stray Enter in the title saves a draft, never publishes. */}
              <button type="submit" name="status" value="draft" class="button button-secondary" safe>
                {t('news_page.save_draft')}
              </button>
              <button type="submit" name="status" value="published" class="button" safe>
                {t('news_page.publish')}
              </button>
            </>
          )}
          <a href={post ? postPath(post.slug) : '/news/manage'} class="button button-secondary" safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
      {post ? <PostStateActions view={view} post={post} /> : ''}
    </Layout>
  );
}

/** Publish or unpublish, and the way to delete: separate forms, so saving the text never does either by accident. */
function PostStateActions({ view, post }: { view: View; post: PostRow }): JSX.Element {
  const { t } = view;
  const base = postPath(post.slug);
  return (
    <section class="card event-form" aria-labelledby="state-title">
      <h2 id="state-title" safe>
        {t('news_page.state_title')}
      </h2>
      <p safe>{t(post.status === 'published' ? 'news_page.state_published' : 'news_page.state_draft')}</p>
      <div class="inline-actions">
        <form method="post" action={`${base}/${post.status === 'published' ? 'unpublish' : 'publish'}`}>
          <Csrf view={view} />
          <button type="submit" class={post.status === 'published' ? 'button button-secondary' : 'button'} safe>
            {t(post.status === 'published' ? 'news_page.unpublish' : 'news_page.publish')}
          </button>
        </form>
      </div>
      <div class="danger-zone">
        <a href={`${base}/delete`} class="button button-danger" safe>
          {t('news_page.delete_post')}
        </a>
      </div>
    </section>
  );
}

/** "Delete this post?": a page of its own, so a post is never deleted by one stray click. */
export function DeletePostPage({ view, post }: { view: View; post: PostRow }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('news_page.delete_post')}>
      <NewsCrumbs view={view} post={post} />
      <div class="card narrow">
        <h1 safe>{t('news_page.delete_confirm_title', { title: post.title })}</h1>
        <p safe>{t('news_page.delete_confirm_text', { count: post.commentCount })}</p>
        <form method="post" action={`${postPath(post.slug)}/delete`} class="form-actions">
          <Csrf view={view} />
          <button type="submit" class="button button-danger" safe>
            {t('news_page.delete_post')}
          </button>
          <a href={`${postPath(post.slug)}/edit`} class="button button-secondary" safe>
            {t('form.cancel')}
          </a>
        </form>
      </div>
    </Layout>
  );
}
