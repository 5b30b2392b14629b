import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { parseForm, readMultipart, formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError, fieldErrorsFromZod, type FieldError } from '../../platform/errors.js';
import { localDate } from '../events/index.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { can } from './policy.js';
import { articleBySlug, issueBySlug, type IssueDetail } from './queries.js';
import { createIssue, deleteIssue, publishIssue, unpublishIssue, updateIssue, type WrongStatus } from './issues.js';
import { createArticle, deleteArticle, moveArticle, updateArticle } from './articles.js';
import { checkFile, COVER_MAX_BYTES, MAX_BYTES, PDF_MAX_BYTES, removeFile, setCover, setPdf, type Upload } from './files.js';
import { articleInput, coverInput, issueInput, moveInput } from './schema.js';
import type { IssueFileKind } from './tables.js';
import { issueStatusLabel } from './labels.js';
import { problemsToErrors, refuse, uploadedBytes } from './http.js';
import { articleParams, paramsOf, slugParams } from './page-routes.js';
import { issuePath } from './feed.js';
import { NewIssuePage, IssueEditPage, type EditForms } from './pages/issue-form.js';
import { ArticleFormPage } from './pages/article-form.js';

// The platform's upload limit (2 MB) is smaller than a cover or a whole issue as PDF. A file over the
// route's limit is cut off rather than refused mid-upload, so the page can say so in words; memory
// holds at most the limit.
const uploadConfig = (max: number) => ({ multipartOptions: { limits: { fileSize: max, files: 1, fields: 4, parts: 5 }, throwFileSizeLimit: false } }) as FastifyContextConfig;

