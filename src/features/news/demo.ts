import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uuidArray } from '../../platform/db/sql.js';
import { gradientPng } from '../../platform/demo-media.js';
import type { DemoContext } from '../../kernel/feature.js';
import { newsComments, newsPostCovers, newsPosts, type PostAudience, type PostKind } from './tables.js';

const DAY = 86_400_000;

interface PostSeed {
  slug: string;
  kind: PostKind;
  unit: 'national' | 'nord' | 'syd';
  author: [string, string];
  audience: PostAudience;
  commentsEnabled: boolean;
  daysAgo: number;
  title: string;
  summary: string;
  body: string;
  cover?: { from: [number, number, number]; to: [number, number, number]; alt: string };
  comments?: string[];
}

const POSTS: PostSeed[] = [
  {
    slug: 'ny-overenskomst-giver-loenloeft',
    kind: 'news',
    unit: 'national',
    author: ['Mads', 'Lindqvist'],
    audience: 'public',
    commentsEnabled: true,
    daysAgo: 2,
    title: 'Ny overenskomst giver lønløft til pædagoger og omsorgsmedhjælpere',
    summary: 'Forhandlingerne er slut: 7,2 procent over tre år, bedre tillæg for aften- og weekendvagter og ret til fem seniordage fra 60 år.',
    body: [
      'Efter tre ugers forhandlinger er der enighed om en ny overenskomst for ansatte på botilbud, i dagtilbud og i socialpsykiatrien.',
      '## Det får du',
      '- **7,2 procent** i generelle lønstigninger over tre år',
      '- højere tillæg for aften-, nat- og weekendvagter',
      '- ret til fem seniordage om året fra du fylder 60',
      '- en pulje til efteruddannelse, som du selv kan søge',
      '## Hvad sker der nu?',
      'Overenskomsten sendes til urafstemning blandt medlemmerne. Du får en mail med et link, når afstemningen åbner.',
      'Har du spørgsmål til din egen løn, så [find din faglige sekretær](/directory) i medarbejderoversigten.',
    ].join('\n\n'),
    cover: { from: [29, 79, 145], to: [120, 170, 220], alt: 'Blå grafik med overskriften om den nye overenskomst' },
  },
  {
    slug: 'kreds-nord-inviterer-til-fyraftensmoeder',
    kind: 'news',
    unit: 'nord',
    author: ['Birgitte', 'Dahl'],
    audience: 'public',
    commentsEnabled: false,
    daysAgo: 6,
    title: 'Kreds Nord inviterer til fyraftensmøder om arbejdsmiljø',
    summary: 'Vi kommer gerne ud på jeres arbejdsplads og taler om alenearbejde, vold og trusler og et godt psykisk arbejdsmiljø.',
    body: [
      'Kreds Nord tilbyder igen i år fyraftensmøder på arbejdspladserne. Mødet varer halvanden time, og kolleger, der ikke er medlemmer, er også velkomne.',
      'Bed om et møde via formularen [Bestil et fyraftensmøde](/workplace-meetings/request). Foreslå gerne to eller tre datoer.',
      'Vi har i forvejen talt med mange arbejdspladser om **alenearbejde om aftenen** – det emne går igen overalt.',
    ].join('\n\n'),
  },
  {
    slug: 'loenstatistik-2026',
    kind: 'news',
    unit: 'national',
    author: ['Henrik', 'Vestergaard'],
    audience: 'members',
    commentsEnabled: true,
    daysAgo: 10,
    title: 'Lønstatistik 2026: se hvad dine kolleger tjener',
    summary: 'Den nye lønstatistik viser løn og tillæg fordelt på stilling, region og anciennitet – kun for medlemmer.',
    body: [
      'Lønstatistikken bygger på oplysninger fra over 4.000 medlemmer. Brug den, når du skal til lønsamtale.',
      ['| Stilling | Gennemsnitlig månedsløn |', '| --- | --- |', '| Pædagog | 36.400 kr. |', '| Socialpædagog | 37.900 kr. |', '| Omsorgsmedhjælper | 31.200 kr. |'].join('\n'),
      'Tallene er inklusive faste tillæg og eksklusive pension.',
    ].join('\n\n'),
  },
  {
    slug: 'et-aar-som-tillidsrepraesentant',
    kind: 'blog',
    unit: 'national',
    author: ['Lone', 'Ågesen'],
    audience: 'public',
    commentsEnabled: true,
    daysAgo: 14,
    title: 'Et år som tillidsrepræsentant: det jeg ville ønske, jeg havde vidst',
    summary: 'Bestyrelsesmedlem Lone Ågesen om det første år med nøglerne til kontoret, de svære samtaler og kaffen, der altid er kold.',
    body: [
      'Da jeg blev valgt som tillidsrepræsentant, troede jeg, at jobbet handlede om overenskomster. Det gør det også. Men mest handler det om at lytte.',
      '## Tre ting jeg har lært',
      '1. Tag noter til hvert møde med ledelsen – også de uformelle.',
      '2. Sig det højt, når noget er gået godt. Det sker for sjældent.',
      '3. Du står ikke alene: ring til kredsen, før du går i gang med den svære sag.',
      'Skriv gerne i kommentarerne, hvad du selv har lært.',
    ].join('\n\n'),
    cover: { from: [11, 107, 58], to: [190, 230, 200], alt: 'Grøn grafik til blogindlægget om at være tillidsrepræsentant' },
    comments: [
      'Tak for et ærligt indlæg. Punkt 1 kan jeg kun skrive under på – noterne har reddet mig flere gange.',
      'Jeg er selv nyvalgt og var ved at give op efter to måneder. Det hjælper at læse, at det bliver lettere.',
    ],
  },
  {
    slug: 'medlemstraeff-i-malmoe',
    kind: 'news',
    unit: 'syd',
    author: ['Tove', 'Åberg'],
    audience: 'public',
    commentsEnabled: true,
    daysAgo: 20,
    title: 'Medlemsträff i Malmö för våra svenska medlemmar',
    summary: 'Kreds Syd bjuder in medlemmar som arbetar i Sverige till en kväll om arbetsvillkor, pension och gränspendling.',
    body: [
      'Allt fler av våra medlemmar arbetar på boenden och förskolor i Skåne. Därför bjuder Kreds Syd in till en medlemsträff i Malmö.',
      '## Program',
      '- Svenska kollektivavtal i korthet',
      '- Pension och skatt när du pendlar över Öresund',
      '- Frågor och fika',
      'Anmäl dig under [Arrangementer](/events). Träffen hålls på svenska.',
    ].join('\n\n'),
  },
];

