import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { z } from 'zod';
import { fieldError, fieldErrorsFromZod, type FieldError } from '../../platform/errors.js';
import { readMultipart } from '../../platform/http/forms.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import type { CoverUpload } from './cover.js';
import type { FieldProblem } from '../../platform/outcomes.js';
import { postInput, postPatch, type PostInput, type PostPatch } from './schema.js';
import type { PostRow } from './queries.js';
import { labelOf, type LabelTable } from '../../platform/i18n/labels.js';

/**
 * The post form (multipart, for the cover) → the API's schemas. Errors name the form's fields in
 * this feature's own words (see OWN_LABELS).
 */

export type PageForm<T> = { ok: true; data: T; cover: CoverUpload | null | undefined; values: Record<string, unknown> } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

// The platform's labels for these names are other features' words (a message's "Besked", a magazine's "Forside").
const OWN_LABELS = {
  'fields.body': 'news_page.body',
  'fields.cover': 'news_page.cover_label',
  'fields.coverAlt': 'news_page.cover_alt_label',
} as const satisfies LabelTable<string>;

/** The reader's translator with this form's own field labels. */
export function formT(t: Translate): Translate {
  const wrapped = (key: unknown, ...rest: unknown[]) => {
    const own = typeof key === 'string' ? labelOf(OWN_LABELS, key) : undefined;
    return (t as unknown as (k: unknown, ...r: unknown[]) => string)(own ?? key, ...rest);
  };
  return wrapped as unknown as Translate;
}

/** Use-case problems as the form's field errors. */
export function problemsToErrors(req: FastifyRequest, problems: FieldProblem[]): FieldError[] {
  const t = formT(req.t);
  return problems.map((p) => fieldError(t, p.path, p.code, p.params));
}

/** The chosen cover file (a file input left empty sends none). */
async function coverUpload(file: MultipartFile | undefined): Promise<CoverUpload | undefined> {
  if (!file) return undefined;
  const bytes = await file.toBuffer();
  return { bytes, mime: file.mimetype, truncated: file.file.truncated };
}

const FIELDS = ['title', 'slug', 'kind', 'audience', 'unitId', 'authorId', 'summary', 'body', 'coverAlt'] as const;

/** What the form shows again after a refusal: what was typed, with the checkboxes as they were. */
function redisplay(values: Record<string, string>): Record<string, unknown> {
  return { ...values, commentsEnabled: values.commentsEnabled === 'on', removeCover: values.removeCover === 'on' };
}

function fromValues(values: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of FIELDS) if (values[f] !== undefined) input[f] = values[f];
  input.authorId = values.authorId ? values.authorId : null;
  input.commentsEnabled = values.commentsEnabled === 'on';
  return input;
}

async function parse<S extends z.ZodType>(req: FastifyRequest, schema: S, shape: (values: Record<string, string>) => Record<string, unknown>): Promise<PageForm<z.output<S>>> {
  const { values, files } = readMultipart(req.body);
  const shown = redisplay(values);
  const upload = await coverUpload(files.cover);
  const parsed = schema.safeParse(shape(values));
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, formT(req.t)), values: shown };
  const cover = upload ?? (values.removeCover === 'on' ? null : undefined);
  return { ok: true, data: parsed.data, cover, values: shown };
}

/** The new-post form: the button pressed says draft or published. */
export function parseNewPostForm(req: FastifyRequest): Promise<PageForm<PostInput>> {
  return parse(req, postInput, (values) => ({ ...fromValues(values), status: values.status === 'published' ? 'published' : 'draft' }));
}

/** The edit form: every field is sent; a slug left empty keeps the post's address. */
export function parseEditPostForm(req: FastifyRequest): Promise<PageForm<PostPatch>> {
  return parse(req, postPatch, (values) => {
    const input = fromValues(values);
    if (!values.slug?.trim()) delete input.slug;
    return input;
  });
}

/** The form's values for a post being edited. */
export function valuesOf(post: PostRow): Record<string, unknown> {
  return {
    title: post.title,
    slug: post.slug,
    kind: post.kind,
    audience: post.audience,
    unitId: post.unitId,
    authorId: post.authorId ?? '',
    summary: post.summary,
    body: post.body,
    commentsEnabled: post.commentsEnabled,
    coverAlt: post.coverAlt ?? '',
    removeCover: false,
  };
}
