/*
 * The texts of the demo's surveys, kept apart from the seeding (demo.ts): the national member survey
 * on well-being and the working environment that the demo union asks every year, the stewards' short
 * survey before a theme day, and the free-text answers members write. Every text is invented; no real
 * organisation or person appears.
 */

type Text = { da: string; sv: string; en: string };
const tr = (da: string, sv: string, en: string): Text => ({ da, sv, en });
const opt = (value: string, da: string, sv: string, en: string) => ({ value, label: tr(da, sv, en) });

const agree = { minLabel: tr('Helt uenig', 'Instämmer inte alls', 'Strongly disagree'), maxLabel: tr('Helt enig', 'Instämmer helt', 'Strongly agree') };

export const MAIN_SURVEY = {
  title: tr('Trivsels- og arbejdsmiljøundersøgelsen', 'Trivsel- och arbetsmiljöundersökningen', 'Well-being and working environment survey'),
  intro: tr(
    'Hvert år spørger vi alle medlemmer, hvordan de har det på arbejdet, og hvad forbundet skal arbejde for. Hovedbestyrelsen og kredsene bruger svarene til at prioritere indsatsen og til at følge udviklingen fra år til år.\n\nUndersøgelsen er anonym: dine svar gemmes uden dit navn, og resultaterne vises kun for grupper på mindst fem. Det tager omkring ti minutter, og du kan gemme og fortsætte senere.',
    'Varje år frågar vi alla medlemmar hur de har det på jobbet och vad förbundet ska arbeta för. Förbundsstyrelsen och kretsarna använder svaren för att prioritera arbetet och följa utvecklingen från år till år.\n\nUndersökningen är anonym: dina svar sparas utan ditt namn, och resultaten visas bara för grupper på minst fem. Det tar ungefär tio minuter, och du kan spara och fortsätta senare.',
    'Every year we ask all members how they are doing at work and what the union should work for. The national board and the districts use the answers to set priorities and to follow the trend from year to year.\n\nThe survey is anonymous: your answers are stored without your name, and results are only shown for groups of at least five. It takes about ten minutes, and you can save and continue later.',
  ),
  questions: [
    {
      key: 'satisfaction',
      type: 'scale',
      section: tr('Dit arbejde', 'Ditt arbete', 'Your work'),
      text: tr('Alt i alt, hvor tilfreds er du med dit arbejde?', 'Allt som allt, hur nöjd är du med ditt arbete?', 'All in all, how satisfied are you with your work?'),
      min: 1,
      max: 5,
      minLabel: tr('Meget utilfreds', 'Mycket missnöjd', 'Very dissatisfied'),
      maxLabel: tr('Meget tilfreds', 'Mycket nöjd', 'Very satisfied'),
      required: true,
    },
    {
      key: 'workload',
      type: 'single',
      text: tr('Hvordan oplever du din arbejdsbyrde?', 'Hur upplever du din arbetsbelastning?', 'How do you find your workload?'),
      options: [opt('for-lav', 'For lav', 'För låg', 'Too low'), opt('passende', 'Passende', 'Lagom', 'About right'), opt('lidt-for-hoej', 'Lidt for høj', 'Något för hög', 'A little too high'), opt('for-hoej', 'For høj', 'För hög', 'Too high')],
      required: true,
    },
    {
      key: 'workload_why',
      type: 'multiple',
      text: tr('Hvad er med til at gøre arbejdsbyrden for høj? Vælg gerne flere.', 'Vad bidrar till att arbetsbelastningen blir för hög? Välj gärna flera.', 'What makes the workload too high? Choose as many as apply.'),
      options: [
        opt('bemanding', 'For få kolleger på vagt', 'För få kollegor i tjänst', 'Too few colleagues on shift'),
        opt('vikarer', 'Mange skiftende vikarer', 'Många olika vikarier', 'Many changing temps'),
        opt('dokumentation', 'Dokumentation og registrering', 'Dokumentation och registrering', 'Documentation and record-keeping'),
        opt('borgere', 'Borgere og børn med mere komplekse behov', 'Brukare och barn med mer komplexa behov', 'Residents and children with more complex needs'),
        opt('moeder', 'Møder og administration', 'Möten och administration', 'Meetings and administration'),
      ],
      condition: { key: 'workload', values: ['lidt-for-hoej', 'for-hoej'] },
    },
    {
      key: 'hours',
      type: 'number',
      text: tr('Hvor mange timer arbejder du typisk om ugen, inklusive overarbejde?', 'Hur många timmar arbetar du vanligtvis per vecka, inklusive övertid?', 'How many hours do you usually work a week, including overtime?'),
      help: tr('Et skøn er fint.', 'En uppskattning räcker.', 'An estimate is fine.'),
      min: 0,
      max: 80,
    },
    {
      key: 'environment',
      type: 'matrix',
      section: tr('Arbejdsmiljø', 'Arbetsmiljö', 'Working environment'),
      text: tr('Hvor enig er du i udsagnene om din arbejdsplads?', 'Hur väl stämmer påståendena in på din arbetsplats?', 'How far do you agree with these statements about your workplace?'),
      min: 1,
      max: 5,
      ...agree,
      statements: [
        { key: 'respect', label: tr('Vi behandler hinanden med respekt', 'Vi behandlar varandra med respekt', 'We treat each other with respect') },
        { key: 'leader', label: tr('Min nærmeste leder bakker mig op', 'Min närmaste chef stöttar mig', 'My immediate manager backs me up') },
        { key: 'influence', label: tr('Jeg har indflydelse på, hvordan mit arbejde tilrettelægges', 'Jag har inflytande över hur mitt arbete planeras', 'I have a say in how my work is organised') },
        { key: 'safety', label: tr('Jeg føler mig tryg, når jeg går på arbejde', 'Jag känner mig trygg när jag går till jobbet', 'I feel safe when I go to work') },
      ],
    },
    {
      key: 'stress',
      type: 'single',
      text: tr('Hvor ofte har du inden for den seneste måned følt dig stresset på grund af dit arbejde?', 'Hur ofta har du under den senaste månaden känt dig stressad på grund av ditt arbete?', 'How often in the past month have you felt stressed because of your work?'),
      options: [opt('aldrig', 'Aldrig', 'Aldrig', 'Never'), opt('sjaeldent', 'Sjældent', 'Sällan', 'Rarely'), opt('nogle-gange', 'Nogle gange', 'Ibland', 'Sometimes'), opt('ofte', 'Ofte', 'Ofta', 'Often'), opt('hele-tiden', 'Næsten hele tiden', 'Nästan hela tiden', 'Almost all the time')],
    },
    {
      key: 'violence',
      type: 'single',
      text: tr('Har du inden for de seneste 12 måneder været udsat for vold eller trusler om vold på arbejdet?', 'Har du under de senaste 12 månaderna utsatts för våld eller hot om våld på jobbet?', 'In the past 12 months, have you experienced violence or threats of violence at work?'),
      options: [opt('ja', 'Ja', 'Ja', 'Yes'), opt('nej', 'Nej', 'Nej', 'No'), opt('vil-ikke-svare', 'Vil ikke svare', 'Vill inte svara', 'Prefer not to say')],
    },
    {
      key: 'steward',
      type: 'single',
      section: tr('Forbundet og tillidsrepræsentanten', 'Förbundet och de förtroendevalda', 'The union and your steward'),
      text: tr('Har I en tillidsrepræsentant på din arbejdsplads?', 'Finns det en förtroendevald på din arbetsplats?', 'Is there a shop steward at your workplace?'),
      options: [opt('ja', 'Ja', 'Ja', 'Yes'), opt('nej', 'Nej', 'Nej', 'No'), opt('ved-ikke', 'Ved ikke', 'Vet inte', 'Don’t know')],
    },
    {
      key: 'office',
      type: 'scale',
      text: tr('Hvor let er det at komme i kontakt med kredskontoret, når du har brug for hjælp?', 'Hur lätt är det att komma i kontakt med kretskansliet när du behöver hjälp?', 'How easy is it to reach the district office when you need help?'),
      help: tr('Spring spørgsmålet over, hvis du ikke har haft brug for kontakt.', 'Hoppa över frågan om du inte har behövt kontakt.', 'Skip the question if you have not needed to get in touch.'),
      min: 1,
      max: 5,
      minLabel: tr('Meget svært', 'Mycket svårt', 'Very hard'),
      maxLabel: tr('Meget let', 'Mycket lätt', 'Very easy'),
    },
    {
      key: 'recommend',
      type: 'scale',
      text: tr('Hvor sandsynligt er det, at du vil anbefale Omsorgsforbundet til en kollega?', 'Hur troligt är det att du skulle rekommendera Omsorgsforbundet till en kollega?', 'How likely are you to recommend Omsorgsforbundet to a colleague?'),
      min: 0,
      max: 10,
      minLabel: tr('Slet ikke sandsynligt', 'Inte alls troligt', 'Not at all likely'),
      maxLabel: tr('Meget sandsynligt', 'Mycket troligt', 'Extremely likely'),
      required: true,
    },
    {
      key: 'priorities',
      type: 'multiple',
      text: tr('Hvad skal forbundet prioritere højest ved de næste overenskomstforhandlinger? Vælg op til tre.', 'Vad ska förbundet prioritera högst i nästa avtalsförhandlingar? Välj upp till tre.', 'What should the union put first in the next collective bargaining? Choose up to three.'),
      options: [
        opt('loen', 'Højere løn', 'Högre lön', 'Higher pay'),
        opt('normering', 'Bedre normeringer og bemanding', 'Bättre bemanning', 'Better staffing levels'),
        opt('pension', 'Bedre pension', 'Bättre pension', 'Better pension'),
        opt('arbejdstid', 'Arbejdstid og vagtplanlægning', 'Arbetstid och schemaläggning', 'Working hours and rostering'),
        opt('senior', 'Seniorordninger', 'Seniorvillkor', 'Arrangements for older workers'),
        opt('uddannelse', 'Efter- og videreuddannelse', 'Kompetensutveckling', 'Further training'),
      ],
    },
    {
      key: 'comments',
      type: 'text',
      text: tr('Er der andet, du vil fortælle os om dit arbejdsliv eller om forbundet?', 'Finns det något mer du vill berätta för oss om ditt arbetsliv eller om förbundet?', 'Is there anything else you would like to tell us about your working life or the union?'),
    },
  ],
};

