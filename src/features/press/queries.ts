import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { searchDirectory, type DirectoryEntry } from '../directory/index.js';
import type { ReleaseStatus } from './tables.js';
import { can, type PressAction } from './policy.js';
import { notFound, forbidden, type Refusal, type FieldProblem } from '../../platform/outcomes.js';


export type PressInvalid = { ok: false; reason: 'invalid'; errors: FieldProblem[] };

export interface ReleasePhoto {
  version: string;
  fileName: string;
  contentType: string;
  size: number;
  credit: string;
  alt: string;
}

/** A release as pages and the API show it (the photo's facts, never its bytes). */
export interface Release {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  status: ReleaseStatus;
  publishedAt: string | null;
  embargoUntil: string | null;
  /** When it is (or will be) out: the later of its publication and its embargo; null for a draft. */
  releasedAt: string | null;
  /** Out now: published, and that moment has passed. */
  released: boolean;
  contactPersonId: string | null;
  photo: ReleasePhoto | null;
  updatedAt: string;
}

type Row = Omit<Release, 'photo' | 'publishedAt' | 'embargoUntil' | 'releasedAt' | 'updatedAt'> & {
  publishedAt: string | Date | null;
  embargoUntil: string | Date | null;
  releasedAt: string | Date | null;
  updatedAt: string | Date;
  photoVersion: string | null;
  photoFileName: string | null;
  photoContentType: string | null;
  photoSize: number | null;
  photoCredit: string | null;
  photoAlt: string | null;
};

/** The moment a published release is out: its publication, or its embargo when that is later. */
export const releasedAtSql = sql`case when r.status = 'published' then greatest(r.published_at, r.embargo_until) end`;
export const isReleasedSql = sql`(r.status = 'published' and greatest(r.published_at, r.embargo_until) <= now())`;

const columns = sql`r.id, r.slug, r.title, r.summary, r.body, r.status, r.published_at as "publishedAt", r.embargo_until as "embargoUntil",
  ${releasedAtSql} as "releasedAt", ${isReleasedSql} as released, r.contact_person_id as "contactPersonId", r.updated_at as "updatedAt",
  p.version as "photoVersion", p.file_name as "photoFileName", p.content_type as "photoContentType", p.size as "photoSize", p.credit as "photoCredit", p.alt as "photoAlt"`;
const from = sql`press_releases r left join press_release_photos p on p.release_id = r.id`;

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

function toRelease(r: Row): Release {
  const { photoVersion, photoFileName, photoContentType, photoSize, photoCredit, photoAlt, ...rest } = r;
  return {
    ...rest,
    publishedAt: iso(r.publishedAt),
    embargoUntil: iso(r.embargoUntil),
    releasedAt: iso(r.releasedAt),
    updatedAt: new Date(r.updatedAt).toISOString(),
    photo: photoVersion ? { version: photoVersion, fileName: photoFileName ?? '', contentType: photoContentType ?? '', size: photoSize ?? 0, credit: photoCredit ?? '', alt: photoAlt ?? '' } : null,
  };
}

async function releases(db: Db, where: SQL, order: SQL, page: { limit?: number; offset?: number } = {}): Promise<Release[]> {
  const limit = page.limit === undefined ? sql`` : sql` limit ${page.limit} offset ${page.offset ?? 0}`;
  const rows = await queryRows<Row>(db, sql`select ${columns} from ${from} where ${where} order by ${order}${limit}`);
  return rows.map(toRelease);
}

/**
 * The releases that are out, newest first, a page at a time (for everyone), with how many there are;
 * for staff also the drafts and those published under an embargo that has not passed yet, all of
 * them, in a list of their own.
 */
export async function listReleases(db: Db, actor: Actor, opts: { limit?: number; offset?: number } = {}): Promise<{ released: Release[]; total: number; unreleased: Release[] }> {
  const [released, [{ total }], unreleased] = await Promise.all([
    releases(db, isReleasedSql, sql`${releasedAtSql} desc, r.id`, opts),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from press_releases r where ${isReleasedSql}`),
    can(actor, 'press.manage') ? releases(db, sql`not ${isReleasedSql}`, sql`r.status desc, r.updated_at desc`) : Promise.resolve([]),
  ]);
  return { released, total, unreleased };
}

/** The release if the actor may see it and do `action`: not out yet is `not_found` to all but staff. */
export async function releaseFor(db: Db, actor: Actor, where: { id: string } | { slug: string }, action: PressAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; release: Release } | Refusal> {
  const condition = 'id' in where ? sql`r.id = ${where.id}` : sql`r.slug = ${where.slug}`;
  // The lock is on the release row alone: `for update of r` leaves the outer-joined photo row out of it.
  const [row] = await queryRows<Row>(db, sql`select ${columns} from ${from} where ${condition}${opts.lock ? sql` for update of r` : sql``}`);
  if (!row) return notFound;
  const release = toRelease(row);
  if (!can(actor, 'press.view', release)) return notFound;
  if (action !== 'press.view' && !can(actor, action, release)) return forbidden;
  return { ok: true, release };
}

/** The contact people journalists may call: everyone with a published entry in the staff directory. */
export async function contactChoices(db: Db): Promise<DirectoryEntry[]> {
  return searchDirectory(db, {});
}

/** Directory entries by person, for the contacts of several releases at once (one query). */
export async function contactsOf(db: Db, personIds: (string | null)[]): Promise<Map<string, DirectoryEntry>> {
  const wanted = new Set(personIds.filter((id): id is string => id !== null));
  if (wanted.size === 0) return new Map();
  return new Map((await searchDirectory(db, {})).filter((e) => wanted.has(e.personId)).map((e) => [e.personId, e]));
}

/**
 * The press contacts of the press room: the contacts of the releases that are out, the one of the
 * most recent release first, each once, with their directory entries (two queries in all).
 */
export async function pressContacts(db: Db, max = 6): Promise<DirectoryEntry[]> {
  const ids = await queryRows<{ id: string }>(
    db,
    sql`select r.contact_person_id as id from press_releases r where ${isReleasedSql} and r.contact_person_id is not null
        group by r.contact_person_id order by max(${releasedAtSql}) desc limit ${max}`,
  );
  const entries = await contactsOf(
    db,
    ids.map((r) => r.id),
  );
  return ids.flatMap((r) => entries.get(r.id) ?? []);
}
