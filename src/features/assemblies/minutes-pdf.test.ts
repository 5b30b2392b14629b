import { describe, expect, it } from 'vitest';
import { minutesPdf } from './minutes-pdf.js';
import { winAnsi } from '../../platform/pdf/win-ansi.js';
import type { MinutesContent } from './minutes-content.js';

/*
 * The PDF is read back without a PDF library: written uncompressed, the text of the standard fonts
 * sits in the content streams as hex strings inside TJ arrays, in WinAnsi (Windows-1252). Each text
 * operation becomes one line; kerning between the pieces is dropped.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const op of raw.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    const hex = [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
    lines.push([...Buffer.from(hex, 'hex')].map((b) => WIN_ANSI_80[b - 0x80] ?? String.fromCharCode(b)).join(''));
  }
  return lines.join('\n');
}

/** Windows-1252's 0x80–0x9f (the rest is Latin-1), by hand: Node's own decoder may know only Latin-1. */
const WIN_ANSI_80 = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

/** The document's title (its Info dictionary's /Title: a literal string in UTF-16BE after a byte-order mark). */
function pdfTitle(pdf: Buffer): string | null {
  const raw = pdf.toString('latin1');
  const ref = /\/Title (\d+) 0 R/.exec(raw);
  const literal = ref ? new RegExp(`\\n${ref[1]} 0 obj\\n\\(([\\s\\S]*?)\\)\\nendobj`).exec(raw) : null;
  if (!literal) return null;
  const bytes = Buffer.from(literal[1].replace(/\\([()\\])/g, '$1'), 'latin1');
  if (bytes[0] !== 0xfe || bytes[1] !== 0xff) return bytes.toString('latin1');
  return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
}

/** Wrapped lines joined again, so that a sentence can be found whatever the page width. */
const flowing = (text: string) => text.replace(/\s+/g, ' ');

const at = new Date(Date.now() - 86_400_000).toISOString();

function minutes(over: Partial<MinutesContent['assembly']> = {}, itemCount = 3): MinutesContent {
  return {
    locale: 'da',
    assembly: {
      id: '00000000-0000-4000-8000-000000000001',
      title: 'Ordinær generalforsamling i Kreds Nord',
      unitId: '00000000-0000-4000-8000-000000000002',
      unitName: 'Kreds Nord',
      kind: 'ordinary',
      status: 'minutes_published',
      startsAt: at,
      when: '12. maj 2026 17.00',
      place: 'Fagforeningshuset, Havnegade 4',
      timeZone: 'Europe/Copenhagen',
      chairName: 'Søren Ærø Åberg',
      minuteTakerName: 'Åse Østergård',
      present: 42,
      rollSize: 120,
      proxies: 3,
      minutesVisibility: 'public',
      approvedByChairAt: at,
      approvedByTakerAt: at,
      publishedAt: at,
      ...over,
    },
    items: Array.from({ length: itemCount }, (_, i) => ({
      id: `00000000-0000-4000-8000-1000000000${String(i).padStart(2, '0')}`,
      position: i + 1,
      kind: i === 0 ? 'motions' : 'discussion',
      title: i === 0 ? 'Indkomne forslag' : `Punkt ${i + 1}`,
      notes: i === 0 ? 'Forslaget blev drøftet grundigt.\nBjörn Ängström (Malmö) talte imod.' : `Noter til punkt ${i + 1}. `.repeat(12),
      decision: i === 0 ? 'Forslaget blev vedtaget.' : null,
      motions: i === 0 ? [{ id: 'm1', number: 1, title: 'Lavere kontingent', state: 'adopted', stateText: 'Vedtaget', amendments: [{ id: 'a1', number: 1, state: 'adopted', stateText: 'Vedtaget' }] }] : [],
      polls:
        i === 0
          ? [
              {
                id: 'p1',
                title: 'Forslag 1',
                method: 'yes_no_abstain',
                mode: 'secret',
                secret: true,
                writtenBallotRequested: true,
                outcome: 'adopted',
                counts: { yes: 45, no: 3, abstain: 2 },
                summary: 'Vedtaget: 45 for, 3 imod, 2 undlod at stemme',
                rule: 'Simpelt flertal af de gyldige stemmer: 25 af 48 krævet, 45 for (blanke stemmer tæller ikke med).',
                ballot: 'Skriftlig (hemmelig) · skriftlig afstemning begæret af et medlem',
                counted: null,
                named: null,
              },
            ]
          : [],
      elections:
        i === 0
          ? [
              {
                id: 'e1',
                title: 'Valg til bestyrelsen',
                seats: 1,
                substitutes: 0,
                termEndsOn: '2028-05-01',
                termEndsText: '1. maj 2028',
                decided: true,
                unopposed: false,
                elected: [{ name: 'Øjvind Læsø', seatKind: 'member', seatText: 'bestyrelsesmedlem', votes: 31 }],
                lots: [],
              },
            ]
          : [],
    })),
    otherMotions: [],
  };
}

