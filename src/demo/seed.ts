import { count, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.js';
import { plugIn, type DemoContext, type DemoUnitKey, type Feature } from '../kernel/feature.js';
import { features as allFeatures } from '../features.js';
import { organisation, units, persons, roleAssignments, employments, workplaces, type EmployerKind } from '../kernel/tables.js';
import { seedDemoMembershipTypes, seedDemoMemberships, type MembershipStatus } from '../features/members/index.js';
import { seedDemoCompanies, seedDemoCompanyContacts } from '../features/member-companies/index.js';
import { cvrCheckDigit, luhnCheckDigit } from '../features/member-companies/identifiers.js';
import { seedDemoStaffProfiles } from '../features/directory/index.js';
import { firstNames, lastNames, seededRandom } from '../platform/demo-names.js';
import { localParts } from '../platform/i18n/zoned-time.js';
import { demoPrivacyNotice } from './privacy-notice.js';

export const DEMO_ADMIN_EMAIL = 'admin@omsorgsforbundet.example';
export const DEMO_MEMBER_COUNT = 320;

const about = [
  'Omsorgsforbundet er fagforeningen for pædagoger, omsorgsmedhjælpere og ledere på botilbud, i dagtilbud og i socialpsykiatrien.',
  'Vi forhandler løn og arbejdsvilkår, rådgiver medlemmerne om alt fra pension til arbejdsmiljø og samler tillidsrepræsentanter, arbejdsmiljørepræsentanter og ledere i stærke netværk.',
  'Omsorgsforbundet er en fiktiv organisation, som Forening bruger til demonstration.',
].join('\n\n');

/** "About us" in the demo's other languages: a Swedish or English visitor reads the union in theirs. */
const aboutTranslations = {
  sv: [
    'Omsorgsforbundet är fackförbundet för pedagoger, omsorgsassistenter och chefer på boenden, i förskolor och inom socialpsykiatrin.',
    'Vi förhandlar om lön och arbetsvillkor, ger medlemmarna råd om allt från pension till arbetsmiljö och samlar förtroendevalda, skyddsombud och chefer i starka nätverk.',
    'Omsorgsforbundet är en fiktiv organisation som Forening använder för demonstration.',
  ].join('\n\n'),
  en: [
    'Omsorgsforbundet is the trade union for educators, care assistants and managers in residential care, day care and social psychiatry.',
    'We negotiate pay and working conditions, advise members on everything from pensions to the working environment, and bring stewards, safety representatives and managers together in strong networks.',
    'Omsorgsforbundet is a fictional organisation that Forening uses for demonstration.',
  ].join('\n\n'),
};

interface StaffSeed {
  first: string;
  last: string;
  unit: string;
  roles: ('staff' | 'board' | 'admin')[];
  email?: string;
  title?: string;
  topics?: string[];
}

/** Fills an empty database with the fictional union "Omsorgsforbundet". Does nothing if people or units exist. */
export async function seedDemo(db: Db, features: readonly Feature[] = allFeatures): Promise<{ seeded: boolean }> {
  // The features' demo data uses what they contribute to the kernel (a network meeting needs the group
  // kind `network`), also when the CLI seeds without building the app.
  plugIn(features);
  return db.transaction(async (tx) => {
    const [{ n: existingUnits }] = await tx.select({ n: count() }).from(units);
    const [{ n: existingPersons }] = await tx.select({ n: count() }).from(persons);
    if (existingUnits > 0 || existingPersons > 0) return { seeded: false };

    await tx
      .insert(organisation)
      .values({
        name: 'Omsorgsforbundet',
        shortName: 'OMF',
        aboutText: about,
        aboutTranslations,
        email: 'kontakt@omsorgsforbundet.example',
        phone: '+45 12 34 56 78',
        address: 'Fælledvej 12, 2200 København N',
        website: 'https://omsorgsforbundet.example',
        defaultLocale: 'da',
        brandColour: '#1d4f91',
        currency: 'DKK',
        privacyNotice: demoPrivacyNotice,
      })
      .onConflictDoUpdate({ target: organisation.id, set: { name: 'Omsorgsforbundet', shortName: 'OMF', aboutText: about, aboutTranslations, privacyNotice: demoPrivacyNotice, updatedAt: sql`now()` } });

    const [national] = await tx
      .insert(units)
      .values({ kind: 'national', name: 'Omsorgsforbundet', shortName: 'OMF', email: 'kontakt@omsorgsforbundet.example', phone: '+45 12 34 56 78', address: 'Fælledvej 12, 2200 København N' })
      .returning();
    const districtRows = await tx
      .insert(units)
      .values([
        { kind: 'district' as const, parentId: national.id, name: 'Kreds Nord', shortName: 'Nord', position: 1, email: 'nord@omsorgsforbundet.example', phone: '+45 12 34 56 10', address: 'Havnegade 4, 9000 Aalborg' },
        { kind: 'district' as const, parentId: national.id, name: 'Kreds Midt', shortName: 'Midt', position: 2, email: 'midt@omsorgsforbundet.example', phone: '+45 12 34 56 20', address: 'Banegårdspladsen 7, 8000 Aarhus C' },
        { kind: 'district' as const, parentId: national.id, name: 'Kreds Syd', shortName: 'Syd', position: 3, email: 'syd@omsorgsforbundet.example', phone: '+45 12 34 56 30', address: 'Torvet 2, 6000 Kolding' },
      ])
      .returning();
    const [leaders] = await tx
      .insert(units)
      .values({ kind: 'section', parentId: national.id, name: 'Ledersektionen', shortName: 'Ledere', position: 4, email: 'ledere@omsorgsforbundet.example' })
      .returning();
    const unitByKey: Record<string, string> = { national: national.id, nord: districtRows[0].id, midt: districtRows[1].id, syd: districtRows[2].id, leaders: leaders.id };

    const staff: StaffSeed[] = [
      { first: 'Astrid', last: 'Holm', unit: 'national', roles: ['admin', 'staff'], email: DEMO_ADMIN_EMAIL, title: 'Sekretariatschef', topics: ['ledelse', 'organisation'] },
      { first: 'Henrik', last: 'Vestergaard', unit: 'national', roles: ['staff'], title: 'Pensionsrådgiver', topics: ['pension', 'efterløn', 'forsikring'] },
      { first: 'Signe', last: 'Krogh', unit: 'national', roles: ['staff'], title: 'Juridisk konsulent', topics: ['afskedigelse', 'ansættelseskontrakt', 'arbejdsskade'] },
      { first: 'Mads', last: 'Lindqvist', unit: 'national', roles: ['staff'], title: 'Kommunikationskonsulent', topics: ['presse', 'medlemsblad'] },
      { first: 'Birgitte', last: 'Dahl', unit: 'nord', roles: ['staff'], title: 'Faglig sekretær', topics: ['løn', 'overenskomst', 'tilsynsbesøg'] },
      { first: 'Kasper', last: 'Bach', unit: 'nord', roles: ['staff'], title: 'Arbejdsmiljøkonsulent', topics: ['arbejdsmiljø', 'stress', 'vold og trusler'] },
      { first: 'Helle', last: 'Sandberg', unit: 'midt', roles: ['staff'], title: 'Faglig sekretær', topics: ['løn', 'afskedigelse', 'tilsynsbesøg'] },
      { first: 'Rasmus', last: 'Østergaard', unit: 'midt', roles: ['staff'], title: 'Organisationskonsulent', topics: ['tillidsrepræsentant', 'fyraftensmøde'] },
      { first: 'Tove', last: 'Åberg', unit: 'syd', roles: ['staff'], title: 'Faglig sekretær', topics: ['løn', 'barsel', 'ferie'] },
      { first: 'Frederik', last: 'Nordin', unit: 'syd', roles: ['staff'], title: 'Arbejdsmiljøkonsulent', topics: ['arbejdsmiljø', 'sygefravær', 'arbejdsskade'] },
      { first: 'Lone', last: 'Ågesen', unit: 'national', roles: ['board'] },
      { first: 'Morten', last: 'Berg', unit: 'national', roles: ['board'] },
      { first: 'Charlotte', last: 'Lund', unit: 'nord', roles: ['board'] },
      { first: 'Søren', last: 'Krogh', unit: 'midt', roles: ['board'] },
      { first: 'Pernille', last: 'Møller', unit: 'syd', roles: ['board'] },
    ];
    const staffRows = await tx
      .insert(persons)
      .values(
        staff.map((s, i) => ({
          firstName: s.first,
          lastName: s.last,
          email: s.email ?? `${ascii(s.first)}.${ascii(s.last)}@omsorgsforbundet.example`,
          phone: `+45 12 34 5${String(700 + i).padStart(3, '0')}`,
          preferredLocale: 'da',
        })),
      )
      .returning({ id: persons.id });
    await seedDemoStaffProfiles(
      tx,
      staff.flatMap((s, i) =>
        s.title
          ? [{ personId: staffRows[i].id, title: s.title, unitId: unitByKey[s.unit], directPhone: `+45 12 34 5${String(700 + i).padStart(3, '0')}`, publicEmail: `${ascii(s.first)}.${ascii(s.last)}@omsorgsforbundet.example`, topics: s.topics ?? [] }]
          : [],
      ),
    );

    const types = await seedDemoMembershipTypes(tx, [
      { code: 'ordinary', name: 'Ordinært medlem', nameTranslations: { sv: 'Ordinarie medlem', en: 'Ordinary member' }, position: 1 },
      { code: 'leader', name: 'Ledermedlem', nameTranslations: { sv: 'Chefsmedlem', en: 'Manager member' }, position: 2 },
      { code: 'student', name: 'Studerende', nameTranslations: { sv: 'Student', en: 'Student' }, position: 3 },
      { code: 'retired', name: 'Pensionist', nameTranslations: { sv: 'Pensionär', en: 'Retired member' }, position: 4 },
    ]);
    const typeId = (code: string) => types.get(code)!;

    const random = seededRandom(20261122);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const districts = ['nord', 'midt', 'syd'] as const;

    const companies = await seedDemoCompanies(tx, [
      { name: 'Bosted Lyngbakken ApS', country: 'DK', cvr: demoCvr(random), city: 'Viborg', unitId: unitByKey.midt },
      { name: 'Opholdsstedet Kragereden A/S', country: 'DK', cvr: demoCvr(random), city: 'Hjørring', unitId: unitByKey.nord },
      { name: 'Omsorgshemmet Björkhagen AB', country: 'SE', orgNumber: demoOrgNumber(random), city: 'Malmö', unitId: unitByKey.syd },
    ]);

    const places = [
      ['Botilbuddet Solsikken', 'Børnehuset Mælkebøtten', 'Bofællesskabet Egevang', 'Værestedet Havnen', 'Socialpsykiatrien Nordlyset', 'Skovbørnehaven Mosen', 'Dagtilbuddet Stjernen'],
      ['Opholdsstedet Kastanjen', 'Bostedet Åbrinken', 'Børnehuset Regnbuen', 'Aktivitetscentret Søbredden', 'Botilbuddet Lærkereden', 'Ungehuset Broen', 'Familiehuset Ankeret'],
      ['Bofællesskabet Fyrtårnet', 'Børnehaven Æblehaven', 'Botilbuddet Østerled', 'Værestedet Vinden', 'Dagtilbuddet Skovly', 'Krisecentret Lyset', 'Børnehuset Troldehøj'],
    ];
    const employers = { nord: 'Nordby Kommune', midt: 'Midtby Kommune', syd: 'Sydby Kommune' } as const;
    const workplaceRows = await tx
      .insert(workplaces)
      .values([
        ...districts.flatMap((d, di) =>
          places[di].map((name, i) => ({
            name,
            unitId: unitByKey[d],
            employerKind: (i === 6 ? 'region' : i === 5 ? 'private' : 'municipality') as EmployerKind,
            employerName: i === 6 ? 'Region Midtland' : i === 5 ? 'Fonden Gode Hænder' : employers[d],
            pNumber: String(1000000000 + di * 1000 + i * 37),
            addressLine: `${pick(['Skolevej', 'Kirkevej', 'Møllevej', 'Engvej', 'Stationsvej'])} ${1 + Math.floor(random() * 80)}`,
            city: pick(['Nordby', 'Midtby', 'Sydby']),
          })),
        ),
        ...companies.map((c, i) => ({
          name: ['Lyngbakken, afdeling Vest', 'Kragereden', 'Björkhagen'][i],
          unitId: c.unitId!,
          employerKind: 'member_company' as EmployerKind,
          memberCompanyId: c.id,
        })),
      ])
      .returning({ id: workplaces.id, unitId: workplaces.unitId });
    const workplacesIn = (unitId: string) => workplaceRows.filter((w) => w.unitId === unitId);

    const jobTitles = ['Pædagog', 'Socialpædagog', 'Omsorgsmedhjælper', 'Pædagogisk assistent', 'Støttepædagog'];
    const members = Array.from({ length: DEMO_MEMBER_COUNT }, (_, i) => {
      const first = pick(firstNames);
      const last = pick(lastNames);
      const district = districts[i % 3];
      const roll = random();
      return {
        row: { firstName: first, lastName: last, email: `${ascii(first)}.${ascii(last)}.${i + 1}@example.org`, phone: `+45 2${String(1000000 + i * 7919).slice(-7)}`, preferredLocale: random() < 0.1 ? 'sv' : 'da', city: pick(['Nordby', 'Midtby', 'Sydby']), postalCode: String(1000 + Math.floor(random() * 8999)) },
        district,
        leader: random() < 0.12,
        status: (roll < 0.9 ? 'active' : roll < 0.95 ? 'resigned' : 'applicant') as MembershipStatus,
        type: roll < 0.05 ? 'student' : roll > 0.97 ? 'retired' : 'ordinary',
        workplace: random() < 0.9 ? pick(workplacesIn(unitByKey[district])) : null,
        joined: `${2005 + Math.floor(random() * 20)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-01`,
      };
    });
    // Counted back from the day the demo is seeded, so the applicants' queue looks current on any day.
    const daysAgo = (days: number) => localParts(new Date(Date.now() - days * 86_400_000), 'Europe/Copenhagen').date;
    const [appliedOn] = [daysAgo(36)];
    // The register's history, from its own sequence (the names and places above keep theirs): a third
    // joined in the last three years, so the board sees this year's recruitment; those who resigned did
    // so over the last two and a half years, most with a reason.
    const spread = (i: number, salt: number) => {
      const x = Math.sin((i + 1) * 12.9898 + salt * 78.233) * 43758.5453;
      return x - Math.floor(x);
    };
    const leaveReasons = ['Ny uddannelse', 'Skiftet til et andet fag', 'Gået på pension', 'Utilfreds med kontingentet', 'Flyttet til udlandet', null];
    for (const [i, m] of members.entries()) if (spread(i, 1) < 0.35) m.joined = daysAgo(60 + Math.floor(spread(i, 2) * 1040));
    const dayAfter = (d: string, days: number) => new Date(Date.parse(`${d}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const resignedOnOf = (i: number, joined: string) => {
      const on = daysAgo(20 + Math.floor(spread(i, 3) * 900));
      return on > dayAfter(joined, 30) ? on : dayAfter(joined, 30);
    };
    const memberRows = await tx.insert(persons).values(members.map((m) => m.row)).returning({ id: persons.id });
    await seedDemoMemberships(
      tx,
      members.map((m, i) => ({
        personId: memberRows[i].id,
        typeId: typeId(m.leader ? 'leader' : m.type),
        unitId: unitByKey[m.district],
        status: m.status,
        joinedOn: m.status === 'applicant' ? null : m.joined,
        statusSince: m.status === 'resigned' ? resignedOnOf(i, m.joined) : m.status === 'applicant' ? appliedOn : m.joined,
        leaveReason: m.status === 'resigned' ? leaveReasons[Math.floor(spread(i, 4) * leaveReasons.length)] : null,
        emailConfirmedAt: new Date(`${appliedOn}T10:00:00Z`),
        sectionIds: m.leader && m.status === 'active' ? [unitByKey.leaders] : [],
      })),
    );

    // Colleagues the register knows who are not (yet) members: the recruitment potential per workplace.
    const colleagues = Array.from({ length: 90 }, (_, i) => {
      const first = pick(firstNames);
      const last = pick(lastNames);
      return { row: { firstName: first, lastName: last, email: null, preferredLocale: null }, workplace: workplaceRows[i % workplaceRows.length] };
    });
    const colleagueRows = await tx.insert(persons).values(colleagues.map((c) => c.row)).returning({ id: persons.id });

    await tx.insert(employments).values([
      ...members.flatMap((m, i) =>
        m.workplace && m.status === 'active' ? [{ personId: memberRows[i].id, workplaceId: m.workplace.id, jobTitle: m.leader ? 'Afdelingsleder' : pick(jobTitles), isLeader: m.leader, startsOn: m.joined }] : [],
      ),
      ...colleagues.map((c, i) => ({ personId: colleagueRows[i].id, workplaceId: c.workplace.id, jobTitle: pick(jobTitles), isLeader: false, startsOn: '2024-08-01' })),
    ]);

    const roles: (typeof roleAssignments.$inferInsert)[] = [];
    staff.forEach((s, i) => s.roles.forEach((role) => roles.push({ personId: staffRows[i].id, role, unitId: role === 'admin' ? null : unitByKey[s.unit], startsOn: '2024-01-01' })));
    // A steward at most workplaces, a safety rep at about half; some posts stay vacant on purpose.
    for (const w of workplaceRows) {
      const staffHere = members.map((m, i) => ({ m, i })).filter(({ m }) => m.workplace?.id === w.id && m.status === 'active' && !m.leader);
      if (staffHere[0] && random() < 0.75) roles.push({ personId: memberRows[staffHere[0].i].id, role: 'steward', workplaceId: w.id, startsOn: '2023-04-01' });
      if (staffHere[1] && random() < 0.5) roles.push({ personId: memberRows[staffHere[1].i].id, role: 'safety_rep', workplaceId: w.id, startsOn: '2024-04-01' });
    }
    members.forEach((m, i) => {
      if (m.leader && m.status === 'active') roles.push({ personId: memberRows[i].id, role: 'leader', unitId: unitByKey.leaders, startsOn: '2022-01-01' });
    });
    await tx.insert(roleAssignments).values(roles);
    await seedDemoCompanyContacts(tx, companies.map((c, i) => ({ companyId: c.id, personId: memberRows[i * 7].id, title: 'Daglig leder', isPrimary: true })));

    const active = (district: string) => members.flatMap((m, i) => (m.status === 'active' && !m.leader && m.district === district ? [memberRows[i].id] : []));
    const ctx: DemoContext = {
      unitByKey: { national: unitByKey.national, nord: unitByKey.nord, midt: unitByKey.midt, syd: unitByKey.syd, leaders: unitByKey.leaders },
      staff: staff.map((s, i) => ({ id: staffRows[i].id, title: s.title ?? null, unit: s.unit as Exclude<DemoUnitKey, 'leaders'>, roles: s.roles })),
      staffIn: (key) => staffRows[staff.findIndex((s) => s.unit === key && s.roles.includes('staff'))].id,
      activeMembers: { nord: active('nord'), midt: active('midt'), syd: active('syd') },
      leaders: members.flatMap((m, i) => (m.leader && m.status === 'active' ? [memberRows[i].id] : [])),
      roleHolders: [...new Set(roles.flatMap((r) => (r.role === 'steward' || r.role === 'safety_rep' || r.role === 'leader' ? [r.personId] : [])))],
      // The member companies by their place in the list, for the features that build on them (a network of competitors).
      made: new Map(companies.map((c, i) => [`member-companies.${i}`, c.id])),
    };
    for (const feature of features) await feature.demo?.(tx, ctx);
    return { seeded: true };
  });
}

function demoCvr(random: () => number): string {
  for (;;) {
    const seven = String(1 + Math.floor(random() * 9)) + String(Math.floor(random() * 1_000_000)).padStart(6, '0');
    const d = cvrCheckDigit(seven);
    if (d !== null) return seven + d;
  }
}

function demoOrgNumber(random: () => number): string {
  const nine = '55' + String(Math.floor(random() * 10_000_000)).padStart(7, '0');
  return nine + luhnCheckDigit(nine);
}

/** Æ, ø, å and friends written the way Danish e-mail addresses usually spell them. */
function ascii(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[øö]/g, 'oe')
    .replace(/[åä]/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}
