import { asc } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { agendaTemplates, type AgendaItemKind, type TemplateItem } from './tables.js';

/**
 * The agendas an assembly can start from. Two are built in: `standard`, the Danish minimum agenda
 * of an association's annual general assembly (dirigent and referent, the board's report, motions
 * received, future work, elections, any other business), and `arsmote`, the order a Swedish
 * förening's årsmöte follows (officers and adjusters, the call, the reports and the auditors',
 * discharge of the board, motions, the plan, elections, other questions). The organisation adds its
 * own in `agenda_templates`.
 */
export const builtInTemplates: Record<'standard' | 'arsmote', { name: TemplateItem['title']; items: TemplateItem[] }> = {
  standard: {
    name: { da: 'Standarddagsorden', sv: 'Standarddagordning (dansk)', en: 'Standard agenda (Danish)' },
    items: [
      { kind: 'officers', title: { da: 'Valg af dirigent og referent', sv: 'Val av mötesordförande och sekreterare', en: 'Election of chair and minute taker' } },
      { kind: 'report', title: { da: 'Bestyrelsens beretning', sv: 'Styrelsens verksamhetsberättelse', en: "The board's annual report" } },
      { kind: 'motions', title: { da: 'Indkomne forslag', sv: 'Inkomna motioner', en: 'Motions received' } },
      { kind: 'future_work', title: { da: 'Fremtidigt arbejde', sv: 'Framtida arbete', en: 'Future work' } },
      { kind: 'election', title: { da: 'Valg til bestyrelsen', sv: 'Val till styrelsen', en: 'Election to the board' } },
      { kind: 'any_other_business', title: { da: 'Eventuelt', sv: 'Övriga frågor', en: 'Any other business' } },
    ],
  },
  arsmote: {
    name: { da: 'Svensk årsmøde', sv: 'Årsmöte', en: 'Swedish annual meeting (årsmöte)' },
    items: [
      { kind: 'officers', title: { da: 'Valg af dirigent, referent og to justeringspersoner', sv: 'Val av mötesordförande, sekreterare och två justerare', en: 'Election of chair, secretary and two adjusters' } },
      { kind: 'discussion', title: { da: 'Er årsmødet indkaldt efter vedtægterne?', sv: 'Fråga om mötet utlysts enligt stadgarna', en: 'Was the meeting called according to the statutes?' } },
      { kind: 'report', title: { da: 'Bestyrelsens beretning og revisorernes beretning', sv: 'Verksamhetsberättelse och revisionsberättelse', en: "The board's and the auditors' reports" } },
      { kind: 'discussion', title: { da: 'Ansvarsfrihed for bestyrelsen', sv: 'Fråga om ansvarsfrihet för styrelsen', en: 'Discharge of the board' } },
      { kind: 'motions', title: { da: 'Forslag og motioner', sv: 'Propositioner och motioner', en: 'Proposals and motions' } },
      { kind: 'future_work', title: { da: 'Arbejdsplan og budget', sv: 'Verksamhetsplan och budget', en: 'Plan of work and budget' } },
      { kind: 'election', title: { da: 'Valg af bestyrelse og revisorer', sv: 'Val av styrelse och revisorer', en: 'Election of the board and auditors' } },
      { kind: 'any_other_business', title: { da: 'Øvrige spørgsmål', sv: 'Övriga frågor', en: 'Other questions' } },
    ],
  },
};

export type AgendaTemplate = {
  key: string;
  name: string;
  items: { kind: AgendaItemKind; title: string }[];
};

const inLocale = (t: TemplateItem['title'], locale: Locale) => t[locale] ?? t.da;

/** Every template by key, with names and item titles in the reader's language. */
export async function listAgendaTemplates(db: Db, locale: Locale): Promise<AgendaTemplate[]> {
  const own = await db.select().from(agendaTemplates).orderBy(asc(agendaTemplates.name));
  return [
    ...Object.entries(builtInTemplates).map(([key, t]) => ({ key, name: inLocale(t.name, locale), items: t.items.map((i) => ({ kind: i.kind, title: inLocale(i.title, locale) })) })),
    ...own.map((t) => ({ key: t.key, name: t.name, items: t.items.map((i) => ({ kind: i.kind, title: inLocale(i.title, locale) })) })),
  ];
}

/** The items of one template in `locale`, or null when there is no template by that key. */
export async function templateItems(db: Db, key: string, locale: Locale): Promise<AgendaTemplate['items'] | null> {
  const found = (await listAgendaTemplates(db, locale)).find((t) => t.key === key);
  return found?.items ?? null;
}
