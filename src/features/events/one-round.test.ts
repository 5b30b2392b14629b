import { describe, expect, it } from 'vitest';
import { bearer } from '../../test/app.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { t, w, DAY, post, countRows, validEvent } from './staff-pages.fixture.js';

/**
 * The event form and the API answer every problem at once: a field's own error, a rule between
 * fields, and the use case's checks against the clock and the database (a start in the past, a unit
 * the staff member does not organise for), instead of the use case's only after the schema passed.
 */

const past = localParts(new Date(Date.now() - 3 * DAY), 'Europe/Copenhagen').date;

describe('the staff event form with several problems', () => {
  it('shows the missing title, the audience rule, the start in the past and the foreign unit together, and writes nothing', async () => {
    const before = await countRows();
    const res = await post('/events/new', '/events/new', validEvent({ title: '', startDate: past, unitId: w.org.south, audience: 'roles', capacity: '-5' }));
    expect(res.statusCode).toBe(422);
    const links = [...res.body.matchAll(/<li><a href="#field-([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['title', 'startTime', 'unitId', 'audienceRoles', 'capacity']);
    expect(res.body).toContain('Titel skal udfyldes.');
    expect(res.body).toContain('Starten ligger i fortiden.');
    expect(res.body).toContain('Du kan kun oprette arrangementer for en enhed, du arbejder i.');
    expect(res.body).toContain('Vælg mindst én rolle som målgruppe.');
    expect(await countRows()).toEqual(before);
  });

  it('answers the API with the body’s errors and the use case’s in one problem', async () => {
    const staff = await bearer(t.database, 'staff', w.org.north);
    const before = await countRows();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...staff, 'content-type': 'application/json', 'accept-language': 'da' },
      payload: JSON.stringify({
        kind: 'member_meeting',
        title: '',
        startsAt: new Date(Date.now() - 2 * DAY).toISOString(),
        endsAt: new Date(Date.now() - 2 * DAY + 3_600_000).toISOString(),
        unitId: w.org.south,
        capacity: 1.5,
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['title', 'validation.required'],
      ['capacity', 'validation.not_whole_number'],
      ['startsAt', 'event.starts_in_past'],
      ['unitId', 'event.unit_not_allowed'],
    ]);
    expect(await countRows()).toEqual(before);
  });
});
