import type { DemoDistrict } from '../../kernel/feature.js';
import type { ApplicationStatus, GrantPurpose, Recommendation } from './tables.js';

/*
 * The demo's applications as stories: what a member applied for and how far it came. The runner
 * (demo.ts) plays each one through the use cases up to its state. Amounts are in øre; `day` counts
 * from today for this year's pools and from the first day of the period for last year's. The
 * people, workplaces and places are the demo organisation's own or invented here.
 */

/** Who writes a review: the district's board member, its staff, or a board member who works at the applicant's workplace. */
export type DemoReview = { by: 'board' | 'staff' | 'conflicted'; body: string; recommendation?: Recommendation; amount?: number };

export interface DemoStory {
  district: DemoDistrict;
  pool: 'current' | 'last';
  to: ApplicationStatus;
  purpose: GrantPurpose;
  /** `{workplace}` is the name of the workplace the application is for. */
  title: string;
  description: string;
  place: string;
  participants: number;
  day: number;
  costs: readonly (readonly [string, number])[];
  /** Defaults to the cost total. */
  requested?: number;
  /** The answers to the pool's two questions: how it reaches new members, how it is shared afterwards. */
  reach: string;
  share: string;
  /** A steward applies for their workplace; a colleague of a board member applies (the board member is conflicted). */
  applicant?: 'member' | 'steward' | 'colleague';
  coApplicant?: boolean;
  reviews?: readonly DemoReview[];
  decidedBy?: 'board' | 'staff';
  /** A lower grant than requested. */
  granted?: number;
  reason?: string;
  reference?: string;
  report?: { summary: string; participants: number; costs: readonly (readonly [string, number])[] };
  /** The granted activity becomes an event of the district. */
  event?: boolean;
}

const NORD_OFFICE = 'Kredskontoret, Havnegade 4, Aalborg';

