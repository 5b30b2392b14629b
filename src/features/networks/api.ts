import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { contentDisposition, uploadedFileHeaders } from '../../platform/http/downloads.js';
import { readUpload } from '../../platform/http/forms.js';
import type { Failure } from '../../platform/outcomes.js';
import { deleteNetworkFile, downloadNetworkFile, listNetworkFiles, NETWORK_FILE_MAX_BYTES, replaceNetworkFile, uploadNetworkFile } from './files.js';
import { addNetworkMember, decideRequest, leaveNetwork, listNetworkMembers, removeNetworkMember } from './membership.js';
import { competitionNotice, createNetwork, getNetwork, listNetworks, setCompetitionNotice, updateNetwork, type NetworkSummary, type NetworkView } from './networks.js';
import { can } from './policy.js';
import { networkProblem } from './problems.js';
import { decisionInput, hidePostInput, idParams, listQuery, memberInput, memberParams, moderationInput, networkInput, networkPatch, noticeInput, postInput, searchQuery, threadInput, versionQuery } from './schema.js';
import { createThread, deletePost, editPost, getThread, hidePost, listThreads, moderateThread, replyToThread, searchNetwork } from './threads.js';

const networkOutput = z.looseObject({ id: z.uuid(), unitId: z.uuid(), name: z.string(), kind: z.string(), visibility: z.string(), joinPolicy: z.string() });
const items = z.object({ items: z.array(z.looseObject({})) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function networkJson(n: NetworkView | NetworkSummary) {
  const { standing, memberRowId, viaCompanyId, createdAt, ...rest } = n;
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    ...('lastPostAt' in n ? { lastPostAt: iso(n.lastPostAt) } : {}),
    membership: standing ? { id: memberRowId, role: standing.role, status: standing.status, memberCompanyId: viaCompanyId } : null,
  };
}

/**
 * The networks' API: networks and who is in them (join, request, invite, approve or decline,
 * leave, remove), threads and posts with moderation and search, and the file library. A network's
 * inside is not found for anyone outside it.
 */
export async function networkApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Networks'];
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const signedIn = (req: FastifyRequest) => allow(req, req.actor.kind !== 'anonymous');
  const ctx = { baseUrl: app.config.publicUrl };
  const fail = (req: FastifyRequest, failure: Failure<string>): never => {
    throw networkProblem(req, failure);
  };

  r.post(
    '/api/v1/networks',
    {
      schema: {
        tags,
        summary: 'Create a network (staff of the unit); its maker is its first coordinator',
        description: '`kind`: `people` (members) or `companies` (member companies, through their contact persons). `visibility`: `listed` or `hidden` (exists only for those in it). `joinPolicy`: `open`, `request` (coordinators approve) or `invitation`.',
        body: networkInput,
        response: { 201: networkOutput, ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await createNetwork(app.db, req.actor, req.body);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send(networkJson(result.network));
    },
  );

  r.get('/api/v1/networks', { schema: { tags, summary: 'The networks the caller may see (listed ones, their own, their units’ as staff); `mine=true`: only those they are in', querystring: listQuery, response: { 200: items, 401: problemSchema } } }, async (req) => {
    signedIn(req);
    const list = await listNetworks(app.db, req.actor, { mine: req.query.mine === 'true', q: req.query.q });
    return { items: list.map(networkJson) };
  });

  r.get('/api/v1/networks/:id', { schema: { tags, summary: 'One network: description, staff experts and coordinators, and for those in it the counts', params: idParams, response: { 200: networkOutput, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const result = await getNetwork(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return networkJson(result.network);
  });

  r.patch('/api/v1/networks/:id', { schema: { tags, summary: 'Change or archive a network (staff of the unit)', params: idParams, body: networkPatch, response: { 200: networkOutput, ...errors } } }, async (req) => {
    signedIn(req);
    const result = await updateNetwork(app.db, req.actor, req.params.id, req.body);
    if (!result.ok) return fail(req, result);
    return networkJson(result.network);
  });

  r.get('/api/v1/networks/:id/members', { schema: { tags, summary: 'Who is in the network (those in it); requests and invitations for coordinators', params: idParams, response: { 200: items, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const result = await listNetworkMembers(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return { items: result.members.map((m) => ({ ...m, joinedAt: iso(m.joinedAt), createdAt: m.createdAt.toISOString() })) };
  });

  r.post(
    '/api/v1/networks/:id/members',
    {
      schema: {
        tags,
        summary: 'Join, ask to join, or (coordinators) add or invite a member or a member company',
        description:
          'For oneself (`memberId` = one’s own id, or `memberCompanyId` of a company one is a contact person of): an open network takes one at once (201, `status: active`), one on request records a request (202, `status: requested`), one by invitation refuses (403 `network.invitation_only`) unless one is invited. A coordinator adds someone else at once, or invites them with `invite: true`; only staff of the unit attach a `coordinator` or an `expert` (on the staff today).',
        params: idParams,
        body: memberInput,
        response: { 201: z.looseObject({ id: z.uuid(), status: z.string() }), 202: z.looseObject({ id: z.uuid(), status: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      signedIn(req);
      const result = await addNetworkMember(app.db, req.actor, req.params.id, req.body);
      if (!result.ok) return fail(req, result);
      return reply.status(result.member.status === 'requested' ? 202 : 201).send(result.member);
    },
  );

  r.post(
    '/api/v1/networks/:id/members/:memberRowId/decision',
    { schema: { tags, summary: 'Approve or decline (with a `reason`, mailed to the requester) a request to join (coordinators)', params: memberParams, body: decisionInput, response: { 200: z.looseObject({ id: z.uuid(), status: z.string() }), ...errors } } },
    async (req) => {
      signedIn(req);
      const result = await decideRequest(app.db, req.actor, req.params.id, req.params.memberRowId, req.body);
      if (!result.ok) return fail(req, result);
      return { ...result.member, status: req.body.approve ? 'active' : 'declined' };
    },
  );

  r.delete('/api/v1/networks/:id/members/:memberRowId', { schema: { tags, summary: 'Remove someone (coordinators; a coordinator or expert: staff of the unit), or leave (one’s own row); never the last coordinator', params: memberParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    signedIn(req);
    const result = await removeNetworkMember(app.db, req.actor, req.params.id, req.params.memberRowId);
    if (!result.ok) return fail(req, result);
    return reply.status(204).send(null);
  });

  r.post('/api/v1/networks/:id/leave', { schema: { tags, summary: 'Leave the network (or decline an invitation, or withdraw a request)', params: idParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    signedIn(req);
    const result = await leaveNetwork(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return reply.status(204).send(null);
  });

  r.get('/api/v1/networks/:id/threads', { schema: { tags, summary: 'The network’s threads, pinned first, with the caller’s unread count (those in it)', params: idParams, response: { 200: items, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const result = await listThreads(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return { items: result.threads.map((t) => ({ ...t, lastPostAt: t.lastPostAt.toISOString(), createdAt: t.createdAt.toISOString() })) };
  });

  r.post(
    '/api/v1/networks/:id/threads',
    { schema: { tags, summary: 'Start a thread (those in the network); `body` is Markdown', params: idParams, body: threadInput, response: { 201: z.looseObject({ id: z.uuid(), postId: z.uuid() }), ...errors } } },
    async (req, reply) => {
      signedIn(req);
      const result = await createThread(app.db, req.actor, req.params.id, req.body, ctx);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send({ id: result.threadId, postId: result.postId });
    },
  );

  r.get('/api/v1/networks/:id/search', { schema: { tags, summary: 'Search the network’s threads and posts (those in it)', params: idParams, querystring: searchQuery, response: { 200: items, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const result = await searchNetwork(app.db, req.actor, req.params.id, req.query.q);
    if (!result.ok) return fail(req, result);
    return { items: result.hits.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })) };
  });

  r.get('/api/v1/threads/:id', { schema: { tags, summary: 'A thread with its posts (marks it read for the caller)', params: idParams, response: { 200: z.looseObject({ id: z.uuid(), posts: z.array(z.looseObject({})) }), 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const result = await getThread(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    const { network, posts, ...t } = result.thread;
    return {
      ...t,
      networkName: network.name,
      lastPostAt: t.lastPostAt.toISOString(),
      createdAt: t.createdAt.toISOString(),
      posts: posts.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), editedAt: iso(p.editedAt) })),
    };
  });

  r.patch('/api/v1/threads/:id', { schema: { tags, summary: 'Pin, lock or hide (with a `reason`) a thread (coordinators)', params: idParams, body: moderationInput, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (req) => {
    signedIn(req);
    const result = await moderateThread(app.db, req.actor, req.params.id, req.body);
    if (!result.ok) return fail(req, result);
    return { ok: true as const };
  });

  r.post(
    '/api/v1/threads/:id/posts',
    { schema: { tags, summary: 'Reply in a thread (those in the network; not in a locked thread: 409 `network.thread_locked`)', params: idParams, body: postInput, response: { 201: z.looseObject({ id: z.uuid(), seq: z.number() }), ...errors } } },
    async (req, reply) => {
      signedIn(req);
      const result = await replyToThread(app.db, req.actor, req.params.id, req.body, ctx);
      if (!result.ok) return fail(req, result);
      return reply.status(201).send({ id: result.postId, seq: result.seq });
    },
  );

  r.patch('/api/v1/posts/:id', { schema: { tags, summary: 'Edit one’s own post (while the thread is open)', params: idParams, body: postInput, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (req) => {
    signedIn(req);
    const result = await editPost(app.db, req.actor, req.params.id, req.body);
    if (!result.ok) return fail(req, result);
    return { ok: true as const };
  });

  r.delete('/api/v1/posts/:id', { schema: { tags, summary: 'Delete one’s own post (its place in the thread stays)', params: idParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    signedIn(req);
    const result = await deletePost(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return reply.status(204).send(null);
  });

  r.post('/api/v1/posts/:id/hide', { schema: { tags, summary: 'Hide a post with a `reason`, or show it again (coordinators)', params: idParams, body: hidePostInput, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (req) => {
    signedIn(req);
    const result = await hidePost(app.db, req.actor, req.params.id, req.body);
    if (!result.ok) return fail(req, result);
    return { ok: true as const };
  });

  r.get('/api/v1/networks/:id/files', { schema: { tags, summary: 'The network’s file library with every version (those in it)', params: idParams, response: { 200: items, 401: problemSchema, 404: problemSchema } } }, async (req) => {
    signedIn(req);
    const result = await listNetworkFiles(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return {
      items: result.files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(), versions: f.versions.map((v) => ({ ...v, uploadedAt: v.uploadedAt.toISOString() })) })),
    };
  });

  const fileConfig = { accepts: ['multipart/form-data'], multipartOptions: { limits: { fileSize: NETWORK_FILE_MAX_BYTES, files: 1, fields: 4, parts: 5 }, throwFileSizeLimit: false } } as FastifyContextConfig;
  const fileBody = z.looseObject({ file: z.unknown().optional(), title: z.unknown().optional(), description: z.unknown().optional() });

  r.post(
    '/api/v1/networks/:id/files',
    {
      schema: {
        tags,
        summary: 'Add a file to the library (multipart/form-data: `file`, `title`, `description`; those in the network)',
        description: `The file's kind is read from its first bytes: one that is not what its name says is refused (422 \`network.file_wrong_type\`); at most ${NETWORK_FILE_MAX_BYTES / 1024 / 1024} MB (413 \`network.file_too_large\`).`,
        params: idParams,
        consumes: ['multipart/form-data'],
        body: fileBody,
        response: { 201: z.looseObject({ id: z.uuid() }), 413: problemSchema, ...errors },
      },
      config: fileConfig,
    },
    async (req, reply) => {
      signedIn(req);
      const { values, file } = await readUpload(req.body);
      if (file === 'missing') return fail(req, { ok: false, reason: 'invalid', errors: [{ path: 'file', code: 'validation.required' }] });
      if (file === 'too_large') return fail(req, { ok: false, reason: 'file_too_large' });
      const result = await uploadNetworkFile(app.db, req.actor, req.params.id, { ...file, title: values.title, description: values.description });
      if (!result.ok) return fail(req, result);
      return reply.status(201).send({ id: result.fileId });
    },
  );

  r.post(
    '/api/v1/network-files/:id/versions',
    { schema: { tags, summary: 'Replace a file with a new version, keeping the old (its uploader, coordinators)', params: idParams, consumes: ['multipart/form-data'], body: fileBody, response: { 201: z.looseObject({ version: z.number() }), 413: problemSchema, ...errors } }, config: fileConfig },
    async (req, reply) => {
      signedIn(req);
      const { values, file } = await readUpload(req.body);
      if (file === 'missing') return fail(req, { ok: false, reason: 'invalid', errors: [{ path: 'file', code: 'validation.required' }] });
      if (file === 'too_large') return fail(req, { ok: false, reason: 'file_too_large' });
      const result = await replaceNetworkFile(app.db, req.actor, req.params.id, { ...file, description: values.description });
      if (!result.ok) return fail(req, result);
      return reply.status(201).send({ version: result.version });
    },
  );

  r.get('/api/v1/network-files/:id', { schema: { tags, summary: 'Download a file (the newest version, or `?version=`) (those in the network)', params: idParams, querystring: versionQuery, response: { 401: problemSchema, 404: problemSchema } } }, async (req, reply) => {
    signedIn(req);
    const found = await downloadNetworkFile(app.db, req.actor, req.params.id, req.query.version);
    if (!found.ok) return fail(req, found);
    return uploadedFileHeaders(reply, { contentType: found.contentType, cacheControl: 'no-store', disposition: contentDisposition('attachment', found.fileName), size: found.bytes.length }).send(found.bytes);
  });

  r.delete('/api/v1/network-files/:id', { schema: { tags, summary: 'Delete a file with all its versions (its uploader, coordinators)', params: idParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    signedIn(req);
    const result = await deleteNetworkFile(app.db, req.actor, req.params.id);
    if (!result.ok) return fail(req, result);
    return reply.status(204).send(null);
  });

  r.get('/api/v1/network-notice', { schema: { tags, summary: 'The competition-law notice shown in networks of member companies', response: { 200: z.looseObject({}), 401: problemSchema } } }, async (req) => {
    signedIn(req);
    return competitionNotice(app.db);
  });

  r.put('/api/v1/network-notice', { schema: { tags, summary: 'Set the competition-law notice (admins)', body: noticeInput, response: { 200: z.looseObject({}), ...errors } } }, async (req) => {
    signedIn(req);
    allow(req, can(req.actor, 'network.create'));
    const result = await setCompetitionNotice(app.db, req.actor, req.body);
    if (!result.ok) return fail(req, result);
    return competitionNotice(app.db);
  });
}
