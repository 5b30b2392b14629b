import { z } from 'zod';
import { joinPolicies, networkKinds, networkRoles, networkVisibilities, notificationModes } from './tables.js';

export const idParams = z.object({ id: z.uuid() });
export const memberParams = z.object({ id: z.uuid(), memberRowId: z.uuid() });

const name = z.string().trim().min(1).max(200);
const description = z.string().trim().max(5000);

export const networkInput = z
  .object({
    unitId: z.uuid(),
    name,
    description: description.optional(),
    kind: z.enum(networkKinds),
    visibility: z.enum(networkVisibilities),
    joinPolicy: z.enum(joinPolicies),
  })
  .strict();

export const networkPatch = z
  .object({
    name: name.optional(),
    description: description.optional(),
    visibility: z.enum(networkVisibilities).optional(),
    joinPolicy: z.enum(joinPolicies).optional(),
    archived: z.boolean().optional(),
  })
  .strict();

export const memberInput = z
  .object({
    memberId: z.uuid().optional(),
    memberCompanyId: z.uuid().optional(),
    role: z.enum(networkRoles).optional(),
    invite: z.boolean().optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const decisionInput = z.object({ approve: z.boolean(), reason: z.string().trim().max(1000).optional() }).strict();

/** A post's text: the use case checks it is not empty (after trimming) nor too long, naming `body`. */
export const postInput = z.object({ body: z.string().max(40_000) }).strict();
export const threadInput = z.object({ title: z.string().max(200), body: z.string().max(40_000) }).strict();

export const moderationInput = z
  .object({ pinned: z.boolean().optional(), locked: z.boolean().optional(), hidden: z.boolean().optional(), reason: z.string().trim().max(1000).optional() })
  .strict();
export const hidePostInput = z.object({ hidden: z.boolean(), reason: z.string().trim().max(1000).optional() }).strict();

export const searchQuery = z.object({ q: z.string().max(200).default('') }).strict();
export const listQuery = z.object({ mine: z.enum(['true', 'false']).optional(), q: z.string().max(200).optional() }).strict();
export const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(100_000).optional() }).strict();

export const noticeInput = z
  .object({ da: z.string().trim().max(5000).optional(), sv: z.string().trim().max(5000).optional(), en: z.string().trim().max(5000).optional() })
  .strict();

export const modeInput = z.object({ mode: z.enum(notificationModes) }).strict();
