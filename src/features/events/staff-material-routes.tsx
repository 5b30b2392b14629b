import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, readMultipart } from '../../platform/http/forms.js';
import { fieldError, fieldErrorsFromZod } from '../../platform/errors.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { deleteMaterial, MATERIAL_MAX_BYTES, uploadMaterial, type MaterialFailure } from './materials.js';
import { updateEvent } from './events.js';
import { eventMailContext } from './mails.js';
import { eventPatch } from './schema.js';
import { visibilityForm } from './staff-form.js';
import { detailOf, idParam, staffEvent, type StaffContext } from './staff-http.js';
import { refuse } from '../../platform/outcomes.js';
import { MaterialPage, type MaterialErrors } from './pages/staff-material.js';
import { staffPath } from './pages/staff-parts.js';

/** Each reason an upload is refused, as its code (and message key) on the file field. */
const materialFailureCode = {
  empty: 'event.material_empty',
  too_large: 'event.material_too_large',
  wrong_type: 'event.material_wrong_type',
} as const satisfies LabelTable<MaterialFailure['reason']>;

// The platform's upload limit is smaller than slides can be. A file over this limit is cut off
// rather than refused mid-upload, so the page can say so in words; memory holds at most the limit.
const uploadConfig = {
  multipartOptions: { limits: { fileSize: MATERIAL_MAX_BYTES, files: 1, fields: 4, parts: 5 }, throwFileSizeLimit: false },
} as FastifyContextConfig;

const noErrors: MaterialErrors = { file: [], visibility: [], slides: [] };

/** Material after (or before) the event: upload, delete, who may fetch it, and slides for programme items. */
export async function staffMaterialPages(app: FastifyInstance): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, ctx: StaffContext, errors: MaterialErrors = noErrors, status = 200) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .html(<MaterialPage view={await reply.view()} e={await detailOf(app, ctx.event)} rights={ctx.rights} errors={errors} />);

  app.get('/events/:slug/material', async (req, reply) => page(req, reply, await staffEvent(app, req, 'event.manage_material')));

  app.post(
    '/events/:slug/material',
    {
      config: uploadConfig,
      // Whoever may not add material is refused before the server takes their upload.
      onRequest: async (req) => {
        await staffEvent(app, req, 'event.manage_material');
      },
    },
    async (req, reply) => {
      const ctx = await staffEvent(app, req, 'event.manage_material');
      const file = readMultipart(req.body).files.file;
      const fail = (code: string) => page(req, reply, ctx, { ...noErrors, file: [fieldError(req.t, 'file', code, { max: MATERIAL_MAX_BYTES / 1024 / 1024 })] }, 422);
      if (!file || typeof file.toBuffer !== 'function' || !file.filename) return fail('event_staff.material.choose_file');
      const bytes = await file.toBuffer();
      if (file.file.truncated) return fail('event.material_too_large');
      const result = await uploadMaterial(app.db, req.actor, ctx.event.id, { fileName: file.filename, bytes });
      if (!result.ok) {
        if (result.reason === 'not_found' || result.reason === 'forbidden') refuse(req, result);
        return fail(materialFailureCode[result.reason]);
      }
      reply.flash('success', req.t('event_staff.material.uploaded', { name: result.material.fileName }));
      return reply.redirect(staffPath(ctx.event.slug, 'material'), 303);
    },
  );

  app.post('/events/:slug/material/:materialId/delete', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.manage_material');
    const result = await deleteMaterial(app.db, req.actor, ctx.event.id, idParam(req, 'materialId'));
    if (!result.ok) refuse(req, result);
    reply.flash('success', req.t('event_staff.material.deleted'));
    return reply.redirect(staffPath(ctx.event.slug, 'material'), 303);
  });

  /** Who may fetch the files, and which file is a programme item's slides: both are the event's, changed like the API's PATCH. */
  const change = async (req: FastifyRequest, reply: FastifyReply, ctx: StaffContext, patch: Parameters<typeof updateEvent>[3], key: keyof MaterialErrors, fieldOf = (path: string) => path) => {
    const result = await updateEvent(app.db, req.actor, ctx.event.id, patch, await eventMailContext(app));
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') refuse(req, result);
      const errors = result.reason === 'invalid' ? result.errors.map((e) => fieldError(req.t, fieldOf(e.path), e.code)) : [fieldError(req.t, key, 'event.cancelled_event')];
      return page(req, reply, ctx, { ...noErrors, [key]: errors }, result.reason === 'invalid' ? 422 : 409);
    }
    reply.flash('success', req.t('form.saved'));
    return reply.redirect(staffPath(ctx.event.slug, 'material'), 303);
  };

  app.post('/events/:slug/material/visibility', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.manage_material');
    const form = parseForm(visibilityForm, req.body, req.t);
    if (!form.ok) return page(req, reply, ctx, { ...noErrors, visibility: form.errors }, 422);
    return change(req, reply, ctx, form.data, 'visibility');
  });

  // The programme is saved whole (as PATCH does), with each item's slides as chosen here.
  app.post('/events/:slug/material/slides', async (req, reply) => {
    const ctx = await staffEvent(app, req, 'event.manage_material');
    const detail = await detailOf(app, ctx.event);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const programme = detail.programme.map((p) => {
      const chosen = body[`slides.${p.id}`];
      return { startsAt: p.startsAt, title: p.title, speaker: p.speaker, materialId: typeof chosen === 'string' ? chosen : (p.materialId ?? '') };
    });
    // An item's error names its own select (`slides.<item id>`), which the error summary links to.
    const fieldOf = (path: string) => {
      const m = /^programme\.(\d+)\./.exec(path);
      return m && detail.programme[Number(m[1])] ? `slides.${detail.programme[Number(m[1])].id}` : path;
    };
    const parsed = eventPatch.safeParse({ programme });
    if (!parsed.success) return page(req, reply, ctx, { ...noErrors, slides: fieldErrorsFromZod(parsed.error, req.t).map((e) => ({ ...e, path: fieldOf(e.path) })) }, 422);
    return change(req, reply, ctx, parsed.data, 'slides', fieldOf);
  });
}