/**
 * Five posts for the demo union: news from the national office and two districts (one in Swedish),
 * a members-only pay survey, a board member's blog post with two comments from members, and one
 * post with comments off. Two carry a cover made here.
 */
export async function seedDemoNews(tx: Db, ctx: DemoContext): Promise<void> {
  const people = await queryRows<{ id: string; first: string; last: string }>(tx, sql`select id, first_name as first, last_name as last from persons where email like '%@omsorgsforbundet.example'`);
  const idOf = ([first, last]: [string, string]) => people.find((p) => p.first === first && p.last === last)?.id ?? null;
  // Two Danish-speaking members of the north comment, the first in member-number order.
  const danish = new Set(
    (await queryRows<{ id: string }>(tx, sql`select id from persons where id = any(${uuidArray(ctx.activeMembers.nord)}) and preferred_locale = 'da'`)).map((r) => r.id),
  );
  const commenters = ctx.activeMembers.nord.filter((id) => danish.has(id)).slice(0, 2).map((id) => ({ id }));
  for (const p of POSTS) {
    // At 9 o'clock in the morning (Copenhagen, winter), so the comments that follow come in the day.
    const day = new Date(Date.now() - p.daysAgo * DAY);
    const publishedAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 8, 0));
    const authorId = idOf(p.author);
    const [row] = await tx
      .insert(newsPosts)
      .values({
        slug: p.slug,
        kind: p.kind,
        title: p.title,
        summary: p.summary,
        body: p.body,
        unitId: ctx.unitByKey[p.unit],
        authorId,
        createdBy: authorId,
        audience: p.audience,
        commentsEnabled: p.commentsEnabled,
        status: 'published',
        publishedAt,
        coverAlt: p.cover?.alt ?? null,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      })
      .returning({ id: newsPosts.id });
    if (p.cover) {
      const bytes = gradientPng(960, 540, p.cover.from, p.cover.to);
      await tx.insert(newsPostCovers).values({ postId: row.id, bytes, mime: 'image/png', size: bytes.length, updatedAt: publishedAt });
    }
    const comments = (p.comments ?? []).flatMap((body, i) => (commenters[i] ? [{ postId: row.id, authorId: commenters[i].id, body, createdAt: new Date(publishedAt.getTime() + (i + 1) * 3 * 3600_000) }] : []));
    if (comments.length) await tx.insert(newsComments).values(comments);
  }
}