export const demoStories: readonly DemoStory[] = [
  // --- Kreds Nord, this year ---
  {
    district: 'nord', pool: 'current', to: 'draft', purpose: 'network_meeting',
    title: 'Netværksmøde for socialpædagoger i botilbud',
    description: 'Et eftermiddagsmøde for socialpædagoger fra kredsens botilbud, hvor vi udveksler erfaringer med nattevagter, alenearbejde og samarbejdet med pårørende. En kollega fra et botilbud i Midt fortæller om deres faste sparringsgrupper.',
    place: NORD_OFFICE, participants: 25, day: 62,
    costs: [['Forplejning, 25 deltagere', 3_000_00], ['Oplægsholder fra et andet botilbud', 2_500_00], ['Transport for oplægsholder', 600_00]],
    reach: 'Vi inviterer via tillidsrepræsentanterne på alle kredsens botilbud og beder dem tage en ny kollega med.',
    share: 'Vi skriver et kort referat til kredsens nyhedsbrev.',
  },
  {
    district: 'nord', pool: 'current', to: 'draft', purpose: 'talk',
    title: 'Foredrag om søvn og skifteholdsarbejde',
    description: 'En søvnforsker fortæller om, hvad aften- og nattevagter gør ved kroppen, og hvad vi selv og arbejdspladsen kan gøre for at sove bedre.',
    place: 'Nordby Medborgerhus, sal 1', participants: 45, day: 80,
    costs: [['Honorar til foredragsholder', 4_000_00], ['Leje af sal', 1_200_00], ['Kaffe og kage', 1_800_00]],
    reach: 'Foredraget er åbent for kolleger, der endnu ikke er medlemmer.',
    share: '',
  },
  {
    district: 'nord', pool: 'current', to: 'submitted', purpose: 'workshop', coApplicant: true,
    title: 'Workshop for nye tillidsrepræsentanter',
    description: 'En dag for tillidsrepræsentanter, der er valgt inden for det seneste år: lokalaftaler, den gode samtale med lederen og hvordan man holder et medlemsmøde på arbejdspladsen. Vi er to erfarne tillidsrepræsentanter, der står for dagen sammen med en underviser.',
    place: NORD_OFFICE, participants: 18, day: 41,
    costs: [['Leje af lokale', 1_800_00], ['Frokost og kaffe', 2_700_00], ['Underviser, en dag', 4_500_00]],
    reach: 'Nye tillidsrepræsentanter lærer at tale med kolleger, der ikke er medlemmer, om hvorfor fællesskabet betyder noget.',
    share: 'Deltagerne får materialet med hjem og præsenterer det på deres næste personalemøde.',
  },
  {
    district: 'nord', pool: 'current', to: 'submitted', purpose: 'talk',
    title: 'Fyraftensmøde om stress og sygefravær',
    description: 'En arbejdspsykolog holder oplæg om tidlige tegn på stress, og hvordan kolleger og ledelse kan tage hånd om dem, før det ender i en sygemelding. Bagefter er der spørgsmål og debat.',
    place: 'Socialpsykiatrien Nordlyset, kantinen', participants: 40, day: 34,
    costs: [['Honorar til arbejdspsykolog', 5_000_00], ['Sandwich og vand', 2_400_00], ['Kørsel for oplægsholder', 800_00]],
    requested: 8_000_00,
    reach: 'Mødet holdes lige efter arbejdstid på arbejdspladsen, så alle kolleger kan komme, også de ikke-organiserede.',
    share: 'Arbejdsmiljørepræsentanten tager pointerne med i arbejdsmiljøudvalget.',
  },
  {
    district: 'nord', pool: 'current', to: 'in_review', purpose: 'network_meeting',
    title: 'Netværksmøde for socialpædagoger i socialpsykiatrien',
    description: 'Netværket mødes to gange om året. Denne gang er temaet recovery-orienteret praksis med et oplæg fra en erfaren kollega og gruppearbejde om egne cases.',
    place: NORD_OFFICE, participants: 30, day: 27,
    costs: [['Leje af lokale', 1_500_00], ['Forplejning, 30 deltagere', 3_600_00], ['Oplægsholder', 3_000_00]],
    reach: 'Vi beder hver deltager invitere en kollega, der ikke har været med før.',
    share: 'Netværket deler oplægget på kredsens side for socialpsykiatrien.',
    reviews: [
      { by: 'staff', body: 'Godt initiativ – netværket har efterspurgt et møde siden foråret. Forplejningen er sat højt: 100 kr. pr. deltager er puljens sædvanlige niveau.' },
      { by: 'board', body: 'Jeg indstiller til en bevilling på 7.000 kr., så forplejningen følger puljens niveau.', recommendation: 'grant_less', amount: 7_000_00 },
    ],
  },
  {
    district: 'nord', pool: 'current', to: 'granted', purpose: 'workshop', applicant: 'colleague',
    title: 'Temadag om vold og trusler på {workplace}',
    description: 'En temadag om forebyggelse af vold og trusler: hvordan vi læser situationerne, hvad vi gør bagefter, og hvordan vi passer på hinanden. Kolleger fra naboinstitutionerne inviteres med.',
    place: '{workplace}', participants: 24, day: 24,
    costs: [['Underviser', 4_000_00], ['Forplejning', 1_500_00], ['Materialer', 500_00]],
    reach: 'Kolleger fra naboinstitutionerne inviteres med, og tillidsrepræsentanten fortæller om fagforeningen i frokostpausen.',
    share: 'Vi laver en fælles handleplan, som arbejdsmiljøudvalget følger op på.',
    reviews: [
      { by: 'conflicted', body: 'Jeg arbejder selv på stedet og er derfor inhabil. Jeg deltager ikke i afgørelsen.' },
      { by: 'board', body: 'Relevant emne, og naboinstitutionerne er inviteret. Jeg indstiller til fuld bevilling.', recommendation: 'grant' },
    ],
    decidedBy: 'board',
    reason: 'Bevilget fuldt ud: temadagen ligger inden for puljens formål, budgettet er realistisk, og kolleger fra flere arbejdspladser kan deltage.',
  },
  {
    district: 'nord', pool: 'current', to: 'granted', purpose: 'talk', applicant: 'steward', event: true,
    title: 'Foredrag om arbejdsmiljøet i {workplace}',
    description: 'En arbejdsmiljøkonsulent fortæller om støj, tunge løft og det psykiske arbejdsmiljø i hverdagen med børnene – og om hvad vi selv kan gøre sammen med ledelsen.',
    place: '{workplace}', participants: 22, day: 19,
    costs: [['Honorar til oplægsholder', 4_500_00], ['Forplejning', 1_300_00]],
    reach: 'Foredraget er åbent for alle ansatte, også dem, der endnu ikke er medlemmer.',
    share: 'Arbejdsmiljørepræsentanten samler forslagene og tager dem med til næste personalemøde.',
    reviews: [{ by: 'staff', body: 'Passer fint til kredsens fokus på arbejdsmiljøet i dagtilbud.', recommendation: 'grant' }],
    decidedBy: 'staff',
    reason: 'Bevilget. Foredraget er åbent for kolleger, der endnu ikke er medlemmer, og passer til kredsens fokus på arbejdsmiljø i dagtilbud.',
  },
  {
    district: 'nord', pool: 'current', to: 'granted', purpose: 'workshop',
    title: 'Workshop: Konflikthåndtering i hverdagen',
    description: 'En workshop med øvelser i at nedtrappe konflikter med borgere og mellem kolleger, ledet af en erfaren konfliktmægler.',
    place: 'Bofællesskabet Egevang, fællesrummet', participants: 20, day: 33,
    costs: [['Underviser', 6_000_00], ['Leje af lokale', 2_000_00], ['Forplejning', 2_500_00]],
    requested: 9_500_00,
    reach: 'Vi inviterer nyansatte og vikarer særskilt.',
    share: 'Deltagerne får et kort hæfte med øvelserne.',
    reviews: [{ by: 'staff', body: 'Kredskontorets mødelokale er ledigt den dag, så lejen kan spares. Forplejningen kan sættes ned.', recommendation: 'grant_less', amount: 7_000_00 }],
    decidedBy: 'board', granted: 7_000_00,
    reason: 'Bevilget 7.000 kr. Puljen dækker ikke leje af lokale, når kredskontorets mødelokale er ledigt på dagen, og forplejningen er sat ned til puljens niveau.',
  },
  {
    district: 'nord', pool: 'current', to: 'rejected', purpose: 'network_meeting',
    title: 'Udflugt for medlemmer i Kreds Nord',
    description: 'En bustur til Skagen med frokost for medlemmer og deres familier – en dag for at mødes uden for arbejdet.',
    place: 'Skagen', participants: 40, day: 50,
    costs: [['Bus', 6_500_00], ['Frokost', 4_000_00]],
    requested: 10_000_00,
    reach: 'Medlemmerne må tage en kollega med.',
    share: 'Billeder i nyhedsbrevet.',
    reviews: [{ by: 'staff', body: 'Ingen faglig del i programmet.', recommendation: 'reject' }],
    decidedBy: 'board',
    reason: 'Afslået. Puljen støtter faglige aktiviteter som foredrag, workshops, netværksmøder og arbejdspladsbesøg; en udflugt uden fagligt indhold ligger uden for puljens formål. I er velkomne til at søge igen med et fagligt program.',
  },
  {
    district: 'nord', pool: 'current', to: 'withdrawn', purpose: 'workplace_visit',
    title: 'Arbejdspladsbesøg på Værestedet Havnen',
    description: 'Et besøg for kolleger fra botilbuddene, der vil se, hvordan værestedet arbejder med de borgere, der også kommer hos os.',
    place: 'Værestedet Havnen', participants: 12, day: 29,
    costs: [['Transport', 1_600_00], ['Forplejning', 800_00]],
    reach: 'Besøget er åbent for alle på holdet.',
    share: 'Vi fortæller om besøget på næste personalemøde.',
  },
  {
    district: 'nord', pool: 'current', to: 'paid_out', purpose: 'talk',
    title: 'Foredrag: Faglig stolthed i en presset hverdag',
    description: 'Et foredrag om at holde fast i fagligheden, når der er travlt, og om at tale fagets sag over for ledelse og politikere.',
    place: 'Nordby Medborgerhus, sal 2', participants: 50, day: 12,
    costs: [['Honorar til foredragsholder', 4_500_00], ['Forplejning', 1_500_00]],
    reach: 'Foredraget annonceres på alle kredsens arbejdspladser og er gratis for ikke-medlemmer.',
    share: 'Foredraget optages som podcast til kredsens medlemmer.',
    decidedBy: 'board', reference: 'Bilag 1187',
    reason: 'Bevilget. Et foredrag, der samler mange på tværs af arbejdspladserne.',
  },
  {
    district: 'nord', pool: 'current', to: 'report_due', purpose: 'network_meeting',
    title: 'Netværksmøde for arbejdsmiljørepræsentanter',
    description: 'Kredsens arbejdsmiljørepræsentanter mødes om den nye APV og om, hvordan man følger op på den.',
    place: NORD_OFFICE, participants: 16, day: -9,
    costs: [['Leje af lokale', 1_200_00], ['Forplejning', 2_400_00], ['Oplægsholder', 1_200_00]],
    reach: 'Nyvalgte arbejdsmiljørepræsentanter får en særlig invitation.',
    share: 'Slides og tjekliste deles med alle arbejdsmiljørepræsentanter i kredsen.',
    decidedBy: 'staff', reference: 'Bilag 1102',
    reason: 'Bevilget som ansøgt.',
  },
  {
    district: 'nord', pool: 'current', to: 'report_due', purpose: 'workshop',
    title: 'Workshop om god dokumentation i botilbud',
    description: 'En workshop om at skrive kort og brugbart i journalen – med øvelser i de systemer, vi bruger.',
    place: 'Botilbuddet Solsikken', participants: 15, day: -52,
    costs: [['Underviser', 6_000_00], ['Forplejning', 2_000_00], ['Materialer', 500_00]],
    reach: 'Vikarer og nyansatte inviteres særskilt.',
    share: 'Vi laver en fælles skabelon, som hele huset kan bruge.',
    decidedBy: 'board', reference: 'Bilag 0988',
    reason: 'Bevilget som ansøgt. Husk afrapporteringen efter workshoppen.',
  },
  {
    district: 'nord', pool: 'current', to: 'reported', purpose: 'workplace_visit',
    title: 'Arbejdspladsbesøg på Herberget Nattely',
    description: 'Et besøg på et herberg for hjemløse, hvor personalet viser, hvordan de arbejder med borgere med misbrug og psykisk sygdom. Vi vil lære af deres måde at skabe ro på i nattetimerne.',
    place: 'Herberget Nattely, Nordby', participants: 14, day: -38,
    costs: [['Bus tur-retur', 3_200_00], ['Forplejning', 1_100_00]],
    reach: 'To af deltagerne var nyansatte, der meldte sig ind efter besøget.',
    share: 'Vi fortæller om besøget i kredsens nyhedsbrev.',
    decidedBy: 'board', reference: 'Bilag 1033',
    reason: 'Bevilget. Et godt eksempel på et besøg, der styrker fagligheden på tværs.',
    report: {
      summary: 'Fjorten kolleger besøgte herberget en formiddag. Personalet viste rundt og fortalte om deres arbejde med natteroen, og vi drøftede, hvad vi kan tage med hjem. Flere af os vil gerne lave et genbesøg, hvor herbergets personale kommer til os.',
      participants: 14,
      costs: [['Bus tur-retur', 3_050_00], ['Forplejning', 980_00]],
    },
  },
  {
    district: 'nord', pool: 'current', to: 'closed', purpose: 'talk',
    title: 'Foredrag om faglig identitet for nyuddannede',
    description: 'En tidligere tillidsrepræsentant fortæller nyuddannede om de første år i faget: løn, overenskomst og at finde sin plads i personalegruppen.',
    place: 'Nordby Medborgerhus, sal 1', participants: 35, day: -110,
    costs: [['Honorar til foredragsholder', 3_500_00], ['Forplejning', 1_500_00]],
    reach: 'Vi inviterer de seneste to årgange fra pædagoguddannelsen i Nordby.',
    share: 'Deltagerne fik kredsens velkomstfolder med hjem.',
    decidedBy: 'staff', reference: 'Bilag 0841',
    reason: 'Bevilget som ansøgt.',
    report: {
      summary: 'Foredraget samlede 31 nyuddannede og studerende. Mange spørgsmål om løn og pension; fem meldte sig ind samme aften.',
      participants: 31,
      costs: [['Honorar til foredragsholder', 3_500_00], ['Forplejning', 1_320_00]],
    },
  },
  // --- Kreds Nord, last year's pool: decided, reported and closed ---
  {
    district: 'nord', pool: 'last', to: 'closed', purpose: 'talk',
    title: 'Foredrag om alenearbejde på botilbud',
    description: 'En arbejdsmiljøforsker om risikoen ved at være alene på vagt, og om hvad der virker for at forebygge den.',
    place: NORD_OFFICE, participants: 38, day: 60,
    costs: [['Honorar til foredragsholder', 4_500_00], ['Forplejning', 1_500_00]],
    reach: 'Åbent for alle ansatte på kredsens botilbud.',
    share: 'Arbejdsmiljørepræsentanterne fik slides til personalemøderne.',
    decidedBy: 'board', reference: 'Bilag 0214',
    reason: 'Bevilget som ansøgt.',
    report: { summary: 'God dag med 38 deltagere fra ni botilbud. Flere arbejdspladser har siden taget emnet op i arbejdsmiljøudvalget.', participants: 38, costs: [['Honorar til foredragsholder', 4_500_00], ['Forplejning', 1_410_00]] },
  },
  {
    district: 'nord', pool: 'last', to: 'closed', purpose: 'workshop',
    title: 'Workshop: Sådan holder I et godt fyraftensmøde',
    description: 'For tillidsrepræsentanter, der vil invitere kredsen ud på arbejdspladsen: hvordan man finder emnet, får kollegerne med og følger op.',
    place: NORD_OFFICE, participants: 14, day: 110,
    costs: [['Underviser', 5_000_00], ['Leje af lokale', 1_500_00], ['Forplejning', 2_500_00]],
    requested: 9_000_00,
    reach: 'Fyraftensmøderne er åbne for kolleger, der ikke er medlemmer endnu.',
    share: 'Deltagerne fik en tjekliste til deres første møde.',
    decidedBy: 'board', granted: 7_500_00, reference: 'Bilag 0377',
    reason: 'Bevilget 7.500 kr.: kredskontorets lokale stilles gratis til rådighed, så lejen udgår.',
    report: { summary: 'Fjorten tillidsrepræsentanter deltog. Tre af dem har siden holdt fyraftensmøde med kredsen.', participants: 14, costs: [['Underviser', 5_000_00], ['Forplejning', 2_350_00]] },
  },
  {
    district: 'nord', pool: 'last', to: 'closed', purpose: 'network_meeting',
    title: 'Netværksmøde for pædagoger i skovbørnehaver',
    description: 'Et netværksmøde i skoven om udeliv, tøj og arbejdsstillinger – og om at være få voksne på store arealer.',
    place: 'Skovbørnehaven Mosen', participants: 21, day: 170,
    costs: [['Forplejning', 2_200_00], ['Oplægsholder', 2_000_00]],
    reach: 'Invitationen gik til alle skovbørnehaver i kredsen.',
    share: 'Netværket har oprettet en fælles mailliste.',
    decidedBy: 'staff', reference: 'Bilag 0502',
    reason: 'Bevilget som ansøgt.',
    report: { summary: 'Netværket mødtes med 21 deltagere fra syv institutioner og aftalte at mødes igen til efteråret.', participants: 21, costs: [['Forplejning', 2_040_00], ['Oplægsholder', 2_000_00]] },
  },
  {
    district: 'nord', pool: 'last', to: 'reported', purpose: 'workplace_visit',
    title: 'Arbejdspladsbesøg på Opholdsstedet Kragereden',
    description: 'Kolleger fra kommunens anbringelsessteder besøger et privat opholdssted for at se, hvordan de arbejder med skolegang for de anbragte unge.',
    place: 'Opholdsstedet Kragereden, Hjørring', participants: 10, day: 300,
    costs: [['Transport', 2_600_00], ['Forplejning', 900_00]],
    reach: 'Personalet på opholdsstedet fik en præsentation af fagforeningen.',
    share: 'Vi skrev et referat til de deltagende arbejdspladser.',
    decidedBy: 'board', reference: 'Bilag 0733',
    reason: 'Bevilget som ansøgt.',
    report: { summary: 'Ti kolleger deltog. Besøget gav gode idéer til samarbejdet med skolerne.', participants: 10, costs: [['Transport', 2_600_00], ['Forplejning', 860_00]] },
  },
  {
    district: 'nord', pool: 'last', to: 'rejected', purpose: 'talk',
    title: 'Underholdning ved personalefesten',
    description: 'En komiker til personalets årlige fest.',
    place: 'Kantinen', participants: 30, day: 270,
    costs: [['Honorar', 8_000_00]],
    reach: 'Alle på arbejdspladsen er inviteret.',
    share: '-',
    decidedBy: 'board',
    reason: 'Afslået. Puljen støtter faglige initiativer; underholdning ved en personalefest er arbejdspladsens egen sag.',
  },
  // --- Kreds Midt, this year ---
  {
    district: 'midt', pool: 'current', to: 'draft', purpose: 'workshop',
    title: 'Workshop om overenskomsten for pædagogiske assistenter',
    description: 'Hvad står der egentlig i overenskomsten om arbejdstid, løntillæg og kompetenceudvikling? En workshop med en faglig sekretær og gruppearbejde.',
    place: 'Kredskontoret, Banegårdspladsen 7, Aarhus', participants: 20, day: 70,
    costs: [['Forplejning', 2_000_00], ['Materialer', 400_00]],
    reach: 'Pædagogiske assistenter er mange steder den gruppe, der er sværest at organisere.',
    share: '',
  },
  {
    district: 'midt', pool: 'current', to: 'submitted', purpose: 'network_meeting',
    title: 'Netværksmøde for pædagoger i dagtilbud',
    description: 'Netværket mødes om overgangen fra vuggestue til børnehave og om samarbejdet med forældrene.',
    place: 'Børnehuset Regnbuen', participants: 28, day: 36,
    costs: [['Forplejning', 2_800_00], ['Oplægsholder', 2_500_00]],
    reach: 'Vi beder hvert medlem invitere en kollega fra en anden institution.',
    share: 'Et kort referat på kredsens side for dagtilbud.',
  },
  {
    district: 'midt', pool: 'current', to: 'in_review', purpose: 'talk',
    title: 'Foredrag om inklusion af børn med særlige behov',
    description: 'En specialpædagog fortæller om inklusion i praksis, og hvad det kræver af normering og kompetencer.',
    place: 'Aktivitetscentret Søbredden', participants: 60, day: 44,
    costs: [['Honorar til foredragsholder', 5_500_00], ['Leje af sal', 1_500_00], ['Kaffe og kage', 1_800_00]],
    reach: 'Foredraget annonceres også over for studerende i praktik.',
    share: 'Vi deler oplægget med kredsbestyrelsen som input til det politiske arbejde.',
    reviews: [
      { by: 'staff', body: 'Emnet er efterspurgt; vi har haft mange henvendelser om normeringer i år.' },
      { by: 'board', body: 'Jeg indstiller til fuld bevilling.', recommendation: 'grant' },
    ],
  },
  {
    district: 'midt', pool: 'current', to: 'granted', purpose: 'workshop', coApplicant: true,
    title: 'Workshop for nye tillidsrepræsentanter i Kreds Midt',
    description: 'En dag om tillidshvervet: rettigheder, samarbejdet med lederen og den første lønforhandling.',
    place: 'Kredskontoret, Banegårdspladsen 7, Aarhus', participants: 16, day: 22,
    costs: [['Underviser', 5_000_00], ['Frokost og kaffe', 2_400_00], ['Materialer', 600_00]],
    reach: 'Nye tillidsrepræsentanter bliver bedre til at invitere kolleger ind i fællesskabet.',
    share: 'Deltagerne mødes igen i kredsens TR-netværk.',
    decidedBy: 'board',
    reason: 'Bevilget som ansøgt. Workshoppen styrker kredsens nye tillidsrepræsentanter.',
  },
  {
    district: 'midt', pool: 'current', to: 'report_due', purpose: 'workplace_visit',
    title: 'Arbejdspladsbesøg på Ungehuset Broen',
    description: 'Kolleger fra familiehusene besøger ungehuset for at se, hvordan de arbejder med unge i overgangen til voksenlivet.',
    place: 'Ungehuset Broen', participants: 9, day: -6,
    costs: [['Transport', 1_800_00], ['Forplejning', 1_200_00]],
    reach: 'Besøget blev også tilbudt kolleger, der ikke er medlemmer.',
    share: 'Vi fortæller om besøget på et fællesmøde.',
    decidedBy: 'staff', reference: 'Bilag M-311',
    reason: 'Bevilget som ansøgt.',
  },
  // --- Kreds Syd, this year ---
  {
    district: 'syd', pool: 'current', to: 'submitted', purpose: 'talk',
    title: 'Foredrag om tavshedspligt og underretninger',
    description: 'En socialrådgiver gennemgår, hvornår man skal underrette, og hvordan man gør det godt – med eksempler fra hverdagen.',
    place: 'Kredskontoret, Torvet 2, Kolding', participants: 40, day: 31,
    costs: [['Honorar til oplægsholder', 4_000_00], ['Forplejning', 1_600_00]],
    reach: 'Foredraget er åbent for alle faggrupper på arbejdspladserne.',
    share: 'Vi laver en kort huskeliste til opslagstavlen.',
  },
  {
    district: 'syd', pool: 'current', to: 'in_review', purpose: 'workplace_visit',
    title: 'Arbejdspladsbesøg på Krisecentret Lyset',
    description: 'Kolleger fra kredsens bosteder besøger krisecentret for at lære om arbejdet med kvinder og børn, der har været udsat for vold, og om sikkerheden for personalet.',
    place: 'Krisecentret Lyset', participants: 12, day: 26,
    costs: [['Kørsel', 1_400_00], ['Forplejning', 900_00]],
    reach: 'Krisecentrets personale er inviteret med til en snak om fagforeningen bagefter.',
    share: 'Vi skriver et indlæg til medlemsbladet.',
    reviews: [
      { by: 'staff', body: 'Krisecentret har sagt ja til besøget.' },
      { by: 'board', body: 'Jeg indstiller til fuld bevilling.', recommendation: 'grant' },
    ],
  },
  {
    district: 'syd', pool: 'current', to: 'paid_out', purpose: 'network_meeting',
    title: 'Netværksmøde for støttepædagoger',
    description: 'Støttepædagogerne i kredsens kommuner mødes om samarbejdet med skolerne og om arbejdstiden.',
    place: 'Bofællesskabet Fyrtårnet', participants: 18, day: 15,
    costs: [['Forplejning', 2_100_00], ['Oplægsholder', 2_000_00]],
    reach: 'Vi inviterer også støttepædagoger, der ikke er medlemmer.',
    share: 'Netværket laver en fælles mailliste.',
    decidedBy: 'board', reference: 'Bilag S-208',
    reason: 'Bevilget som ansøgt.',
  },
  {
    district: 'syd', pool: 'current', to: 'rejected', purpose: 'workshop',
    title: 'Yoga og mindfulness for personalet',
    description: 'Fire gange yoga efter arbejdstid for personalet i én børnehave.',
    place: 'Børnehaven Æblehaven', participants: 10, day: 40,
    costs: [['Yogainstruktør, fire gange', 6_000_00]],
    reach: 'Alle i personalegruppen er velkomne.',
    share: '-',
    reviews: [{ by: 'staff', body: 'Et tilbud til én personalegruppe uden fagligt indhold.', recommendation: 'reject' }],
    decidedBy: 'board',
    reason: 'Afslået. Puljen støtter aktiviteter med fagligt eller fagpolitisk indhold, der samler medlemmer på tværs af arbejdspladser; et trivselstilbud til én personalegruppe hører under arbejdspladsens egne midler.',
  },
];
