/*
 * What the demo's networks talk about: fictional people of the fictional Omsorgsforbundet, in the
 * words such networks use. Each post names its author by a role in the story (`a`, `b`, `c` the
 * companies' contacts or the members by their order, `expert`, `coordinator`) and how many days ago it was written.
 */

export type DemoPost = { by: string; daysAgo: number; body: string };
export type DemoThread = { title: string; pinned?: boolean; locked?: boolean; posts: DemoPost[] };

export const competitionNotice = {
  da:
    'I dette netværk mødes virksomheder, der konkurrerer om de samme opgaver. Del erfaringer, ikke forretningshemmeligheder: ' +
    'tal aldrig om priser, tilbud på konkrete udbud, lønninger ud over overenskomsten eller fordeling af kunder og områder. ' +
    'Bliver en samtale konkurrencefølsom, så stop den og kontakt sekretariatet. Møder har en dagsorden på forhånd og et referat bagefter.',
  sv:
    'I det här nätverket möts företag som konkurrerar om samma uppdrag. Dela erfarenheter, inte affärshemligheter: ' +
    'tala aldrig om priser, anbud i konkreta upphandlingar, löner utöver kollektivavtalet eller fördelning av kunder och områden. ' +
    'Blir ett samtal konkurrenskänsligt, avbryt det och kontakta kansliet. Möten har en dagordning i förväg och ett protokoll efteråt.',
  en:
    'This network brings together companies that compete for the same contracts. Share experience, not business secrets: ' +
    'never discuss prices, bids in specific tenders, pay above the collective agreement or the sharing of customers or areas. ' +
    'If a conversation becomes competition-sensitive, stop it and contact the secretariat. Meetings have an agenda beforehand and minutes afterwards.',
};

export const companiesThreads: DemoThread[] = [
  {
    title: 'Spilleregler for netværket',
    pinned: true,
    locked: true,
    posts: [
      {
        by: 'coordinator',
        daysAgo: 120,
        body:
          'Velkommen til erfa-netværket for private bosteder og opholdssteder.\n\n' +
          'Vi deler erfaringer med drift, tilsyn, rekruttering og arbejdsmiljø. Læs den konkurrenceretlige vejledning øverst på siden: ' +
          '**ingen priser, tilbud eller fordeling af kommuner** – hverken her, til møderne eller i pauserne.\n\n' +
          'Spørgsmål til jura og overenskomst besvarer Signe fra sekretariatet.',
      },
    ],
  },
  {
    title: 'Erfaringer med det skærpede tilsyn',
    posts: [
      {
        by: 'a',
        daysAgo: 18,
        body:
          'Vi fik uanmeldt tilsyn i sidste måned. De gik meget op i **magtanvendelsesprotokollerne** og om personalet havde kurset i konfliktnedtrapning.\n\n' +
          'Er der andre, der har oplevet, at tilsynet nu beder om dokumentation for introduktionsforløb for nye medarbejdere?',
      },
      {
        by: 'b',
        daysAgo: 17,
        body: 'Ja, det samme hos os. Vi har lavet en tjekliste til introforløbet – den ligger i filbiblioteket. Det hjalp at kunne vise, hvem der har gennemført hvad.',
      },
      {
        by: 'expert',
        daysAgo: 16,
        body:
          'Godt spørgsmål. Tilsynet må gerne bede om dokumentation for, at personalet har de nødvendige kompetencer (socialtilsynslovens kvalitetsmodel, tema 6). ' +
          'Der er ikke krav om en bestemt form.\n\n' +
          'Husk at introduktion er arbejdstid efter overenskomsten. Ring gerne, hvis I er i tvivl om en konkret sag.',
      },
      { by: 'c', daysAgo: 9, body: 'Tak, det var en hjælp. Vi har fået tilsyn i Malmø efter samme model – IVO spurgte også efter introduktionen.' },
    ],
  },
  {
    title: 'Rekruttering af nattevagter',
    posts: [
      {
        by: 'c',
        daysAgo: 6,
        body: 'Hvordan rekrutterer I nattevagter for tiden? Vi har haft et opslag ude i seks uger uden kvalificerede ansøgere.',
      },
      {
        by: 'a',
        daysAgo: 5,
        body:
          'Vi har haft held med at lade nattevagterne selv fortælle om jobbet på et åbent hus. Og med faste vagtmønstre, så man kan planlægge sit liv.\n\n' +
          '(Løn og tillæg følger overenskomsten, så det konkurrerer vi ikke på – og det skal vi heller ikke tale om her.)',
      },
      { by: 'b', daysAgo: 1, body: 'Enig. Vi har også prøvet at slå nattevagter op som 32 timer, så der er tid til kurser i dagtimerne.' },
    ],
  },
];

