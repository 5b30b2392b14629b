import type { Db } from '../../platform/db/database.js';
import { slugFor } from '../../platform/slugs.js';
import { demoCover, demoPdf, type Rgb } from '../../platform/demo-media.js';
import type { DemoContext } from '../../kernel/feature.js';
import { magazineArticles, magazineFiles, magazineIssues } from './tables.js';

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

/** Days before now, on the date the magazine prints (Copenhagen's calendar day). */
const dateBefore = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - days * 86_400_000));

/** Two issues of the member magazine "Omsorg" (one public, the newest for members), each with a drawn cover, a one-page PDF and three articles. */
export async function seedDemoMagazine(tx: Db, ctx: DemoContext): Promise<void> {
  const author = ctx.staff.find((s) => s.title === 'Kommunikationskonsulent')?.id ?? null;
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
}
