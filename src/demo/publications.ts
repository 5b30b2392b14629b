import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/database.js';
import { slugFor } from '../platform/slugs.js';
import { magazineArticles, magazineFiles, magazineIssues } from '../features/magazine/index.js';
import { pressPhotos, pressReleases } from '../features/press/index.js';

type Rgb = [number, number, number];

/** A PNG drawn pixel by pixel (RGB, 8 bits): enough for a demo cover or photo without an image library. */
export function drawPng(width: number, height: number, paint: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];

/** A magazine cover in A4 proportions: a masthead band, a coloured field and a large round "illustration". */
export function demoCover(base: Rgb, accent: Rgb): Buffer {
  const w = 420;
  const h = 594;
  return drawPng(w, h, (x, y) => {
    if (y < 96) return y > 78 ? accent : [250, 250, 247];
    const dx = x - w * 0.58;
    const dy = y - h * 0.62;
    if (dx * dx + dy * dy < 150 * 150) return mix(accent, [255, 255, 255], 0.25 + (0.25 * (y - h * 0.62 + 150)) / 300);
    if (y > h - 60 && x > 32 && x < w - 32 && (y - (h - 60)) % 18 < 6) return [250, 250, 247];
    return mix(base, [0, 0, 0], (0.15 * y) / h);
  });
}

/** A press photo stand-in: sky, sun and a green field. */
export function demoPhoto(): Buffer {
  const w = 1200;
  const h = 800;
  return drawPng(w, h, (x, y) => {
    const sun = (x - 880) ** 2 + (y - 210) ** 2 < 90 ** 2;
    if (sun) return [255, 214, 102];
    if (y < h * 0.62) return mix([120, 175, 230], [214, 234, 248], y / (h * 0.62));
    return mix([92, 160, 80], [46, 105, 48], (y - h * 0.62) / (h * 0.38));
  });
}

/**
 * A small, valid one-page PDF written by hand: the issue's title and its contents in Helvetica,
 * with the cross-reference table computed from the real byte offsets (so readers open it without
 * repairing it). Text is Windows-1252 (WinAnsiEncoding), which covers æ, ø, å and the middle dot.
 */
export function demoPdf(title: string, lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 26 Tf 60 770 Td (${esc(title)}) Tj ET`, ...lines.map((l, i) => `BT /F1 14 Tf 60 ${720 - i * 26} Td (${esc(l)}) Tj ET`)].join('\n');
  const stream = Buffer.from(text, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj =
      body === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(obj);
    length += obj.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `), 'trailer', `<< /Size ${objects.length + 1} /Root 1 0 R >>`, 'startxref', String(length), '%%EOF', ''].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

interface IssuePlan {
  number: number;
  daysAgo: number;
  audience: 'members' | 'public';
  description: string;
  colours: [Rgb, Rgb];
  coverAlt: string;
  articles: { title: string; summary: string; author: string; body: string }[];
}

