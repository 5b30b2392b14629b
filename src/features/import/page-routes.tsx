import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { formValues, readMultipart } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError } from '../../platform/errors.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { MAX_IMPORT_BYTES } from './csv.js';
import { describeReport, importMembers, importWorkplaces, type ImportInput, type ImportOutcome } from './import.js';
import { ImportPage, importPaths, type ImportKind, type ImportShown } from './pages.js';
import { can } from './policy.js';
import { applyForm } from './schema.js';

const kinds: Record<ImportKind, { action: 'import.members' | 'import.workplaces'; run: (db: Db, actor: Actor, input: ImportInput) => Promise<ImportOutcome> }> = {
  members: { action: 'import.members', run: importMembers },
  workplaces: { action: 'import.workplaces', run: importWorkplaces },
};

// A file over the limit is cut off rather than refused mid-upload, so the page can say so in words;
// busboy drops the rest as it arrives, so memory holds at most the limit.
const uploadConfig = {
  multipartOptions: { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 4, parts: 5 }, throwFileSizeLimit: false },
} as FastifyContextConfig;
// The apply form carries the gzipped file as base64 in a field; nothing is kept on the server between the two steps.
const applyConfig = {
  multipartOptions: { limits: { fieldSize: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 16, files: 0, fields: 4, parts: 4 } },
} as FastifyContextConfig;

type Upload = { ok: true; bytes: Buffer } | { ok: false; code: 'import.choose_file' | 'import.too_large' };

async function readUpload(body: unknown): Promise<Upload> {
  const file = readMultipart(body).files.csvFile;
  if (!file || typeof file.toBuffer !== 'function') return { ok: false, code: 'import.choose_file' };
  const bytes = await file.toBuffer();
  if (file.file.truncated) return { ok: false, code: 'import.too_large' };
  if (bytes.length === 0 && !file.filename) return { ok: false, code: 'import.choose_file' };
  return { ok: true, bytes };
}

/** The file the apply form sent back, or null when it is not what the dry run handed out. */
function readContent(body: unknown): Buffer | null {
  const values = Object.fromEntries(Object.entries(formValues(body)).map(([k, v]) => [k, v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v]));
  const parsed = applyForm.safeParse(values);
  if (!parsed.success) return null;
  try {
    return gunzipSync(Buffer.from(parsed.data.content, 'base64'), { maxOutputLength: MAX_IMPORT_BYTES });
  } catch {
    return null;
  }
}

export async function importPages(app: FastifyInstance): Promise<void> {
  const page = async (reply: FastifyReply, kind: ImportKind, form: FormState, shown?: ImportShown, status = 200) =>
    reply.status(status).html(<ImportPage view={await reply.view()} kind={kind} form={form} shown={shown} />);

  for (const [kind, { action, run }] of Object.entries(kinds) as [ImportKind, (typeof kinds)[ImportKind]][]) {
    const path = importPaths[kind];
    // Checked when the request arrives, before a multipart body of up to 20 MB is read: whoever may
    // not import is refused without the server taking their upload.
    const guard = async (req: FastifyRequest) => allow(req, can(req.actor, action));

    app.get(path, { onRequest: guard }, async (_req, reply) => page(reply, kind, emptyForm()));

    app.post(path, { config: uploadConfig, onRequest: guard }, async (req, reply) => {
      const upload = await readUpload(req.body);
      if (!upload.ok) {
        return page(reply, kind, { values: {}, errors: [fieldError(req.t, 'csvFile', upload.code, { max: MAX_IMPORT_BYTES / 1024 / 1024 })] }, undefined, 422);
      }
      const outcome = await run(app.db, req.actor, { csv: upload.bytes, dryRun: true });
      const result = describeReport(outcome.report, req.t);
      const changes = outcome.ok && result.created + result.updated > 0;
      const shown: ImportShown = { result, ok: outcome.ok, content: changes ? gzipSync(upload.bytes).toString('base64') : null };
      return page(reply, kind, emptyForm(), shown, outcome.ok ? 200 : 422);
    });

    app.post(`${path}/apply`, { config: applyConfig, onRequest: guard }, async (req, reply) => {
      const content = readContent(req.body);
      if (!content) return page(reply, kind, { values: {}, errors: [fieldError(req.t, 'csvFile', 'import.invalid_content')] }, undefined, 422);
      const outcome = await run(app.db, req.actor, { csv: content, dryRun: false });
      const result = describeReport(outcome.report, req.t);
      if (!outcome.ok) return page(reply, kind, emptyForm(), { result, ok: false, content: null }, 422);
      reply.flash('success', req.t('import.applied', { created: result.created, updated: result.updated, unchanged: result.unchanged }));
      return reply.redirect(path, 303);
    });
  }
}
