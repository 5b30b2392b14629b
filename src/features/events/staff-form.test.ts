import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/i18n.js';
import { eventInput } from './schema.js';
import { apiInput, checkInput, formErrors, formValuesOf, readEventForm, rowCount } from './staff-form.js';
import { nextDayOfYear } from '../../test/time.js';

const t = translator('da');
// Reading and filling the form compares nothing with today, but a time window in a test stays in the
// future all the same. The month chooses the UTC offset the conversions are checked against (March:
// winter time, July: summer time), so the year is the next one with that day ahead.
const W = nextDayOfYear(3, 4).slice(0, 4);
const S = nextDayOfYear(7, 1).slice(0, 4);
const base = {
  kind: 'course',
  title: 'Lederkursus',
  startDate: `${W}-03-04`,
  startTime: '09:00',
  endTime: '15.30',
  timeZone: 'Europe/Copenhagen',
  unitId: '7d1f6c1e-2a36-4a8e-9a57-0f5d6f1c9b11',
  audience: 'members',
  capacity: '',
  maxGuests: '',
};

describe('reading the staff event form', () => {
  it('makes the API’s input: instants from the zone’s clock, an event over two days, blanks as none, the checkbox as a boolean', () => {
    const read = readEventForm({ ...base, endDate: `${W}-03-05`, waitlist: 'on', registrationClosesAt: `${W}-03-01T12:00` });
    expect(read.errors).toEqual([]);
    const input = apiInput(read);
    expect(input).toMatchObject({
      startsAt: `${W}-03-04T08:00:00.000Z`,
      endsAt: `${W}-03-05T14:30:00.000Z`,
      registrationOpensAt: null,
      registrationClosesAt: `${W}-03-01T11:00:00.000Z`,
      capacity: null,
      maxGuests: 0,
      waitlist: true,
      audienceRoles: [],
      programme: [],
    });
    const checked = checkInput(eventInput, input, t);
    expect(checked.ok).toBe(true);
    // Without the checkbox the browser sends nothing: no waiting list.
    expect(apiInput(readEventForm(base)).waitlist).toBe(false);
  });

  it('skips empty programme rows and names the row a problem is in, counting the empty ones', () => {
    const read = readEventForm({
      ...base,
      'programme.0.time': '09:00',
      'programme.0.title': 'Velkomst',
      'programme.1.time': '',
      'programme.1.title': '',
      'programme.2.time': '10:00',
      'programme.2.title': '',
      'programme.3.time': '1000',
      'programme.3.title': 'Pause',
    });
    const input = apiInput(read);
    expect((input.programme as unknown[]).length).toBe(3);
    const checked = checkInput(eventInput, input, t);
    expect(checked.ok).toBe(false);
    const errors = formErrors(t, read, checked.ok ? [] : checked.refused);
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['programme.2.title', 'Programpunkt 3: Titel skal udfyldes.'],
      ['programme.3.time', 'Programpunkt 4: Klokkeslæt skal være et klokkeslæt som 17:00.'],
    ]);
  });

  it('says once what is wrong with the time, and names an unknown zone', () => {
    const read = readEventForm({ ...base, startDate: `${W}-02-30`, endTime: '' });
    const checked = checkInput(eventInput, apiInput(read), t);
    const errors = formErrors(t, read, checked.ok ? [] : checked.refused);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['startDate', 'validation.invalid_date'],
      ['endTime', 'validation.required'],
    ]);
    const zone = readEventForm({ ...base, timeZone: 'Europe/Atlantis' });
    const zoneErrors = formErrors(t, zone, []);
    expect(zoneErrors.map((e) => [e.path, e.code])).toEqual([['timeZone', 'event.invalid_time_zone']]);
  });

  it('shows a saved event in its own zone and gives it one empty programme row more', () => {
    const values = formValuesOf({
      startsAt: `${S}-07-01T15:00:00.000Z`,
      endsAt: `${S}-07-02T13:00:00.000Z`,
      timeZone: 'Europe/Stockholm',
      registrationOpensAt: null,
      registrationClosesAt: `${S}-06-30T10:00:00.000Z`,
      programme: [{ id: 'x', position: 1, startsAt: `${S}-07-01T15:30:00.000Z`, title: 'Start', speaker: null, materialId: null }],
      capacity: null,
      waitlist: false,
      maxGuests: 2,
      audienceRoles: [],
    } as unknown as Parameters<typeof formValuesOf>[0]);
    expect(values).toMatchObject({ startDate: `${S}-07-01`, startTime: '17:00', endDate: `${S}-07-02`, endTime: '15:00', registrationClosesAt: `${S}-06-30T12:00`, capacity: '', waitlist: '', maxGuests: '2', 'programme.0.time': '17:30' });
    expect(rowCount(values, 'saved')).toBe(3);
    expect(rowCount({ 'programme.4.title': '' }, 'sent')).toBe(5);
    expect(rowCount({ 'programme.4.title': '' }, 'add')).toBe(6);
  });
});