/** The invitation staff wrote for the yearly wave; the answer link and the note on anonymity are the feature's. */
export const MAIN_INVITATION = {
  subject: tr('Hvordan har du det på arbejdet, {{firstName}}?', 'Hur har du det på jobbet, {{firstName}}?', 'How are things at work, {{firstName}}?'),
  body: tr(
    'Kære {{firstName}}\n\nÉn gang om året spørger vi alle medlemmer om trivsel og arbejdsmiljø, og om hvad forbundet skal kæmpe for ved de næste forhandlinger. Vi bruger svarene til at prioritere arbejdet, og vi følger udviklingen fra år til år.\n\nDet tager omkring ti minutter, og du kan gemme og fortsætte senere.\n\n[Svar på undersøgelsen]({{personalLink}})\n\nVenlig hilsen  \nHovedbestyrelsen',
    'Hej {{firstName}}\n\nEn gång om året frågar vi alla medlemmar om trivsel och arbetsmiljö, och om vad förbundet ska kämpa för i nästa förhandlingar. Vi använder svaren för att prioritera arbetet, och vi följer utvecklingen från år till år.\n\nDet tar ungefär tio minuter, och du kan spara och fortsätta senare.\n\n[Svara på undersökningen]({{personalLink}})\n\nVänliga hälsningar  \nFörbundsstyrelsen',
    'Dear {{firstName}}\n\nOnce a year we ask all members about well-being and the working environment, and about what the union should fight for in the next negotiations. We use the answers to set priorities, and we follow the trend from year to year.\n\nIt takes about ten minutes, and you can save and continue later.\n\n[Answer the survey]({{personalLink}})\n\nBest regards  \nThe national board',
  ),
};

