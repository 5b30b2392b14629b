import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventIcs, sequenceOf, type CalendarEvent } from './calendar.js';
import { locationOf } from './place.js';
import { tzEvents } from './calendar-tz.fixture.js';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./calendar-tz.fixture.ts', import.meta.url));

/** The document's VEVENTs as read by a real parser (ical.js, Mozilla's), keyed by UID. */
function parse(ics: string): Map<string, ICAL.Event> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return new Map(calendar.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), new ICAL.Event(v)]));
}

/** Content lines with folding undone (RFC 5545 3.1: CRLF followed by one space or tab). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

/** The generated document under another TZ, made by a child process: the zone is fixed when a process starts. */
async function icsUnder(tz: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', fixture], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  return stdout;
}

const base: CalendarEvent = {
  id: '7b1f7a1e-1111-4222-8333-444455556666',
  slug: 'generalforsamling-2025-03-12',
  title: 'Generalforsamling; Kreds Nord, 2025',
  description: '# Dagsorden\n\n**Velkommen** til årets møde.\n\n- Valg af dirigent\n- Beretning\n\n<script>alert(1)</script>',
  startsAt: new Date('2025-03-12T16:00:00Z'),
  endsAt: new Date('2025-03-12T18:30:00Z'),
  timeZone: 'Europe/Copenhagen',
  placeName: 'Fagforeningshuset',
  addressLine: 'Nørregade 1',
  postalCode: '8000',
  city: 'Aarhus C',
  onlineUrl: null,
  status: 'published',
  updatedAt: new Date('2025-02-01T10:00:00Z'),
};
const url = (e: CalendarEvent) => `https://forening.test/events/${e.slug}`;

describe('eventIcs: times', () => {
  it('writes the same UTC instants whether the server runs in Copenhagen, UTC or New York', async () => {
    const zones = ['Europe/Copenhagen', 'UTC', 'America/New_York'];
    const outputs = await Promise.all(zones.map(icsUnder));
    for (const [i, ics] of outputs.entries()) {
      const parsed = parse(ics);
      expect(parsed.size, zones[i]).toBe(tzEvents.length);
      for (const e of tzEvents) {
        const ev = parsed.get(`${e.id}@forening`)!;
        // UTC values, not floating ones that each reader would place in their own zone.
        expect(ev.startDate.zone?.tzid, zones[i]).toBe('UTC');
        expect(ev.startDate.toJSDate().toISOString(), `${zones[i]} ${e.slug}`).toBe(e.startsAt.toISOString());
        expect(ev.endDate.toJSDate().toISOString(), `${zones[i]} ${e.slug}`).toBe(e.endsAt.toISOString());
      }
      // And literally, as the lines say it.
      const lines = unfold(ics);
      expect(lines).toContain('DTSTART:20250115T160000Z');
      expect(lines).toContain('DTEND:20250115T183000Z');
      expect(lines).toContain('DTSTART:20250615T150000Z');
      expect(lines).toContain('DTSTART:20251025T213000Z');
      expect(lines).toContain('DTEND:20251026T013000Z');
      expect(lines).toContain('DTSTART:20250520T070000Z');
    }
    // Nothing in the document depends on the server's zone.
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  }, 30_000);

  it('keeps the four hours of an event across the autumn change of clocks', () => {
    const ev = parse(eventIcs(tzEvents, { name: 'TZ', url })).get(`${tzEvents[2].id}@forening`)!;
    expect(ev.endDate.toJSDate().getTime() - ev.startDate.toJSDate().getTime()).toBe(4 * 3600_000);
  });
});

