import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createWorkplace, loginAs, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { employments } from '../../kernel/tables.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { memberships, membershipTypes } from '../members/tables.js';

/*
 * The steward's workplace: the colleagues are links to the contact page the steward may see, with
 * their phone and e-mail on the workplace page itself (and in the API), as the README promises.
 */

let t: TestApp;
let org: Org;
let workplaceId: string;
let steward: { id: string; cookie: string };
let colleagues: { member: string; nonMember: string };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
  const w = await createWorkplace(t.database, org.north, 'Botilbuddet Solsikken');
  workplaceId = w.id;
  const s = await createPerson(t.database, [['steward', null, w.id]], { firstName: 'Jens', lastName: 'Holt', email: 'jens.holt@example.org' });
  const m = await createPerson(t.database, [], { firstName: 'Karen', lastName: 'Dam', email: 'karen.dam@example.org', phone: '+45 21 43 65 87' });
  const n = await createPerson(t.database, [], { firstName: 'Lars', lastName: 'Bro', email: null, phone: '+45 31 31 31 31' });
  for (const p of [s, m]) await t.database.db.insert(memberships).values({ personId: p.id, typeId: type.id, unitId: org.north, status: 'active' });
  await t.database.db.insert(employments).values([s, m, n].map((p) => ({ personId: p.id, workplaceId: w.id })));
  steward = { id: s.id, cookie: (await loginAs(t.database, s.id)).cookie };
  colleagues = { member: m.id, nonMember: n.id };
});
afterAll(() => t.close());

describe('a steward on their workplace page', () => {
  it('follows every colleague to their contact page and sees phone and e-mail in the list', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/workplaces/${workplaceId}`, headers: { cookie: steward.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/members/${colleagues.member}"`);
    expect(page.body).toContain(`href="/members/${colleagues.nonMember}"`);
    expect(page.body).toContain('href="mailto:karen.dam@example.org"');
    expect(page.body).toContain('href="tel:+4521436587"');
    expect(page.body).toContain('+45 31 31 31 31');
    const contact = await t.app.inject({ method: 'GET', url: `/members/${colleagues.nonMember}`, headers: { cookie: steward.cookie } });
    expect(contact.statusCode).toBe(200);
    expect(contact.body).toContain('Lars Bro');
  });

  it('gets the same contact details from the API, and a member of the workplace gets none', async () => {
    const token = await createPersonalToken(t.database.db, { kind: 'system' } as never, { personId: steward.id, name: 'test' });
    if (!token.ok) throw new Error('no token');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/workplaces/${workplaceId}`, headers: { authorization: `Bearer ${token.token.value}` } });
    expect(api.statusCode).toBe(200);
    const people = [...api.json().people.members, ...api.json().people.nonMembers] as { personId: string; email?: string | null; phone?: string | null }[];
    expect(people.find((p) => p.personId === colleagues.member)).toMatchObject({ email: 'karen.dam@example.org', phone: '+45 21 43 65 87' });
    const member = await loginAs(t.database, colleagues.member);
    const page = await t.app.inject({ method: 'GET', url: `/workplaces/${workplaceId}`, headers: { cookie: member.cookie } });
    expect(page.body).not.toContain('karen.dam@example.org');
    expect(page.body).not.toContain('+45 31 31 31 31');
  });
});
