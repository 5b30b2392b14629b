/**
 * The demo union's own privacy notice (shown at /privacy), in Markdown. Omsorgsforbundet, its
 * addresses and its people are fictional; the authorities named are the real ones a member would
 * complain to.
 */
export const demoPrivacyNotice: { da: string; sv: string; en: string } = {
  da: `Omsorgsforbundet passer på dine oplysninger. Her kan du læse, hvad vi ved om dig, hvorfor, og hvad du selv kan bestemme.

## Hvem er ansvarlig

Omsorgsforbundet, Fælledvej 12, 2200 København N, er dataansvarlig. Skriv til [kontakt@omsorgsforbundet.example](mailto:kontakt@omsorgsforbundet.example), eller ring på +45 12 34 56 78, hvis du har spørgsmål. Vores databeskyttelsesrådgiver kan du skrive til på [dpo@omsorgsforbundet.example](mailto:dpo@omsorgsforbundet.example).

## Hvad vi ved om dig

- Navn, adresse, e-mail, telefon og fødselsdato.
- Dit medlemskab: medlemsnummer, medlemstype, kreds, sektioner og hvornår du meldte dig ind.
- Hvor du arbejder, hvem der er din arbejdsgiver, og hvad din stilling hedder.
- Om du er tillidsrepræsentant, arbejdsmiljørepræsentant eller sidder i en bestyrelse.
- Hvad du har sagt ja og nej til: nyhedsbreve, undersøgelser og billeder fra arrangementer.
- Dine tilmeldinger til kurser, fyraftensmøder og generalforsamlinger.
- Hvem hos os der har set eller ændret dine oplysninger.

At du er medlem af en fagforening, er en følsom oplysning (databeskyttelsesforordningens artikel 9). Vi bruger den kun til at have dig som medlem og hjælpe dig, og vi fortæller den aldrig til din arbejdsgiver, medmindre du selv beder os om det, fx når vi fører en sag for dig.

## Hvad vi bruger det til

- **Dit medlemskab:** kontingent, medlemsblad, rådgivning og sager om løn, pension og arbejdsmiljø. Grundlaget er dit medlemskab (artikel 6, stk. 1, litra b, og artikel 9, stk. 2, litra d).
- **Sager over for arbejdsgiveren:** kun med dit samtykke eller når det er nødvendigt for at forsvare dine rettigheder (artikel 9, stk. 2, litra a og f).
- **Nyhedsbreve, undersøgelser og billeder:** kun hvis du har sagt ja. Du kan sige nej igen når som helst.
- **Bogføring:** fordi loven kræver det.

## Hvem der ser det

Din tillidsrepræsentant ser, hvem der er medlem på jeres arbejdsplads, så hun eller han kan hjælpe jer. Medarbejderne i sekretariatet og i din kreds ser det, de skal bruge for at hjælpe dig. Vores it-leverandør og vores leverandør af e-mails behandler oplysningerne for os efter en databehandleraftale, og kun inden for EU. Vi sælger aldrig oplysninger.

## Hvor længe

Så længe du er medlem. Melder du dig ud, sletter vi dine kontaktoplysninger efter to år; regnskabsoplysninger gemmer vi i fem år efter bogføringsloven. Sager gemmer vi, så længe der kan komme krav i dem, normalt i fem år efter, at sagen er slut.

## Det bestemmer du selv

- Se alt, hvad vi har om dig, på [Min side](/me), og hent det som en fil med »Hent mine data«.
- Ret dine kontaktoplysninger på Min side. Er noget andet forkert, så skriv til os.
- Bed os slette oplysninger, vi ikke længere har brug for.
- Gør indsigelse mod det, vi bruger dine oplysninger til, eller bed os begrænse det.
- Sig ja eller nej til nyhedsbreve, undersøgelser og billeder under [Samtykker](/me/consents).

## Klage

Er du utilfreds, så skriv til os først. Du kan altid klage til [Datatilsynet](https://www.datatilsynet.dk). Bor eller arbejder du i Sverige, kan du også klage til [Integritetsskyddsmyndigheten (IMY)](https://www.imy.se).`,

  sv: `Omsorgsforbundet är rädd om dina uppgifter. Här kan du läsa vad vi vet om dig, varför, och vad du själv bestämmer över.

## Vem är ansvarig

Omsorgsforbundet, Fælledvej 12, 2200 København N, Danmark, är personuppgiftsansvarig. Skriv till [kontakt@omsorgsforbundet.example](mailto:kontakt@omsorgsforbundet.example) eller ring +45 12 34 56 78 om du har frågor. Vårt dataskyddsombud når du på [dpo@omsorgsforbundet.example](mailto:dpo@omsorgsforbundet.example).

## Vad vi vet om dig

- Namn, adress, e-post, telefon och födelsedatum.
- Ditt medlemskap: medlemsnummer, medlemstyp, krets, sektioner och när du gick med.
- Var du arbetar, vem som är din arbetsgivare och vad din befattning heter.
- Om du är förtroendevald, skyddsombud eller sitter i en styrelse.
- Vad du har sagt ja och nej till: nyhetsbrev, undersökningar och bilder från evenemang.
- Dina anmälningar till kurser, medlemsmöten och årsmöten.
- Vem hos oss som har sett eller ändrat dina uppgifter.

Att du är medlem i ett fackförbund är en känslig uppgift (artikel 9 i dataskyddsförordningen). Vi använder den bara för att ha dig som medlem och hjälpa dig, och vi berättar den aldrig för din arbetsgivare om du inte själv ber oss om det, till exempel när vi driver ett ärende åt dig.

## Vad vi använder uppgifterna till

- **Ditt medlemskap:** medlemsavgift, medlemstidning, rådgivning och ärenden om lön, pension och arbetsmiljö. Grunden är ditt medlemskap (artikel 6.1 b och artikel 9.2 d).
- **Ärenden mot arbetsgivaren:** bara med ditt samtycke eller när det behövs för att försvara dina rättigheter (artikel 9.2 a och f).
- **Nyhetsbrev, undersökningar och bilder:** bara om du har sagt ja. Du kan säga nej igen när som helst.
- **Bokföring:** eftersom lagen kräver det.

## Vem som ser uppgifterna

Din förtroendevalda ser vilka som är medlemmar på er arbetsplats, så att hon eller han kan hjälpa er. De anställda på kansliet och i din krets ser det de behöver för att hjälpa dig. Vår it-leverantör och vår leverantör av e-post behandlar uppgifterna åt oss enligt ett personuppgiftsbiträdesavtal, och bara inom EU. Vi säljer aldrig uppgifter.

## Hur länge

Så länge du är medlem. Går du ur raderar vi dina kontaktuppgifter efter två år; räkenskapsuppgifter sparar vi i fem år enligt den danska bokföringslagen. Ärenden sparar vi så länge det kan komma krav i dem, normalt i fem år efter att ärendet är avslutat.

## Det bestämmer du själv

- Se allt vi har om dig på [Min sida](/me) och hämta det som en fil med ”Hämta mina data”.
- Rätta dina kontaktuppgifter på Min sida. Är något annat fel, skriv till oss.
- Be oss radera uppgifter som vi inte längre behöver.
- Invänd mot det vi använder dina uppgifter till, eller be oss begränsa det.
- Säg ja eller nej till nyhetsbrev, undersökningar och bilder under [Samtycken](/me/consents).

## Klagomål

Är du missnöjd, skriv till oss först. Du kan alltid klaga hos [Datatilsynet](https://www.datatilsynet.dk) i Danmark. Bor eller arbetar du i Sverige kan du också vända dig till [Integritetsskyddsmyndigheten (IMY)](https://www.imy.se).`,

  en: `Omsorgsforbundet looks after your data. Here you can read what we know about you, why, and what you decide for yourself.

## Who is responsible

Omsorgsforbundet, Fælledvej 12, 2200 København N, Denmark, is the controller. Write to [kontakt@omsorgsforbundet.example](mailto:kontakt@omsorgsforbundet.example) or call +45 12 34 56 78 if you have questions. You can reach our data protection officer at [dpo@omsorgsforbundet.example](mailto:dpo@omsorgsforbundet.example).

## What we know about you

- Name, address, e-mail, phone and date of birth.
- Your membership: member number, membership type, district, sections and when you joined.
- Where you work, who your employer is and your job title.
- Whether you are a shop steward, a safety representative or on a board.
- What you have said yes and no to: newsletters, surveys and photos taken at events.
- Your registrations for courses, after-work meetings and general assemblies.
- Who at our end has seen or changed your data.

That you are a member of a trade union is sensitive data (Article 9 of the General Data Protection Regulation). We use it only to have you as a member and to help you, and we never tell your employer unless you ask us to, for example when we take up a case for you.

## What we use it for

- **Your membership:** dues, the member magazine, advice and cases about pay, pensions and the working environment. The basis is your membership (Article 6(1)(b) and Article 9(2)(d)).
- **Cases with your employer:** only with your consent or when it is needed to defend your rights (Article 9(2)(a) and (f)).
- **Newsletters, surveys and photos:** only if you have said yes. You can say no again at any time.
- **Bookkeeping:** because the law requires it.

## Who sees it

Your shop steward sees who is a member at your workplace, so that they can help you. Staff at the office and in your district see what they need to help you. Our IT supplier and our e-mail supplier process the data for us under a data processing agreement, and only within the EU. We never sell data.

## How long

As long as you are a member. If you leave, we delete your contact details after two years; accounting records we keep for five years under the Danish Bookkeeping Act. Cases we keep for as long as claims can arise from them, normally five years after the case has closed.

## What you decide

- See everything we hold about you on [My page](/me), and download it as a file with “Download my data”.
- Correct your contact details on My page. If anything else is wrong, write to us.
- Ask us to delete data we no longer need.
- Object to what we use your data for, or ask us to restrict it.
- Say yes or no to newsletters, surveys and photos under [Consents](/me/consents).

## Complaints

If you are unhappy, please write to us first. You can always complain to [Datatilsynet](https://www.datatilsynet.dk), the Danish data protection authority. If you live or work in Sweden, you can also turn to [the Swedish Authority for Privacy Protection (IMY)](https://www.imy.se).`,
};