export const STEWARD_SURVEY = {
  title: tr('Temadag for tillidsrepræsentanter – dine ønsker', 'Temadag för förtroendevalda – dina önskemål', 'Theme day for shop stewards – your wishes'),
  intro: tr(
    'Vi holder en temadag for alle tillidsrepræsentanter i forbundet. Fortæl os, hvad den skal handle om, og om du kommer. Undersøgelsen er ikke anonym: vi bruger dit navn til at planlægge pladser og forplejning.',
    'Vi håller en temadag för alla förtroendevalda i förbundet. Berätta vad den ska handla om och om du kommer. Undersökningen är inte anonym: vi använder ditt namn för att planera platser och förtäring.',
    'We are holding a theme day for all shop stewards in the union. Tell us what it should be about and whether you will come. The survey is not anonymous: we use your name to plan seats and catering.',
  ),
  questions: [
    {
      key: 'attend',
      type: 'single',
      text: tr('Regner du med at deltage i temadagen?', 'Räknar du med att delta i temadagen?', 'Do you expect to take part in the theme day?'),
      options: [opt('ja', 'Ja', 'Ja', 'Yes'), opt('maaske', 'Måske', 'Kanske', 'Maybe'), opt('nej', 'Nej', 'Nej', 'No')],
      required: true,
    },
    {
      key: 'topics',
      type: 'multiple',
      text: tr('Hvilke emner vil du helst have på programmet?', 'Vilka ämnen vill du helst ha på programmet?', 'Which topics would you most like on the programme?'),
      options: [
        opt('overenskomst', 'Den nye overenskomst', 'Det nya kollektivavtalet', 'The new collective agreement'),
        opt('organisering', 'Sådan organiserer vi nye kolleger', 'Hur vi organiserar nya kollegor', 'Organising new colleagues'),
        opt('vold', 'Forebyggelse af vold og trusler', 'Att förebygga våld och hot', 'Preventing violence and threats'),
        opt('loen', 'Lokal løndannelse', 'Lokal lönebildning', 'Local pay bargaining'),
        opt('samarbejde', 'Samarbejdet med ledelsen', 'Samarbetet med ledningen', 'Working with management'),
      ],
    },
    {
      key: 'day',
      type: 'single',
      text: tr('Hvilken dag passer dig bedst?', 'Vilken dag passar dig bäst?', 'Which day suits you best?'),
      options: [opt('tirsdag', 'Tirsdag', 'Tisdag', 'Tuesday'), opt('onsdag', 'Onsdag', 'Onsdag', 'Wednesday'), opt('torsdag', 'Torsdag', 'Torsdag', 'Thursday')],
    },
    {
      key: 'needs',
      type: 'text',
      text: tr('Har du hensyn til kost, tilgængelighed eller andet, vi skal kende til?', 'Har du önskemål om kost, tillgänglighet eller annat som vi behöver känna till?', 'Any dietary, accessibility or other needs we should know about?'),
    },
  ],
};