const ISSUES: IssuePlan[] = [
  {
    number: 3,
    daysAgo: 95,
    audience: 'public',
    description: 'Tema: arbejdsmiljø på botilbud. Vi har besøgt tre arbejdspladser, hvor alenearbejde om aftenen er blevet afskaffet.',
    colours: [
      [29, 79, 145],
      [255, 191, 71],
    ],
    coverAlt: 'Forsiden er blå med en stor gul cirkel og bladets navn øverst.',
    articles: [
      {
        title: 'Leder: Ingen skal stå alene med vold og trusler',
        summary: 'Formanden om, hvorfor forbundet kræver to på vagt om aftenen.',
        author: 'Lone Ågesen, formand',
        body: 'Hver tredje af jer har oplevet vold eller trusler på arbejdet. Det er **ikke** en del af jobbet.\n\nDerfor kræver vi, at ingen går alene på aftenvagt på et botilbud. Det er en ret, ikke en luksus.\n\n## Hvad vi gør nu\n\n- Vi rejser kravet ved overenskomstforhandlingerne.\n- Vi hjælper jeres arbejdsmiljørepræsentanter med at registrere episoderne.\n- Vi samler erfaringer fra de arbejdspladser, der allerede har gjort det.',
      },
      {
        title: 'Bostedet Åbrinken afskaffede alenearbejdet',
        summary: 'Et år efter er sygefraværet halveret, og ingen vil tilbage.',
        author: 'Mads Lindqvist',
        body: 'Da personalet på Bostedet Åbrinken foreslog at gå to og to om aftenen, var ledelsen skeptisk. I dag er den begejstret.\n\n"Vi har fået ro på aftenerne, og beboerne mærker det," fortæller tillidsrepræsentanten.\n\nLæs mere om arbejdsmiljø på [forbundets side om emnet](/directory?q=arbejdsmiljø).',
      },
      {
        title: 'Spørg rådgiveren: Hvad gør jeg efter en episode?',
        summary: 'Arbejdsmiljøkonsulenten svarer på de fem oftest stillede spørgsmål.',
        author: 'Kasper Bach',
        body: '**Skal jeg anmelde det som en arbejdsulykke?** Ja, også selvom du ikke er kommet fysisk til skade.\n\n**Hvem skal jeg sige det til?** Din leder og din arbejdsmiljørepræsentant, så hurtigt som muligt.\n\n**Kan jeg få psykologhjælp?** Spørg din arbejdsgiver, og kontakt os, hvis du får nej.',
      },
    ],
  },
  {
    number: 4,
    daysAgo: 12,
    audience: 'members',
    description: 'Tema: overenskomst. Hvad betyder den nye aftale for din løn, din pension og din ferie?',
    colours: [
      [11, 107, 58],
      [255, 255, 255],
    ],
    coverAlt: 'Forsiden er grøn med en hvid cirkel og bladets navn øverst.',
    articles: [
      {
        title: 'Leder: En aftale med plads til forbedringer',
        summary: 'Formanden gør status over forhandlingerne.',
        author: 'Lone Ågesen, formand',
        body: 'Aftalen giver lønstigninger over tre år og et bedre pensionsbidrag. Den løser ikke alt.\n\nVi fortsætter arbejdet for bedre normeringer, og vi har brug for jer.',
      },
      {
        title: 'Sådan læser du din nye lønseddel',
        summary: 'Tillæg, pension og feriepenge forklaret linje for linje.',
        author: 'Henrik Vestergaard',
        body: 'Fra januar ser lønsedlen lidt anderledes ud.\n\n1. Grundlønnen står øverst.\n2. Tillæg for aften og weekend står hver for sig.\n3. Pensionsbidraget er steget med et halvt procentpoint.',
      },
      {
        title: 'Seniorordninger: Det kan du aftale',
        summary: 'Nedsat tid, seniordage og fratrædelse — og hvad de betyder for pensionen.',
        author: 'Helle Sandberg',
        body: 'Er du fyldt 58, kan du aftale seniordage med din arbejdsgiver.\n\nKontakt din kreds, før du skriver under, så regner vi på, hvad det betyder for din pension.',
      },
    ],
  },
];

const RELEASES = [
  {
    title: 'Omsorgsforbundet: Minimumsnormeringer skal også gælde på botilbud',
    summary: 'Forbundet kræver, at ingen pædagog går alene på aftenvagt på et botilbud, og peger på nye tal om vold og trusler.',
    body: 'Omsorgsforbundet kræver minimumsnormeringer på landets botilbud.\n\n"Når hver tredje har oplevet vold eller trusler, er det ikke længere et spørgsmål om ressourcer, men om sikkerhed," siger formand Lone Ågesen.\n\n## Forbundets krav\n\n- To på vagt om aftenen på alle botilbud.\n- Registrering af alle episoder med vold og trusler.\n- Psykologhjælp til alle, der har været udsat for en episode.',
    daysAgo: 3,
    contactTitle: 'Kommunikationskonsulent',
    photo: { credit: 'Sofie Engberg', alt: 'En solbeskinnet grøn mark under en blå himmel.' },
  },
  {
    title: 'Ny undersøgelse: Hver tredje pædagog har oplevet vold på arbejdet',
    summary: 'En undersøgelse blandt 2.400 medlemmer viser, at vold og trusler er hverdag på mange botilbud.',
    body: 'I alt 2.400 medlemmer har svaret på forbundets undersøgelse om arbejdsmiljø.\n\n34 procent har oplevet vold inden for det seneste år, og 58 procent har oplevet trusler.\n\nUndersøgelsen kan rekvireres hos pressekontakten.',
    daysAgo: 20,
    contactTitle: 'Arbejdsmiljøkonsulent',
    photo: null,
  },
  {
    title: 'Omsorgsforbundet holder kongres i Odense',
    summary: '300 delegerede mødes i Odense for at vælge ny ledelse og vedtage forbundets politik for de næste fire år.',
    body: 'Kongressen åbner med formandens beretning. Pressen er velkommen; akkreditering sker hos pressekontakten.\n\nProgrammet offentliggøres en uge før kongressen.',
    daysAgo: 45,
    contactTitle: 'Sekretariatschef',
    photo: null,
  },
];

