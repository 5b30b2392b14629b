import type { LabelTable } from '../../platform/i18n/labels.js';

/**
 * The columns the two CSV imports understand. Each column has a canonical (English) name and the
 * names people write in Danish or Swedish spreadsheets; headers are compared after folding case,
 * spaces, dots, hyphens and a trailing `*` (copied from the README's "required" mark).
 */
export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The field it fills, by the name the audit trail (and `fields.*` labels) use. */
  field: string;
  /** The header must have this column. */
  required?: boolean;
  aliases: readonly string[];
}

export const memberColumns = [
  { key: 'member_number', field: 'memberNumber', aliases: ['medlemsnummer', 'medlemsnr', 'member_no', 'membership_number'] },
  { key: 'first_name', field: 'firstName', required: true, aliases: ['fornavn', 'förnamn', 'firstname', 'given_name'] },
  { key: 'last_name', field: 'lastName', required: true, aliases: ['efternavn', 'efternamn', 'lastname', 'surname', 'family_name'] },
  { key: 'email', field: 'email', aliases: ['e_mail', 'mail', 'e_mailadresse', 'emailadresse', 'e_post', 'epost', 'e_postadress'] },
  { key: 'phone', field: 'phone', aliases: ['telefon', 'tlf', 'telefonnummer', 'mobil', 'mobile', 'telephone'] },
  { key: 'address', field: 'addressLine', aliases: ['adresse', 'adress', 'gadeadresse', 'address_line', 'street'] },
  { key: 'postal_code', field: 'postalCode', aliases: ['postnummer', 'postnr', 'zip', 'zip_code', 'postcode'] },
  { key: 'city', field: 'city', aliases: ['by', 'postdistrikt', 'ort', 'postort', 'town'] },
  { key: 'country', field: 'country', aliases: ['land', 'country_code', 'landekode', 'landskod'] },
  { key: 'date_of_birth', field: 'dateOfBirth', aliases: ['fødselsdato', 'födelsedatum', 'birth_date', 'birthdate', 'born'] },
  { key: 'preferred_language', field: 'preferredLocale', aliases: ['sprog', 'språk', 'language', 'foretrukket_sprog', 'preferred_locale'] },
  { key: 'membership_type', field: 'typeId', aliases: ['medlemstype', 'medlemskabstype', 'medlemstyp', 'medlemskapstyp', 'type'] },
  { key: 'unit', field: 'unitId', aliases: ['kreds', 'enhed', 'krets', 'avdelning', 'enhet', 'district'] },
  { key: 'status', field: 'status', aliases: ['medlemsstatus', 'medlemskabsstatus'] },
  { key: 'joined_on', field: 'joinedOn', aliases: ['indmeldt', 'indmeldelsesdato', 'indmeldt_dato', 'meldt_ind', 'inträdesdatum', 'inträde', 'joined', 'member_since'] },
  { key: 'workplace_p_number', field: 'workplaceId', aliases: ['p_nummer', 'pnummer', 'p_nr', 'p_number', 'arbejdsplads_p_nummer'] },
  { key: 'workplace', field: 'workplaceId', aliases: ['arbejdsplads', 'arbetsplats', 'workplace_name'] },
  { key: 'job_title', field: 'jobTitle', aliases: ['stilling', 'stillingsbetegnelse', 'titel', 'jobtitel', 'befattning', 'yrkestitel', 'title'] },
  { key: 'leader', field: 'isLeader', aliases: ['leder', 'ledare', 'chef', 'is_leader'] },
] as const satisfies readonly ColumnSpec[];

export type MemberColumn = (typeof memberColumns)[number]['key'];

/** What each column of the member import means (`import.column_members.…`). */
export const memberColumnLabel = {
  member_number: 'import.column_members.member_number',
  first_name: 'import.column_members.first_name',
  last_name: 'import.column_members.last_name',
  email: 'import.column_members.email',
  phone: 'import.column_members.phone',
  address: 'import.column_members.address',
  postal_code: 'import.column_members.postal_code',
  city: 'import.column_members.city',
  country: 'import.column_members.country',
  date_of_birth: 'import.column_members.date_of_birth',
  preferred_language: 'import.column_members.preferred_language',
  membership_type: 'import.column_members.membership_type',
  unit: 'import.column_members.unit',
  status: 'import.column_members.status',
  joined_on: 'import.column_members.joined_on',
  workplace_p_number: 'import.column_members.workplace_p_number',
  workplace: 'import.column_members.workplace',
  job_title: 'import.column_members.job_title',
  leader: 'import.column_members.leader',
} as const satisfies LabelTable<MemberColumn>;

export const workplaceColumns = [
  { key: 'name', field: 'name', required: true, aliases: ['navn', 'namn', 'arbejdsplads', 'arbetsplats', 'workplace'] },
  { key: 'employer_kind', field: 'employerKind', required: true, aliases: ['arbejdsgivertype', 'arbetsgivartyp', 'employer_type', 'sektor'] },
  { key: 'employer_name', field: 'employerName', aliases: ['arbejdsgiver', 'arbetsgivare', 'employer'] },
  { key: 'p_number', field: 'pNumber', aliases: ['p_nummer', 'pnummer', 'p_nr'] },
  { key: 'address', field: 'addressLine', aliases: ['adresse', 'adress', 'address_line'] },
  { key: 'postal_code', field: 'postalCode', aliases: ['postnummer', 'postnr', 'zip'] },
  { key: 'city', field: 'city', aliases: ['by', 'ort', 'postort'] },
  { key: 'unit', field: 'unitId', required: true, aliases: ['kreds', 'enhed', 'krets', 'avdelning', 'enhet', 'district'] },
] as const satisfies readonly ColumnSpec[];

export type WorkplaceColumn = (typeof workplaceColumns)[number]['key'];

/** What each column of the workplace import means (`import.column_workplaces.…`). */
export const workplaceColumnLabel = {
  name: 'import.column_workplaces.name',
  employer_kind: 'import.column_workplaces.employer_kind',
  employer_name: 'import.column_workplaces.employer_name',
  p_number: 'import.column_workplaces.p_number',
  address: 'import.column_workplaces.address',
  postal_code: 'import.column_workplaces.postal_code',
  city: 'import.column_workplaces.city',
  unit: 'import.column_workplaces.unit',
} as const satisfies LabelTable<WorkplaceColumn>;

/** `E-mail `, `e_mail`, `E.Mail*` all become `e_mail`. */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\*+$/, '')
    .replace(/[\s.\-/]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Header name (normalised) → column key, for one import's columns. */
export function headerIndex<K extends string>(columns: readonly ColumnSpec<K>[]): Map<string, K> {
  const index = new Map<string, K>();
  for (const c of columns) {
    index.set(normaliseHeader(c.key), c.key);
    for (const alias of c.aliases) index.set(normaliseHeader(alias), c.key);
  }
  return index;
}