/** What the stewards who have answered so far said, in turn. */
export const STEWARD_ANSWERS: Record<string, unknown>[] = [
  { attend: 'ja', topics: ['overenskomst', 'organisering'], day: 'onsdag', needs: 'Vegetar, tak.' },
  { attend: 'ja', topics: ['vold', 'samarbejde'], day: 'tirsdag' },
  { attend: 'maaske', topics: ['loen', 'overenskomst'], day: 'torsdag', needs: 'Kan først komme efter frokost på grund af vagtplanen.' },
  { attend: 'ja', topics: ['organisering', 'vold', 'overenskomst'], day: 'onsdag', needs: 'Glutenfri kost.' },
  { attend: 'nej', topics: ['overenskomst'] },
  { attend: 'ja', topics: ['samarbejde', 'loen'], day: 'onsdag' },
  { attend: 'ja', topics: ['vold'], day: 'tirsdag', needs: 'Jeg har brug for en parkeringsplads tæt på indgangen.' },
];

/** A free-text answer: its mood (who writes it), and the waves (0 = two years ago, 2 = now) it belongs to, when not all. */
type Comment = { mood: 'strained' | 'neutral' | 'content'; text: string; waves?: readonly number[] };

export const COMMENTS_DA: readonly Comment[] = [
  { mood: 'strained', text: 'Vi er for få på aftenvagterne, og det går ud over beboerne.' },
  { mood: 'strained', text: 'Der bliver brugt rigtig mange vikarer, som ikke kender børnene. Det giver uro i hele huset.', waves: [1, 2] },
  { mood: 'strained', text: 'Jeg elsker mit fag, men jeg kan ikke blive ved i det her tempo.' },
  { mood: 'strained', text: 'Dokumentationen tager tid fra kerneopgaven. Vi skriver mere, end vi er sammen med borgerne.' },
  { mood: 'strained', text: 'Efter omstruktureringen er vi færre på holdet, men opgaverne er de samme.', waves: [1, 2] },
  { mood: 'strained', text: 'Alenearbejde om natten er et stort problem hos os.' },
  { mood: 'strained', text: 'Vi mangler faste kolleger. To stillinger har været slået op i over et halvt år.', waves: [2] },
  { mood: 'strained', text: 'Min leder gør, hvad hun kan, men budgettet er for stramt.' },
  { mood: 'strained', text: 'Jeg går tit hjem med dårlig samvittighed over det, jeg ikke nåede.' },
  { mood: 'strained', text: 'Der er for lidt tid til at sætte nye kolleger ordentligt ind i arbejdet.' },
  { mood: 'strained', text: 'Sygefraværet er højt, og så løber vi andre endnu stærkere.' },
  { mood: 'strained', text: 'Vi får flere borgere med svære psykiatriske diagnoser uden at få flere hænder.' },
  { mood: 'strained', text: 'Vagtplanen bliver lavet om med kort varsel. Det er svært at få familielivet til at hænge sammen.' },
  { mood: 'strained', text: 'Jeg har overvejet at gå ned i tid for at kunne holde til det.' },
  { mood: 'strained', text: 'Vi har haft flere episoder med trusler i år, og der bliver ikke fulgt ordentligt op.', waves: [0] },
  { mood: 'strained', text: 'Det er næsten umuligt at komme igennem på telefonen til kredskontoret.', waves: [0] },
  { mood: 'neutral', text: 'Godt at I spørger. Husk at fortælle, hvad svarene bliver brugt til.' },
  { mood: 'neutral', text: 'Kredskontoret var hurtige til at hjælpe, da jeg havde en sag om min ansættelse.' },
  { mood: 'neutral', text: 'Det er blevet meget lettere at få fat i en konsulent, efter at de direkte numre kom på hjemmesiden.', waves: [1, 2] },
  { mood: 'neutral', text: 'Flere fyraftensmøder ude på arbejdspladserne, tak. Det sidste om arbejdstid var rigtig godt.' },
  { mood: 'neutral', text: 'Jeg savner mere information om pension, når man nærmer sig de 60.' },
  { mood: 'neutral', text: 'Vores tillidsrepræsentant gør et kæmpe arbejde, men har for lidt tid til det.' },
  { mood: 'neutral', text: 'Vi har ingen tillidsrepræsentant lige nu. Kan kredsen hjælpe os med at finde en?' },
  { mood: 'neutral', text: 'Lønnen står ikke mål med det ansvar, vi har.' },
  { mood: 'neutral', text: 'Jeg vil gerne have flere kurser i konfliktnedtrapning.' },
  { mood: 'neutral', text: 'Medlemsbladet er godt, men jeg læser det mest på nettet.' },
  { mood: 'neutral', text: 'Forhandlingerne skal handle om normeringer, ikke kun om løn.' },
  { mood: 'neutral', text: 'Efteruddannelse bliver altid nedprioriteret, når der er travlt.' },
  { mood: 'neutral', text: 'Undersøgelsen er for lang. Færre spørgsmål, tak.' },
  { mood: 'content', text: 'Jeg har fantastiske kolleger, og vi hjælper hinanden.' },
  { mood: 'content', text: 'Vi har fået en ny leder, som lytter, og det kan mærkes.' },
  { mood: 'content', text: 'Arbejdsmiljøet er blevet bedre, efter vi fik en fast makkerordning, når der er uro.', waves: [1, 2] },
  { mood: 'content', text: 'Det er et meningsfuldt arbejde, og jeg er glad for at gå på arbejde.' },
  { mood: 'content', text: 'Vi har fået bedre rutiner omkring vold og trusler, og jeg føler mig mere tryg.', waves: [1, 2] },
  { mood: 'content', text: 'God stemning i personalegruppen, selv om vi har travlt.' },
];

