import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { ProblemError } from '../../platform/errors.js';
import { allow } from '../../platform/http/guard.js';
import { problemSchema } from '../../platform/http/openapi.js';
import { locales } from '../../platform/i18n/i18n.js';
import { roleKinds } from '../../kernel/tables.js';
import { membershipStatuses } from '../members/index.js';
import { exportMyData } from './export.js';
import { hasRecord, loadMyRecord, type MyRecord } from './my-record.js';
import { can } from './policy.js';

/** The person's own record, field for field what "my page" shows. */
export const myRecordOutput = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    addressLine: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
    dateOfBirth: z.string().nullable(),
    preferredLocale: z.enum(locales).nullable(),
    membership: z
      .object({
        memberNumber: z.string(),
        typeName: z.string(),
        districtName: z.string(),
        status: z.enum(membershipStatuses),
        statusSince: z.string(),
        joinedOn: z.string().nullable(),
        sections: z.array(z.object({ name: z.string(), since: z.string() })),
      })
      .nullable(),
    roles: z.array(z.object({ role: z.enum(roleKinds), unitName: z.string().nullable(), workplaceName: z.string().nullable(), startsOn: z.string() })),
    employments: z.array(z.object({ workplaceName: z.string(), jobTitle: z.string().nullable(), isLeader: z.boolean(), startsOn: z.string().nullable() })),
    consents: z.array(z.object({ purpose: z.string(), granted: z.boolean(), changedAt: z.string() })),
  })
  .meta({ id: 'MyRecord' });

function myRecordJson(r: MyRecord): z.input<typeof myRecordOutput> {
  const p = r.person;
  const m = r.membership;
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    addressLine: p.addressLine,
    postalCode: p.postalCode,
    city: p.city,
    country: p.country,
    dateOfBirth: p.dateOfBirth,
    preferredLocale: (locales as readonly string[]).includes(p.preferredLocale ?? '') ? (p.preferredLocale as (typeof locales)[number]) : null,
    membership: m ? { memberNumber: m.memberNumber, typeName: m.typeName, districtName: m.districtName, status: m.status, statusSince: m.statusSince, joinedOn: m.joinedOn, sections: m.sections } : null,
    roles: r.roles,
    employments: r.employments,
    consents: r.consents.map((c) => ({ purpose: c.purpose, granted: c.granted, changedAt: c.changedAt.toISOString() })),
  };
}

/** The data export: its format and time; each feature's part under its own key (see docs/architecture.md). */
export const myDataOutput = z
  .looseObject({ format: z.literal('forening.personal-data.v1'), exportedAt: z.string(), person: z.looseObject({ id: z.uuid() }) })
  .meta({ id: 'MyData', description: 'Everything the installation holds on the person (GDPR art. 15 and 20), the same JSON as "Download my data" on my page.' });

/** `GET /api/v1/me` and `/api/v1/me/export`: a personal token's own record and data; an integration's token has no self to read. */
export async function meApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['Me'],
        summary: 'My own record, as my page shows it (personal tokens)',
        description: 'Answers for a personal API token (created on my page or with `forening token create --person`). An integration’s token is refused with 403.',
        response: { 200: myRecordOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (req, reply) => {
      allow(req, req.actor.kind === 'person');
      const actor = req.actor as Extract<Actor, { kind: 'person' }>;
      const record = await loadMyRecord(app.db, actor.personId, req.locale);
      if (!record) throw new ProblemError(404, 'http.not_found');
      allow(req, can(actor, 'me.use', { personId: record.person.id, hasRecord: hasRecord(record) }), 'not_found');
      // Personal data: no shared cache keeps it.
      reply.header('cache-control', 'no-store');
      return myRecordJson(record);
    },
  );

  r.get(
    '/api/v1/me/export',
    {
      schema: {
        tags: ['Me'],
        summary: 'Download my data (personal tokens)',
        description: 'The same JSON as "Download my data" on my page: the person, their account, membership, employments, roles, consents and each feature’s part (registrations, newsletter topics, mailings received, comments, workplace-meeting requests, …) with the audit trail. The export is audited.',
        response: { 200: myDataOutput, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (req, reply) => {
      allow(req, req.actor.kind === 'person');
      const actor = req.actor as Extract<Actor, { kind: 'person' }>;
      const record = await loadMyRecord(app.db, actor.personId, req.locale);
      if (!record) throw new ProblemError(404, 'http.not_found');
      allow(req, can(actor, 'me.use', { personId: record.person.id, hasRecord: hasRecord(record) }), 'not_found');
      reply.header('cache-control', 'no-store');
      return (await exportMyData(app.db, actor, req.locale)) as z.input<typeof myDataOutput>;
    },
  );
}