/** Days before now, on the date the magazine prints (Copenhagen's calendar day). */
const dateBefore = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - days * 86_400_000));

/**
 * Two issues of the member magazine "Omsorg" (one public, the newest for members), each with a
 * drawn cover, a one-page PDF and three articles; and three press releases with a press contact
 * from the staff directory, the newest with a photo and its credit.
 */
export async function seedDemoPublications(tx: Db): Promise<void> {
  const staff = await queryRows<{ id: string; title: string; first: string }>(
    tx,
    sql`select sp.person_id as id, sp.title, p.first_name as first from staff_profiles sp join persons p on p.id = sp.person_id where sp.published order by p.last_name`,
  );
  const contact = (title: string) => staff.find((s) => s.title === title)?.id ?? staff[0]?.id ?? null;
  const author = staff.find((s) => s.title === 'Kommunikationskonsulent')?.id ?? null;

  for (const plan of ISSUES) {
    const publishedOn = dateBefore(plan.daysAgo);
    const year = Number(publishedOn.slice(0, 4));
    const title = `Omsorg nr. ${plan.number} · ${year}`;
    const [issue] = await tx
      .insert(magazineIssues)
      .values({ slug: `omsorg-nr-${plan.number}-${year}`, title, number: plan.number, year, publishedOn, description: plan.description, audience: plan.audience, status: 'published', coverAlt: plan.coverAlt, createdBy: author })
      .returning({ id: magazineIssues.id });
    const cover = demoCover(...plan.colours);
    const pdf = demoPdf(title, ['Indhold', ...plan.articles.map((a, i) => `${i + 1}. ${a.title}`)]);
    await tx.insert(magazineFiles).values([
      { issueId: issue.id, kind: 'cover', fileName: `omsorg-${plan.number}-forside.png`, contentType: 'image/png', size: cover.length, bytes: cover },
      { issueId: issue.id, kind: 'pdf', fileName: `omsorg-${plan.number}-${year}.pdf`, contentType: 'application/pdf', size: pdf.length, bytes: pdf },
    ]);
    await tx.insert(magazineArticles).values(
      plan.articles.map((a, i) => ({
        issueId: issue.id,
        slug: slugFor(a.title, 'artikel'),
        title: a.title,
        summary: a.summary,
        body: a.body,
        authorName: a.author,
        position: i + 1,
      })),
    );
  }

  for (const r of RELEASES) {
    const publishedAt = new Date(Date.now() - r.daysAgo * 86_400_000);
    const [release] = await tx
      .insert(pressReleases)
      .values({ slug: slugFor(r.title, 'pressemeddelelse'), title: r.title, summary: r.summary, body: r.body, status: 'published', publishedAt, contactPersonId: contact(r.contactTitle), createdBy: author, createdAt: publishedAt, updatedAt: publishedAt })
      .returning({ id: pressReleases.id });
    if (r.photo) {
      const bytes = demoPhoto();
      await tx.insert(pressPhotos).values({ releaseId: release.id, fileName: 'normeringer.png', contentType: 'image/png', size: bytes.length, bytes, credit: r.photo.credit, alt: r.photo.alt });
    }
  }
}