describe('eventIcs: content', () => {
  it('has a stable UID, the title, place, page, plain-text description, sequence and last change', () => {
    const ics = eventIcs([base], { name: 'Kreds Nord', url });
    const ev = parse(ics).get(`${base.id}@forening`)!;
    expect(ev.uid).toBe('7b1f7a1e-1111-4222-8333-444455556666@forening');
    // Semicolons and commas are escaped in the file and come back as written.
    expect(ev.summary).toBe('Generalforsamling; Kreds Nord, 2025');
    expect(unfold(ics)).toContain('SUMMARY:Generalforsamling\\; Kreds Nord\\, 2025');
    expect(ev.location).toBe('Fagforeningshuset, Nørregade 1, 8000 Aarhus C');
    expect(ev.component.getFirstPropertyValue('url')).toBe('https://forening.test/events/generalforsamling-2025-03-12');
    expect(ev.description).toBe(
      'Dagsorden\n\nVelkommen til årets møde.\n\n- Valg af dirigent\n- Beretning\n\n<script>alert(1)</script>\n\nhttps://forening.test/events/generalforsamling-2025-03-12',
    );
    expect(ev.sequence).toBe(sequenceOf(base.updatedAt));
    expect((ev.component.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().toISOString()).toBe('2025-02-01T10:00:00.000Z');
    expect(ev.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Kreds Nord');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Forening//Forening events//EN');
  });

  it('gives the UID from the event id, so the same event keeps it in every document', () => {
    const a = unfold(eventIcs([base], { name: 'A', url })).find((l) => l.startsWith('UID:'));
    const b = unfold(eventIcs([{ ...base, title: 'Nyt navn', updatedAt: new Date('2025-02-03T08:00:00Z') }], { name: 'B', url })).find((l) => l.startsWith('UID:'));
    expect(a).toBe(`UID:${base.id}@forening`);
    expect(b).toBe(a);
  });

  it('raises SEQUENCE with every later change', () => {
    const first = parse(eventIcs([base], { name: 'A', url })).get(`${base.id}@forening`)!.sequence;
    const later = parse(eventIcs([{ ...base, updatedAt: new Date('2025-02-01T10:00:01Z') }], { name: 'A', url })).get(`${base.id}@forening`)!.sequence;
    expect(later).toBeGreaterThan(first);
    expect(sequenceOf(new Date('2080-01-01T00:00:00Z'))).toBeLessThan(2 ** 31);
    expect(sequenceOf(new Date('2020-01-01T00:00:00Z'))).toBe(0);
  });

  it('marks a cancelled event STATUS:CANCELLED, and puts the label before its title when given one', () => {
    const cancelled = { ...base, status: 'cancelled' as const };
    const ev = parse(eventIcs([cancelled], { name: 'A', url, cancelledLabel: 'Aflyst' })).get(`${base.id}@forening`)!;
    expect(ev.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(ev.summary).toBe('Aflyst: Generalforsamling; Kreds Nord, 2025');
    const plain = parse(eventIcs([cancelled], { name: 'A', url })).get(`${base.id}@forening`)!;
    expect(plain.summary).toBe(base.title);
  });

  it('gives the online link as the location of an event without a place', () => {
    const online = { ...base, placeName: null, addressLine: null, postalCode: null, city: null, onlineUrl: 'https://meet.example/abc' };
    expect(parse(eventIcs([online], { name: 'A', url })).get(`${base.id}@forening`)!.location).toBe('https://meet.example/abc');
    expect(locationOf({ ...online, onlineUrl: null })).toBeNull();
    expect(locationOf({ ...online, city: 'Online-by', postalCode: ' ' })).toBe('Online-by');
  });

  it('makes a same-site link in the description absolute, and has only the URL for an empty description', () => {
    const withLink = parse(eventIcs([{ ...base, description: 'Se [programmet](/events/x/programme).' }], { name: 'A', url })).get(`${base.id}@forening`)!;
    expect(withLink.description).toBe('Se programmet (https://forening.test/events/x/programme).\n\nhttps://forening.test/events/generalforsamling-2025-03-12');
    const empty = parse(eventIcs([{ ...base, description: '' }], { name: 'A', url })).get(`${base.id}@forening`)!;
    expect(empty.description).toBe('https://forening.test/events/generalforsamling-2025-03-12');
  });

  it('folds long lines at 75 octets without breaking a letter, and the parser reads them back whole', () => {
    const long = { ...base, description: 'Æbleskiver og øl på Ålborgs ærværdige kro. '.repeat(20).trim() };
    const ics = eventIcs([long], { name: 'A', url });
    const lines = ics.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    expect(ics).not.toContain('\uFFFD');
    expect(parse(ics).get(`${base.id}@forening`)!.description).toBe(`${long.description}\n\nhttps://forening.test/events/generalforsamling-2025-03-12`);
  });

  it('writes an empty calendar as a valid document', () => {
    const ics = eventIcs([], { name: 'Tom', url, ttlSeconds: 3600 });
    expect(parse(ics).size).toBe(0);
    expect(unfold(ics)).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
  });
});