/** The staff pages of the magazine: new issue, its edit page with cover, PDF and articles, and publishing. */
export async function magazineStaffPages(app: FastifyInstance): Promise<void> {
  // Whoever may not make the magazine is refused when the request arrives, before an upload is read.
  const guard = async (req: FastifyRequest) => allow(req, can(req.actor, 'magazine.manage'));

  /** The issue of the address, for staff. */
  const staffIssue = async (req: FastifyRequest): Promise<IssueDetail> => {
    const { slug } = paramsOf(slugParams, req.params);
    const found = await issueBySlug(app.db, req.actor, slug);
    if (!found.ok) refuse(req, found);
    if (!found.may.manage) refuse(req, { ok: false, reason: 'forbidden' });
    return found.issue;
  };

  const editPage = async (req: FastifyRequest, reply: FastifyReply, issue: IssueDetail, forms: EditForms = {}, status = 200) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .html(<IssueEditPage view={await reply.view()} issue={issue} forms={forms} />);

  const toEdit = (reply: FastifyReply, slug: string, message: string) => {
    reply.flash('success', message);
    return reply.redirect(`${issuePath(slug)}/edit`, 303);
  };

  const wrongStatus = (req: FastifyRequest, r: WrongStatus): FieldError[] => [fieldError(req.t, 'status', 'magazine.wrong_status', { status: req.t(issueStatusLabel[r.status]) })];

  // --- issues ---

  app.get('/magazine/new', { onRequest: guard }, async (req, reply) => {
    const today = localDate(new Date(), organisationTimeZone);
    return reply.header('cache-control', 'no-store').html(<NewIssuePage view={await reply.view()} form={emptyForm({ year: today.slice(0, 4), publishedOn: today, audience: 'members' })} />);
  });

  app.post('/magazine', { onRequest: guard }, async (req, reply) => {
    const page = async (form: FormState, status: number) => reply.status(status).html(<NewIssuePage view={await reply.view()} form={form} />);
    const form = parseForm(issueInput, req.body, req.t);
    if (!form.ok) return page(form, 422);
    const result = await createIssue(app.db, req.actor, form.data);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return page({ values: formValues(req.body), errors: problemsToErrors(req.t, result.errors) }, 422);
    }
    return toEdit(reply, result.issue.slug, req.t('magazine.flash.created'));
  });

  app.get('/magazine/:slug/edit', { onRequest: guard }, async (req, reply) => editPage(req, reply, await staffIssue(req)));

  app.post('/magazine/:slug/edit', { onRequest: guard }, async (req, reply) => {
    const issue = await staffIssue(req);
    const form = parseForm(issueInput, req.body, req.t);
    if (!form.ok) return editPage(req, reply, issue, { details: form }, 422);
    const result = await updateIssue(app.db, req.actor, issue.id, form.data);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return editPage(req, reply, issue, { details: { values: formValues(req.body), errors: problemsToErrors(req.t, result.errors) } }, 422);
    }
    return toEdit(reply, issue.slug, req.t('magazine.flash.saved'));
  });

  for (const action of ['publish', 'unpublish'] as const) {
    app.post(`/magazine/:slug/${action}`, { onRequest: guard }, async (req, reply) => {
      const issue = await staffIssue(req);
      const result = await (action === 'publish' ? publishIssue : unpublishIssue)(app.db, req.actor, issue.id);
      if (!result.ok) {
        if (result.reason === 'wrong_status') return editPage(req, reply, issue, { status: { values: {}, errors: wrongStatus(req, result) } }, 409);
        if (result.reason !== 'invalid') refuse(req, result);
      }
      return toEdit(reply, issue.slug, req.t(action === 'publish' ? 'magazine.flash.published' : 'magazine.flash.unpublished'));
    });
  }

  app.post('/magazine/:slug/delete', { onRequest: guard }, async (req, reply) => {
    const issue = await staffIssue(req);
    const result = await deleteIssue(app.db, req.actor, issue.id);
    if (!result.ok) {
      if (result.reason === 'wrong_status') return editPage(req, reply, issue, { status: { values: {}, errors: wrongStatus(req, result) } }, 409);
      refuse(req, result);
    }
    reply.flash('success', req.t('magazine.flash.deleted', { title: issue.title }));
    return reply.redirect('/magazine', 303);
  });

  // --- files ---

  /** The uploaded file of a multipart form, or the errors to show; an empty file input is no file. */
  const readUpload = async (req: FastifyRequest, kind: IssueFileKind): Promise<{ values: Record<string, string>; file: Upload | null; errors: FieldError[] }> => {
    const { values, files } = readMultipart(req.body);
    const part = files[kind];
    if (!part) return { values, file: null, errors: [] };
    const read = await uploadedBytes(part);
    if (!read.ok) return { values, file: null, errors: [fieldError(req.t, kind, 'magazine.file_too_large', { max: Math.round(MAX_BYTES[kind] / 1024 / 1024) })] };
    const checked = checkFile(kind, read);
    return { values, file: read, errors: checked.ok ? [] : problemsToErrors(req.t, checked.errors) };
  };

  app.post('/magazine/:slug/cover', { config: uploadConfig(COVER_MAX_BYTES), onRequest: guard }, async (req, reply) => {
    const issue = await staffIssue(req);
    const upload = await readUpload(req, 'cover');
    const alt = coverInput.safeParse({ coverAlt: upload.values.coverAlt ?? '' });
    const errors = [...upload.errors, ...(alt.success ? [] : fieldErrorsFromZod(alt.error, req.t))];
    if (errors.length || !alt.success) return editPage(req, reply, issue, { cover: { values: upload.values, errors } }, 422);
    const result = await setCover(app.db, req.actor, issue.id, { file: upload.file, coverAlt: alt.data.coverAlt });
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return editPage(req, reply, issue, { cover: { values: upload.values, errors: problemsToErrors(req.t, result.errors) } }, 422);
    }
    return toEdit(reply, issue.slug, req.t('magazine.flash.cover_saved'));
  });

  app.post('/magazine/:slug/pdf', { config: uploadConfig(PDF_MAX_BYTES), onRequest: guard }, async (req, reply) => {
    const issue = await staffIssue(req);
    const upload = await readUpload(req, 'pdf');
    if (upload.errors.length) return editPage(req, reply, issue, { pdf: { values: {}, errors: upload.errors } }, 422);
    const result = await setPdf(app.db, req.actor, issue.id, upload.file);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return editPage(req, reply, issue, { pdf: { values: {}, errors: problemsToErrors(req.t, result.errors) } }, 422);
    }
    return toEdit(reply, issue.slug, req.t('magazine.flash.pdf_saved'));
  });

  for (const kind of ['cover', 'pdf'] as const) {
    app.post(`/magazine/:slug/${kind}/delete`, { onRequest: guard }, async (req, reply) => {
      const issue = await staffIssue(req);
      const result = await removeFile(app.db, req.actor, issue.id, kind);
      if (!result.ok && result.reason !== 'invalid') refuse(req, result);
      return toEdit(reply, issue.slug, req.t(kind === 'cover' ? 'magazine.flash.cover_removed' : 'magazine.flash.pdf_removed'));
    });
  }

  // --- articles ---

  const articlePage = async (reply: FastifyReply, issue: IssueDetail, article: Parameters<typeof ArticleFormPage>[0]['article'], form: FormState, status = 200) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .html(<ArticleFormPage view={await reply.view()} issue={issue} article={article} form={form} />);

  app.get('/magazine/:slug/new-article', { onRequest: guard }, async (req, reply) => articlePage(reply, await staffIssue(req), null, emptyForm()));

  app.post('/magazine/:slug/new-article', { onRequest: guard }, async (req, reply) => {
    const issue = await staffIssue(req);
    const form = parseForm(articleInput, req.body, req.t);
    if (!form.ok) return articlePage(reply, issue, null, form, 422);
    const result = await createArticle(app.db, req.actor, issue.id, form.data);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return articlePage(reply, issue, null, { values: formValues(req.body), errors: problemsToErrors(req.t, result.errors) }, 422);
    }
    return toEdit(reply, issue.slug, req.t('magazine.flash.article_added', { title: result.article.title }));
  });

  const staffArticle = async (req: FastifyRequest) => {
    const { slug, articleSlug } = paramsOf(articleParams, req.params);
    const found = await articleBySlug(app.db, req.actor, slug, articleSlug, 'magazine.manage');
    if (!found.ok) refuse(req, found);
    return found;
  };

  app.get('/magazine/:slug/:articleSlug/edit', { onRequest: guard }, async (req, reply) => {
    const found = await staffArticle(req);
    return articlePage(reply, found.issue, found.article, emptyForm());
  });

  app.post('/magazine/:slug/:articleSlug/edit', { onRequest: guard }, async (req, reply) => {
    const found = await staffArticle(req);
    const form = parseForm(articleInput, req.body, req.t);
    if (!form.ok) return articlePage(reply, found.issue, found.article, form, 422);
    const result = await updateArticle(app.db, req.actor, found.issue.id, found.article.id, form.data);
    if (!result.ok) {
      if (result.reason !== 'invalid') refuse(req, result);
      return articlePage(reply, found.issue, found.article, { values: formValues(req.body), errors: problemsToErrors(req.t, result.errors) }, 422);
    }
    return toEdit(reply, found.issue.slug, req.t('magazine.flash.article_saved', { title: result.article.title }));
  });

  app.post('/magazine/:slug/:articleSlug/move', { onRequest: guard }, async (req, reply) => {
    const found = await staffArticle(req);
    const form = parseForm(moveInput, req.body, req.t);
    if (!form.ok) return editPage(req, reply, found.issue, { status: form }, 422);
    const result = await moveArticle(app.db, req.actor, found.issue.id, found.article.id, form.data);
    if (!result.ok) refuse(req, result);
    return toEdit(reply, found.issue.slug, req.t('magazine.flash.article_moved', { title: found.article.title }));
  });

  app.post('/magazine/:slug/:articleSlug/delete', { onRequest: guard }, async (req, reply) => {
    const found = await staffArticle(req);
    const result = await deleteArticle(app.db, req.actor, found.issue.id, found.article.id);
    if (!result.ok) refuse(req, result);
    return toEdit(reply, found.issue.slug, req.t('magazine.flash.article_deleted', { title: found.article.title }));
  });
}