describe('the minutes as a PDF', () => {
  it('is a PDF carrying the title, the Danish and Swedish names and the results as written', async () => {
    const pdf = await minutesPdf(minutes(), { compress: false, organisation: 'Omsorgsforbundet' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flowing(pdfText(pdf));
    expect(text).toContain('Referat: Ordinær generalforsamling i Kreds Nord');
    expect(text).toContain('Søren Ærø Åberg');
    expect(text).toContain('Åse Østergård');
    expect(text).toContain('Björn Ängström (Malmö) talte imod.');
    expect(text).toContain('Vedtaget: 45 for, 3 imod, 2 undlod at stemme');
    expect(text).toContain('Skriftlig (hemmelig) · skriftlig afstemning begæret af et medlem');
    expect(text).toContain('Forslag 1: Lavere kontingent: Vedtaget');
    expect(text).toContain('Øjvind Læsø, bestyrelsesmedlem (31 stemmer), valgt til 1. maj 2028');
    expect(text).toContain('42 af 120 stemmeberettigede (og 3 ved fuldmagt)');
    expect(text).toContain('Godkendt af dirigenten, Søren Ærø Åberg');
    expect(text).not.toContain('Udkast');
    // The title a reader's window shows.
    expect(pdfTitle(pdf)).toBe('Referat: Ordinær generalforsamling i Kreds Nord');
  });

  it('says on a draft that it is one, and what approval is missing', async () => {
    const pdf = await minutesPdf(minutes({ status: 'closed', publishedAt: null, approvedByTakerAt: null }), { compress: false });
    const text = flowing(pdfText(pdf));
    expect(text).toContain('Udkast – ikke offentliggjort');
    expect(text).toContain('Referenten har endnu ikke godkendt referatet.');
  });

  it('numbers its pages, "page n of N" on each', async () => {
    const text = pdfText(await minutesPdf(minutes({}, 40), { compress: false }));
    const pages = [...text.matchAll(/Side (\d+) af (\d+)/g)];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => Number(p[1]))).toEqual(pages.map((_, i) => i + 1));
    expect(new Set(pages.map((p) => p[2]))).toEqual(new Set([String(pages.length)]));
  });

  it('compresses by default', async () => {
    const [plain, packed] = await Promise.all([minutesPdf(minutes({}, 10), { compress: false }), minutesPdf(minutes({}, 10))]);
    expect(packed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(packed.length).toBeLessThan(plain.length);
    expect(packed.toString('latin1')).toContain('/FlateDecode');
  });

  it('folds what the standard fonts lack into letters they have, keeping æ ø å ä ö', () => {
    expect(winAnsi('Søren Ærø Åberg, Björn Ängström')).toBe('Søren Ærø Åberg, Björn Ängström');
    expect(winAnsi('Łukasz Wałęsa, Dvořák, Őry')).toBe('Lukasz Walesa, Dvorák, Ory');
    expect(winAnsi('„Citat“ – 5 €')).toBe('„Citat“ – 5 €');
    expect(winAnsi('Иван 李')).toBe('???? ?');
    expect(winAnsi('a\tb\r\nc')).toBe('a b\nc');
  });
});
