import type { Db } from '../../platform/db/database.js';
import { slugFor } from '../../platform/slugs.js';
import { demoPhoto } from '../../platform/demo-media.js';
import type { DemoContext } from '../../kernel/feature.js';
import { pressPhotos, pressReleases } from './tables.js';

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

/** Three press releases with a press contact from the staff directory, the newest with a photo and its credit. */
export async function seedDemoPress(tx: Db, ctx: DemoContext): Promise<void> {
  const contact = (title: string) => ctx.staff.find((s) => s.title === title)?.id ?? ctx.staff[0]?.id ?? null;
  const author = ctx.staff.find((s) => s.title === 'Kommunikationskonsulent')?.id ?? null;
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
