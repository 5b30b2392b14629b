import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { dateInDays } from '../../test/time.js';

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  t = await testApp();
  // The only thing not done through the API: the first admin's token, as `forening token create` makes it.
  admin = await bearer(t.database, 'admin', null);
});
afterAll(() => t.close());

function api(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: { ...admin, 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

function created(res: LightMyRequestResponse): Record<string, unknown> & { id: string } {
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('an empty installation set up through the API alone', () => {
  it('units, a membership type, a member, a staff person with a role, a published event and a registration', { timeout: 30_000 }, async () => {
    expect((await api('GET', '/api/v1/units')).json().items).toEqual([]);

    const national = created(await api('POST', '/api/v1/units', { kind: 'national', name: 'Forbundet' }));
    const district = created(await api('POST', '/api/v1/units', { kind: 'district', name: 'Kreds Nord', parentId: national.id }));
    expect(district).toMatchObject({ kind: 'district', parentId: national.id, depth: 1 });

    const type = created(await api('POST', '/api/v1/members/types', { code: 'ordinary', name: 'Ordinært medlem' }));
    expect(type).toMatchObject({ code: 'ordinary', name: 'Ordinært medlem', active: true });
    const renamed = await api('PATCH', `/api/v1/members/types/${type.id}`, { name: 'Ordinær', position: 1 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ id: type.id, code: 'ordinary', name: 'Ordinær', nameTranslations: { da: null, sv: null, en: null }, position: 1, active: true });

    const member = created(await api('POST', '/api/v1/members', { firstName: 'Mette', lastName: 'Møller', email: 'mette@example.org', typeId: type.id, unitId: district.id }));
    expect(member).toMatchObject({ status: 'active', unitId: district.id, typeCode: 'ordinary' });

    const appointment = created(
      await api('POST', '/api/v1/roles', { person: { firstName: 'Sofie', lastName: 'Sekretær', email: 'sofie@example.org' }, role: 'staff', unitId: district.id }),
    );
    expect(appointment).toMatchObject({ firstName: 'Sofie', lastName: 'Sekretær', role: 'staff', unitId: district.id, endsOn: null, current: true });

    const day = dateInDays(30);
    const event = created(
      await api('POST', '/api/v1/events', {
        kind: 'member_meeting',
        title: 'Kredsmøde',
        startsAt: `${day}T17:00:00+02:00`,
        endsAt: `${day}T19:00:00+02:00`,
        unitId: district.id,
        audience: 'members',
        capacity: 10,
      }),
    );
    expect(event).toMatchObject({ status: 'draft' });
    const published = await api('POST', `/api/v1/events/${event.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published' });

    const registration = created(await api('POST', `/api/v1/events/${event.id}/registrations`, { memberId: member.id }));
    expect(registration).toMatchObject({ status: 'confirmed', waitlistPosition: null });

    // Read back: everything is there, through the API.
    expect((await api('GET', '/api/v1/units')).json().items.map((u: { name: string; depth: number }) => [u.name, u.depth])).toEqual([
      ['Forbundet', 0],
      ['Kreds Nord', 1],
    ]);
    expect((await api('GET', '/api/v1/members/types')).json().items).toEqual([{ id: type.id, code: 'ordinary', name: 'Ordinær', nameTranslations: { da: null, sv: null, en: null }, position: 1, active: true }]);
    const members = (await api('GET', '/api/v1/members')).json();
    expect(members.total).toBe(1);
    expect(members.items[0]).toMatchObject({ id: member.id, firstName: 'Mette', unitId: district.id, typeId: type.id });
    expect((await api('GET', `/api/v1/roles?unit=${district.id}`)).json().items).toEqual([appointment]);
    expect((await api('GET', `/api/v1/events/${event.id}`)).json()).toMatchObject({ status: 'published', confirmedCount: 1, waitlistCount: 0 });
    const registrations = (await api('GET', `/api/v1/events/${event.id}/registrations`)).json().items;
    expect(registrations).toEqual([expect.objectContaining({ id: registration.id, personId: member.id, status: 'confirmed' })]);
  });
});
