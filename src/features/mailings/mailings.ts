import { eq, sql } from 'drizzle-orm';
import { actorPersonId, reachesUnit, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { locales, type Locale } from '../../platform/i18n/i18n.js';
import { getBrand } from '../../kernel/organisation.js';
import { listUnits } from '../../kernel/units.js';
import { loadSegmentFor } from '../segments/index.js';
import { mailingFor } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import type { MailingProblem } from './contract.js';
import { loadMailing } from './queries.js';
import type { MailingInput, MailingOutput, MailingPatch } from './schema.js';
import { mailingContents, mailings, newsletterTopics, type MailingKind, type MailingStatus } from './tables.js';
import { settingsProblems, versionProblems, type Version } from './validate.js';

export type MailingInvalid = { ok: false; reason: 'invalid'; errors: MailingProblem[] };
export type NotDraft = { ok: false; reason: 'not_draft'; status: MailingStatus };
export type MailingResult = { ok: true; mailing: MailingOutput } | Refusal | MailingInvalid | NotDraft;

const invalid = (errors: MailingProblem[]): MailingInvalid => ({ ok: false, reason: 'invalid', errors });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A mailing's settings and versions as they will be stored. */
interface Draft {
  unitId: string | null;
  segmentId: string | null;
  kind: MailingKind;
  topicId: string | null;
  serviceReason: string | null;
  eventId: string | null;
  defaultLocale: Locale;
  versions: Partial<Record<Locale, Version>>;
}

/** `topic` as the API names it: a topic's id or its slug. */
async function resolveTopic(db: Db, topicId: string | null, topic: string | null | undefined): Promise<string | null | 'unknown'> {
  if (topicId) return topicId;
  if (!topic) return null;
  const where = UUID.test(topic) ? eq(newsletterTopics.id, topic) : eq(newsletterTopics.slug, topic);
  const [row] = await db.select({ id: newsletterTopics.id }).from(newsletterTopics).where(where);
  return row?.id ?? 'unknown';
}

/**
 * Everything wrong with a draft for this actor: the unit must be theirs (as staff), the segment one
 * they may use and within the mailing's unit (a unit speaks to its own members and those below),
 * then the texts and settings as `mailingProblems` will judge them at send time.
 */
async function draftProblems(db: Db, actor: Actor, d: Draft): Promise<MailingProblem[]> {
  const problems: MailingProblem[] = [];
  if (d.segmentId) {
    const segment = await loadSegmentFor(db, actor, d.segmentId, 'use');
    if (!segment.ok) problems.push({ path: 'segmentId', code: 'mailing.segment_unknown' });
    else {
      d.unitId ??= segment.segment.unitId;
      if (!(await isWithin(db, segment.segment.unitId, d.unitId))) problems.push({ path: 'segmentId', code: 'mailing.segment_other_unit' });
    }
  }
  if (d.unitId && !reachesUnit(actor, d.unitId, 'staff')) problems.push({ path: 'unitId', code: 'mailing.unit_forbidden' });
  if (!d.unitId && d.segmentId === null) problems.push({ path: 'unitId', code: 'validation.required' });
  problems.push(...versionProblems(d.versions, d.defaultLocale, { kind: d.kind, invitation: d.eventId !== null }));
  problems.push(...(await settingsProblems(db, d)));
  // One problem per field and code is enough (a missing segment is named once).
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}|${p.code}|${JSON.stringify(p.params ?? {})}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** Is `unitId` the unit `ancestorId` or below it? */
async function isWithin(db: Db, unitId: string, ancestorId: string | null): Promise<boolean> {
  if (!ancestorId || unitId === ancestorId) return true;
  const parents = new Map((await listUnits(db)).map((u) => [u.id, u.parentId]));
  for (let at = parents.get(unitId) ?? null, steps = 0; at && steps < 100; at = parents.get(at) ?? null, steps++) if (at === ancestorId) return true;
  return false;
}

function versionsOf(main: { locale: Locale; subject: string; body: string }, contents: Partial<Record<Locale, Version | undefined>>): { versions: Partial<Record<Locale, Version>>; problems: MailingProblem[] } {
  const versions: Partial<Record<Locale, Version>> = { [main.locale]: { subject: main.subject, body: main.body } };
  const problems: MailingProblem[] = [];
  for (const l of locales) {
    const v = contents[l];
    if (!v) continue;
    if (l === main.locale) {
      problems.push({ path: `contents.${l}`, code: 'mailing.contents_is_main' });
      continue;
    }
    // An empty translation is no translation (a form's empty fieldset).
    if (v.subject.trim() || v.body.trim()) versions[l] = v;
  }
  return { versions, problems };
}

async function writeVersions(tx: Db, mailingId: string, versions: Partial<Record<Locale, Version>>): Promise<void> {
  await tx.delete(mailingContents).where(eq(mailingContents.mailingId, mailingId));
  const rows = Object.entries(versions).map(([locale, v]) => ({ mailingId, locale, subject: v!.subject.trim(), body: v!.body.trim() }));
  if (rows.length) await tx.insert(mailingContents).values(rows);
}

/**
 * Marking mail to a segment as service mail lets it reach people who opted out of newsletters, so
 * the choice (and any change of its reason) is a separate entry in the audit log.
 */
async function auditServiceMark(tx: Db, actor: Actor, mailingId: string, action: 'create' | 'update'): Promise<void> {
  await audit(tx, actor, { action, entityType: 'mailing_service_mark', entityId: mailingId, fields: ['kind', 'serviceReason'] });
}

/** Writes a new draft mailing, after every check; nothing is written when one fails. */
export async function createMailing(db: Db, actor: Actor, input: MailingInput, locale: Locale = 'da'): Promise<MailingResult> {
  return db.transaction(async (tx): Promise<MailingResult> => {
    const topicId = input.kind === 'newsletter' ? await resolveTopic(tx, input.topicId, input.topic) : null;
    const defaultLocale = input.locale ?? (await getBrand(tx)).defaultLocale;
    const { versions, problems } = versionsOf({ locale: defaultLocale, subject: input.subject, body: input.body }, input.contents);
    const draft: Draft = {
      unitId: input.unitId,
      segmentId: input.segmentId,
      kind: input.kind,
      topicId: topicId === 'unknown' ? null : topicId,
      serviceReason: input.kind === 'service' ? input.serviceReason : null,
      eventId: input.eventId,
      defaultLocale,
      versions,
    };
    // A topic named but not found is that, not a missing topic.
    problems.push(...(await draftProblems(tx, actor, draft)).filter((p) => topicId !== 'unknown' || p.code !== 'mailing.topic_required'));
    if (topicId === 'unknown') problems.push({ path: 'topicId', code: 'mailing.topic_unknown' });
    if (problems.length) return invalid(problems);

    const [row] = await tx
      .insert(mailings)
      .values({
        unitId: draft.unitId!,
        segmentId: draft.segmentId,
        kind: draft.kind,
        topicId: draft.topicId,
        serviceReason: draft.serviceReason,
        eventId: draft.eventId,
        defaultLocale,
        createdBy: actorPersonId(actor),
      })
      .returning({ id: mailings.id });
    await writeVersions(tx, row.id, versions);
    await audit(tx, actor, { action: 'create', entityType: 'mailing', entityId: row.id });
    if (draft.kind === 'service') await auditServiceMark(tx, actor, row.id, 'create');
    return { ok: true, mailing: (await loadMailing(tx, row.id, locale))! };
  });
}

/**
 * Changes a draft. Fields left out keep their value; translations given replace the stored ones. A
 * mailing that has been scheduled or sent is no longer a draft (`not_draft`).
 */
export async function updateMailing(db: Db, actor: Actor, id: string, patch: MailingPatch, locale: Locale = 'da'): Promise<MailingResult> {
  return db.transaction(async (tx): Promise<MailingResult> => {
    const found = await mailingFor(tx, actor, id, 'edit', { lock: true });
    if (!found.ok) return found;
    const m = found.mailing;
    if (m.status !== 'draft') return { ok: false, reason: 'not_draft', status: m.status };
    const stored = await tx.select().from(mailingContents).where(eq(mailingContents.mailingId, id));
    const old: Partial<Record<Locale, Version>> = {};
    for (const r of stored) old[r.locale as Locale] = { subject: r.subject, body: r.body };

    const kind = patch.kind ?? m.kind;
    const oldLocale = m.defaultLocale as Locale;
    const defaultLocale = patch.locale ?? oldLocale;
    // Switching the main language promotes that translation to main unless a new main text is given.
    const main = old[defaultLocale] ?? old[oldLocale] ?? { subject: '', body: '' };
    const subject = patch.subject ?? main.subject;
    const body = patch.body ?? main.body;
    const others = patch.contents ?? Object.fromEntries(Object.entries(old).filter(([l]) => l !== oldLocale && l !== defaultLocale));
    const { versions, problems } = versionsOf({ locale: defaultLocale, subject, body }, others);

    const topicRef = patch.topicId !== undefined || patch.topic !== undefined ? await resolveTopic(tx, patch.topicId ?? null, patch.topic) : m.topicId;
    const topicId = kind === 'newsletter' ? topicRef : null;
    const serviceReason = kind === 'service' ? (patch.serviceReason !== undefined ? patch.serviceReason : m.serviceReason) : null;
    const draft: Draft = {
      unitId: patch.unitId ?? m.unitId,
      segmentId: patch.segmentId !== undefined ? patch.segmentId : m.segmentId,
      kind,
      topicId: topicId === 'unknown' ? null : topicId,
      serviceReason,
      eventId: patch.eventId !== undefined ? patch.eventId : m.eventId,
      defaultLocale,
      versions,
    };
    // A topic named but not found is that, not a missing topic.
    problems.push(...(await draftProblems(tx, actor, draft)).filter((p) => topicId !== 'unknown' || p.code !== 'mailing.topic_required'));
    if (topicId === 'unknown') problems.push({ path: 'topicId', code: 'mailing.topic_unknown' });
    if (problems.length) return invalid(problems);

    const next = { unitId: draft.unitId!, segmentId: draft.segmentId, kind, topicId: draft.topicId, serviceReason, eventId: draft.eventId, defaultLocale };
    const fields = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== m[k]);
    const textsChanged = JSON.stringify(versions) !== JSON.stringify(Object.fromEntries(locales.filter((l) => old[l]).map((l) => [l, old[l]])));
    await tx
      .update(mailings)
      .set({ ...next, updatedAt: sql`now()` })
      .where(eq(mailings.id, id));
    if (textsChanged) {
      await writeVersions(tx, id, versions);
      fields.push('contents' as never);
    }
    if (fields.length) await audit(tx, actor, { action: 'update', entityType: 'mailing', entityId: id, fields: fields as string[] });
    if (kind === 'service' && (m.kind !== 'service' || m.serviceReason !== serviceReason)) await auditServiceMark(tx, actor, id, m.kind === 'service' ? 'update' : 'create');
    return { ok: true, mailing: (await loadMailing(tx, id, locale))! };
  });
}

/** Deletes a draft (its versions go with it); a mailing that went out stays as the record of it. */
export async function deleteMailing(db: Db, actor: Actor, id: string): Promise<{ ok: true } | Refusal | NotDraft> {
  return db.transaction(async (tx) => {
    const found = await mailingFor(tx, actor, id, 'delete', { lock: true });
    if (!found.ok) return found;
    if (found.mailing.status !== 'draft') return { ok: false, reason: 'not_draft', status: found.mailing.status } as NotDraft;
    await tx.delete(mailings).where(eq(mailings.id, id));
    await audit(tx, actor, { action: 'delete', entityType: 'mailing', entityId: id });
    return { ok: true } as const;
  });
}
