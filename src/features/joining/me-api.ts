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

/** `GET /api/v1/me`: a personal token's own record; an integration's token has no self to read. */
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
      const record = await loadMyRecord(app.db, actor.personId);
      if (!record) throw new ProblemError(404, 'http.not_found');
      allow(req, can(actor, 'me.use', { personId: record.person.id, hasRecord: hasRecord(record) }), 'not_found');
      // Personal data: no shared cache keeps it.
      reply.header('cache-control', 'no-store');
      return myRecordJson(record);
    },
  );
}