export const TAILS_DA = ['Tak for jeres arbejde.', 'Ellers er jeg glad for mit job.', 'Det håber jeg, forbundet vil tage op.', 'Det har stået på længe.', 'Jeg tror, det er sådan flere steder i kommunen.'];

export const COMMENTS_SV: readonly Comment[] = [
  { mood: 'strained', text: 'Vi är för få i tjänst på kvällarna, och det går ut över de boende.' },
  { mood: 'strained', text: 'Många vikarier som inte känner barnen – det skapar oro.', waves: [1, 2] },
  { mood: 'strained', text: 'Jag trivs med mina kollegor, men tempot är för högt.' },
  { mood: 'neutral', text: 'Det har blivit lättare att nå kretskansliet, tack för det.', waves: [1, 2] },
  { mood: 'neutral', text: 'Mer utbildning i konflikthantering, tack.' },
  { mood: 'neutral', text: 'Lönen motsvarar inte det ansvar vi har.' },
  { mood: 'neutral', text: 'Bra att ni frågar. Berätta gärna vad svaren används till.' },
  { mood: 'content', text: 'Vi har fått bättre rutiner kring hot och våld, och jag känner mig tryggare.', waves: [1, 2] },
  { mood: 'content', text: 'Ett meningsfullt arbete med bra kollegor.' },
];

export const TAILS_SV = ['Tack för ert arbete.', 'Annars trivs jag med mitt jobb.'];
