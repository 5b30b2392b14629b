import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { fieldErrorsFromZod, type FieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import { isLocale, locales, type Locale, type Translate } from '../../platform/i18n/i18n.js';
import { listUnits } from '../../kernel/units.js';
import { canSegment, listSegments } from '../segments/index.js';
import { upcomingPublishedEvents } from '../events/index.js';
import type { MailingProblem } from './contract.js';
import { problemsToErrors } from './messages.js';
import { mailingComposeScope } from './policy.js';
import { mailingInput, type MailingInput, type MailingOutput } from './schema.js';
import { listTopics } from './topics.js';
import type { FormOptions } from './pages/form.js';

/**
 * The compose form has a fieldset per language (`subject_sv`, `body_sv`) and a main-language choice;
 * the API has the main text in `subject`/`body` and translations in `contents`. These translate
 * between the two, errors included, so both go through one schema and one use case.
 */
export function formField(path: string, main: Locale): string {
  if (path === 'subject' || path === 'body') return `${path}_${main}`;
  const m = /^contents\.(da|sv|en)\.(subject|body)$/.exec(path);
  if (m) return `${m[2]}_${m[1]}`;
  return path;
}

export function formErrors(t: Translate, problems: MailingProblem[], main: Locale): FieldError[] {
  return problemsToErrors(t, problems, main).map((e) => ({ ...e, path: formField(e.path, main) }));
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export type ParsedForm = { ok: true; data: MailingInput; main: Locale; values: Record<string, unknown> } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

export function parseMailingForm(body: unknown, t: Translate, fallback: Locale): ParsedForm {
  const values = formValues(body);
  const main = isLocale(values.locale) ? values.locale : fallback;
  const contents: Partial<Record<Locale, { subject: string; body: string }>> = {};
  for (const l of locales) {
    if (l === main) continue;
    const subject = text(values[`subject_${l}`]);
    const bodyText = text(values[`body_${l}`]);
    if (subject.trim() || bodyText.trim()) contents[l] = { subject, body: bodyText };
  }
  const input = {
    unitId: text(values.unitId),
    segmentId: text(values.segmentId),
    kind: text(values.kind) || 'newsletter',
    topicId: text(values.topicId),
    serviceReason: text(values.serviceReason),
    eventId: text(values.eventId),
    locale: main,
    subject: text(values[`subject_${main}`]),
    body: text(values[`body_${main}`]),
    contents,
  };
  const parsed = mailingInput.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data, main, values };
  // A missing main subject or body reads as the mailing's own message, with the language named.
  const errors = fieldErrorsFromZod(parsed.error, t).map((e): FieldError => {
    if ((e.path === 'subject' || e.path === 'body') && e.code === 'validation.required') {
      return problemsToErrors(t, [{ path: e.path, code: e.path === 'subject' ? 'mailing.subject_required' : 'mailing.body_required' }], main)[0];
    }
    return e;
  });
  return { ok: false, errors: errors.map((e) => ({ ...e, path: formField(e.path, main) })), values };
}

/** What the edit form starts from. */
export function valuesOf(m: MailingOutput): Record<string, unknown> {
  const values: Record<string, unknown> = {
    unitId: m.unitId,
    segmentId: m.segmentId ?? '',
    kind: m.kind,
    topicId: m.topicId ?? '',
    serviceReason: m.serviceReason ?? '',
    eventId: m.eventId ?? '',
    locale: m.locale,
    [`subject_${m.locale}`]: m.subject,
    [`body_${m.locale}`]: m.body,
  };
  for (const l of locales) {
    const v = m.contents[l];
    if (v) {
      values[`subject_${l}`] = v.subject;
      values[`body_${l}`] = v.body;
    }
  }
  return values;
}

/**
 * The choices of the compose form: the units the reader composes for, the segments they may send
 * to, the active topics, and the published events still ahead (an invitation needs one).
 */
export async function formOptions(db: Db, actor: Actor, locale: Locale): Promise<FormOptions> {
  const scope = mailingComposeScope(actor);
  const [units, segments, topics, upcoming] = await Promise.all([
    listUnits(db),
    listSegments(db, actor),
    listTopics(db, { activeOnly: true }),
    upcomingPublishedEvents(db, 200),
  ]);
  return {
    units: units.filter((u) => scope === 'all' || scope.has(u.id)),
    segments: segments.filter((s) => canSegment(actor, 'segment.use', s)).map((s) => ({ id: s.id, name: s.name, unitName: s.unitName })),
    topics: topics.map((x) => ({ id: x.id, name: x.name[locale] || x.name.da })),
    events: upcoming,
  };
}
