import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createWorkplace, loginAs, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';

/* The start page names the scope each role really has: a steward's workplace, a staff member's district. */

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
});
afterAll(() => t.close());

const start = async (personId: string) => (await t.app.inject({ method: 'GET', url: '/start', headers: { cookie: (await loginAs(t.database, personId)).cookie } })).body;

describe('the start page', () => {
  it('shows a steward the workplaces their role covers, not "the whole organisation"', async () => {
    const a = await createWorkplace(t.database, org.north, 'Botilbuddet Solsikken');
    const b = await createWorkplace(t.database, org.north, 'Bostedet Åbrinken');
    const steward = await createPerson(t.database, [['steward', null, a.id], ['safety_rep', null, b.id]], { firstName: 'Jens', lastName: 'Holt' });
    const body = await start(steward.id);
    expect(body).toContain('Botilbuddet Solsikken');
    expect(body).toContain('Bostedet Åbrinken');
    expect(body).not.toContain('Hele organisationen');
  });

  it('shows staff their unit, and an admin the whole organisation', async () => {
    const staff = await createPerson(t.database, [['staff', org.north]], { firstName: 'Kasper', lastName: 'Kontor' });
    const staffPage = await start(staff.id);
    expect(staffPage).toMatch(/Medarbejder<\/span>\s*<span>Kreds Nord/);
    const admin = await createPerson(t.database, [['admin', null]], { firstName: 'Astrid', lastName: 'Admin' });
    expect(await start(admin.id)).toContain('Hele organisationen');
  });
});