export const leadersThreads: DemoThread[] = [
  {
    title: 'Vagtplanlægning med færre hænder',
    pinned: true,
    posts: [
      {
        by: 'm0',
        daysAgo: 21,
        body: 'Hvordan får I vagtplanen til at hænge sammen, når to stillinger står ubesat? Vi er begyndt at bruge fælles vikarpulje med naboinstitutionen.',
      },
      { by: 'm1', daysAgo: 20, body: 'Vi planlægger fire uger frem og frigiver åbne vagter i en app, så medarbejderne selv kan byde ind. Det har givet ro.' },
      {
        by: 'expert',
        daysAgo: 19,
        body:
          'Husk varslingsreglerne: ændringer i den fastlagte arbejdstid skal varsles efter overenskomsten (normalt 4 døgn ved ændringer af en enkelt vagt). ' +
          'Jeg har lagt en kort vejledning i filbiblioteket.',
      },
      { by: 'm2', daysAgo: 3, body: 'Tak for vejledningen. Vi tager den med på næste personalemøde.' },
    ],
  },
  {
    title: 'Sygefraværssamtaler – hvad virker?',
    posts: [
      { by: 'm3', daysAgo: 12, body: 'Jeg skal i gang med omsorgssamtaler. Har nogen en god skabelon, der ikke føles som et forhør?' },
      { by: 'm0', daysAgo: 11, body: 'Start med at spørge, hvad arbejdspladsen kan gøre. Og aftal opfølgning med det samme – det viser, at det ikke er en engangsøvelse.' },
    ],
  },
  {
    title: 'Erfaringer med fire-dages uge?',
    posts: [{ by: 'm4', daysAgo: 2, body: 'Har nogen prøvet fire lange vagter om ugen for dagholdet? Hvad sagde medarbejderne efter et halvt år?' }],
  },
];

export const safetyThreads: DemoThread[] = [
  {
    title: 'Vold og trusler: hvordan registrerer I?',
    posts: [
      {
        by: 'm0',
        daysAgo: 8,
        body: 'Hos os bliver mange episoder ikke registreret, fordi skemaet er for langt. Hvordan gør I det nemt at få episoderne skrevet ned?',
      },
      {
        by: 'expert',
        daysAgo: 7,
        body:
          'Det er et kendt problem. Arbejdsgiveren skal registrere arbejdsulykker, og episoder med vold eller trusler bør altid skrives ned, også når ingen kom til skade. ' +
          'Et kort skema på telefonen hjælper – og en fast tid på personalemødet, hvor episoderne bliver gennemgået.',
      },
      { by: 'm1', daysAgo: 4, body: 'Vi har fået lov til at gennemgå episoderne på hvert personalemøde. Det har øget registreringerne markant.' },
    ],
  },
];

export const minutesText =
  '**Til stede:** Bosted Lyngbakken, Opholdsstedet Kragereden, Omsorgshemmet Björkhagen og Signe Krogh (sekretariatet).\n\n' +
  '1. **Konkurrenceretlig vejledning** – gennemgået; ingen bemærkninger.\n' +
  '2. **Erfaringer med tilsyn** – deltagerne delte erfaringer med dokumentation af introforløb. Sekretariatet udsender en vejledning.\n' +
  '3. **Rekruttering** – drøftet åbent hus og faste vagtmønstre. Løn og priser blev ikke drøftet.\n' +
  '4. **Næste møde** – om seks uger; dagsorden udsendes senest en uge før.';

export const pastAgenda =
  '1. Velkomst og konkurrenceretlig vejledning\n2. Erfaringer med tilsyn (oplæg ved Opholdsstedet Kragereden)\n3. Rekruttering af pædagoger og nattevagter\n4. Eventuelt og næste møde';

export const nextAgenda =
  '1. Velkomst og konkurrenceretlig vejledning\n2. Nyt fra sekretariatet: overenskomstforhandlingerne\n3. Arbejdsmiljø: vold og trusler på bosteder\n4. Erfaringer med digital dokumentation\n5. Eventuelt';

export const leadersAgenda = '1. Nyt fra kredsen\n2. Tema: Vagtplanlægning med færre hænder\n3. Erfaringsudveksling i små grupper\n4. Eventuelt';
