import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { fieldError } from '../../platform/errors.js';
import { contentDisposition, uploadedFileHeaders } from '../../platform/http/downloads.js';
import { readUpload } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { refuse } from '../../platform/outcomes.js';
import { networkFor } from './access.js';
import { versionQuery } from './schema.js';
import { deleteNetworkFile, downloadNetworkFile, listNetworkFiles, NETWORK_FILE_MAX_BYTES, replaceNetworkFile, uploadNetworkFile, type FileFailure } from './files.js';
import { can } from './policy.js';
import { fileReasonCode } from './labels.js';
import { FilesPage } from './pages/files-page.js';
import { back, formErrors, idOf } from './pages/page-http.js';
import { networkFiles } from './tables.js';

// A file over the limit is cut off rather than refused mid-upload, so the page can say so in words.
const uploadConfig = {
  multipartOptions: { limits: { fileSize: NETWORK_FILE_MAX_BYTES, files: 1, fields: 4, parts: 5 }, throwFileSizeLimit: false },
} as FastifyContextConfig;

/**
 * A network's file library: the list, an upload (its kind read from its first bytes, its size
 * checked), a new version of a file (the old ones stay), deletion, and downloads — all for those in
 * the network only.
 */
export async function networkFilePages(app: FastifyInstance): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormState = emptyForm(), replacing?: { fileId: string; form: FormState }, status = 200) => {
    const found = await listNetworkFiles(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    reply.header('cache-control', 'no-store');
    return reply.status(status).html(<FilesPage view={await reply.view()} network={found.network} files={found.files} mayUpload={can(req.actor, 'network.post', found.network)} form={form} replacing={replacing} />);
  };

  /** An upload's refusal as the file field's error. */
  const fileError = (req: FastifyRequest, failure: FileFailure) => {
    if (failure.reason === 'file_empty' || failure.reason === 'file_too_large' || failure.reason === 'file_wrong_type') {
      return { errors: [fieldError(req.t, 'file', fileReasonCode[failure.reason], { max: NETWORK_FILE_MAX_BYTES / 1024 / 1024 })], status: 422 };
    }
    return formErrors(req, failure);
  };

  /** The network a file is in; a file that is not there is not found. */
  const networkOfFile = async (req: FastifyRequest, fileId: string): Promise<string> => {
    const [row] = await app.db.select({ networkId: networkFiles.networkId }).from(networkFiles).where(eq(networkFiles.id, fileId));
    if (!row) return refuse(req, 'not_found');
    return row.networkId;
  };

  app.get('/networks/:id/files', async (req, reply) => page(req, reply, idOf(req)));

  app.post(
    '/networks/:id/files',
    {
      config: uploadConfig,
      // Whoever may not add files is refused before the server takes their upload.
      onRequest: async (req) => {
        const found = await networkFor(app.db, req.actor, idOf(req), 'network.read');
        if (!found.ok) return refuse(req, found);
        if (!can(req.actor, 'network.post', found.network)) return refuse(req, 'forbidden');
      },
    },
    async (req, reply) => {
      const id = idOf(req);
      const { values, file } = await readUpload(req.body);
      const form = { values: { title: values.title ?? '', description: values.description ?? '' }, errors: [] };
      if (file === 'missing') return page(req, reply, id, { ...form, errors: [fieldError(req.t, 'file', 'networks.files.choose_file')] }, undefined, 422);
      if (file === 'too_large') return page(req, reply, id, { ...form, errors: [fieldError(req.t, 'file', 'network.file_too_large', { max: NETWORK_FILE_MAX_BYTES / 1024 / 1024 })] }, undefined, 422);
      const result = await uploadNetworkFile(app.db, req.actor, id, { ...file, title: values.title, description: values.description });
      if (!result.ok) {
        const { errors, status } = fileError(req, result);
        return page(req, reply, id, { ...form, errors }, undefined, status);
      }
      return back(reply, `/networks/${id}/files#file-${result.fileId}`, 'success', req.t('networks.files.uploaded_flash'));
    },
  );

  /** The file's network if the reader may put a new version of it (its uploader, a coordinator); otherwise the request ends as pages refuse. */
  const changeable = async (req: FastifyRequest, fileId: string): Promise<string> => {
    const networkId = await networkOfFile(req, fileId);
    const found = await listNetworkFiles(app.db, req.actor, networkId);
    if (!found.ok) return refuse(req, found);
    const file = found.files.find((f) => f.id === fileId);
    if (!file) return refuse(req, 'not_found');
    if (!file.mayChange) return refuse(req, 'forbidden');
    return networkId;
  };

  app.post(
    '/networks/files/:id/versions',
    {
      config: uploadConfig,
      onRequest: async (req) => {
        await changeable(req, idOf(req));
      },
    },
    async (req, reply) => {
      const fileId = idOf(req);
      const networkId = await changeable(req, fileId);
      const { file } = await readUpload(req.body);
      const again = (errors: ReturnType<typeof fieldError>[], status: number) => page(req, reply, networkId, emptyForm(), { fileId, form: { values: {}, errors } }, status);
      if (file === 'missing') return again([fieldError(req.t, 'file', 'networks.files.choose_file')], 422);
      if (file === 'too_large') return again([fieldError(req.t, 'file', 'network.file_too_large', { max: NETWORK_FILE_MAX_BYTES / 1024 / 1024 })], 422);
      const result = await replaceNetworkFile(app.db, req.actor, fileId, file);
      if (!result.ok) {
        const { errors, status } = fileError(req, result);
        return again(errors, status);
      }
      return back(reply, `/networks/${networkId}/files#file-${fileId}`, 'success', req.t('networks.files.replaced', { version: result.version }));
    },
  );

  app.post('/networks/files/:id/delete', async (req, reply) => {
    const fileId = idOf(req);
    const networkId = await networkOfFile(req, fileId);
    const result = await deleteNetworkFile(app.db, req.actor, fileId);
    if (!result.ok) return refuse(req, result);
    return back(reply, `/networks/${networkId}/files`, 'success', req.t('networks.files.deleted'));
  });

  app.get('/networks/files/:id/download', async (req, reply) => {
    const fileId = idOf(req);
    const q = versionQuery.safeParse(req.query ?? {});
    if (!q.success) return refuse(req, 'not_found');
    const found = await downloadNetworkFile(app.db, req.actor, fileId, q.data.version);
    if (!found.ok) return refuse(req, found);
    return uploadedFileHeaders(reply, { contentType: found.contentType, cacheControl: 'no-store', disposition: contentDisposition('attachment', found.fileName), size: found.bytes.length }).send(found.bytes);
  });
}
