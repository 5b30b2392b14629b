import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { membershipTypes } from '../members/tables.js';
import { staffProfiles } from '../directory/tables.js';
import { createPerson, createWorkplace, seedUnits, type Org } from '../../test/app.js';
import { actorFor, member, person } from '../events/events.fixture.js';
import { createIssue, publishIssue } from './issues.js';
import { createArticle } from './articles.js';
import { setCover, setPdf } from './files.js';
import { articleInput, issueInput } from './schema.js';
import type { IssueRow } from './queries.js';

/** Someone who reads or makes the publications: their person id and their actor. */
export interface Who {
  id: string;
  actor: Actor;
}

/**
 * The people the magazine and the press room are tested with: staff (with a published directory
 * entry, so they can be a press contact) and an admin, the board, an active member, a steward, and
 * a logged-in person who is not a member (a former member, say).
 */
export interface PublishingWorld {
  database: Database;
  org: Org;
  staff: Who;
  admin: Who;
  board: Who;
  member: Who;
  steward: Who;
  nonMember: Who;
}

const idOf = (a: Actor) => (a.kind === 'person' ? a.personId : '');
const who = (actor: Actor): Who => ({ id: idOf(actor), actor });

export async function publishingWorld(database: Database): Promise<PublishingWorld> {
  const org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `ordinary-${Date.now()}`, name: 'Ordinært medlem' }).returning();
  const world = { database, typeId: type.id, org };
  const staff = who(await person(database, [['staff', org.national]]));
  await database.db.insert(staffProfiles).values({ personId: staff.id, title: 'Pressechef', unitId: org.national, directPhone: '+45 11 22 33 44', publicEmail: 'presse@forbund.example' });
  // A steward holds office at a workplace; this one without a membership of their own, so only the role lets them read.
  const workplace = await createWorkplace(database, org.north);
  const steward = await createPerson(database, [['steward', null, workplace.id]]);
  return {
    database,
    org,
    staff,
    admin: who(await person(database, [['admin', null]])),
    board: who(await person(database, [['board', org.national]])),
    member: who((await member(world)).actor),
    steward: who(await actorFor(database, steward.id)),
    nonMember: who((await member(world, { status: 'resigned' })).actor),
  };
}

/** The first bytes of each file kind: the uploads are checked by them. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 2)]);
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x20), Buffer.from('\n%%EOF\n')]);
export const HTML = Buffer.from('<!doctype html><script>alert(1)</script>');

let n = 0;

/** An issue made through the use cases, with three articles, a cover and a PDF; published unless told not to. */
export async function makeIssue(world: PublishingWorld, opts: { audience?: 'members' | 'public'; publish?: boolean; title?: string } = {}): Promise<IssueRow> {
  n++;
  const db = world.database.db;
  const created = await createIssue(db, world.staff.actor, issueInput.parse({ title: opts.title ?? `Testbladet nr. ${n}`, number: String(n), year: '2030', publishedOn: `2030-0${(n % 9) + 1}-15`, audience: opts.audience ?? 'members' }));
  if (!created.ok) throw new Error(`createIssue: ${JSON.stringify(created)}`);
  const id = created.issue.id;
  for (const title of ['Leder', 'Arbejdsmiljø på botilbud', 'Nyt fra kredsene'])
    await createArticle(db, world.staff.actor, id, articleInput.parse({ title, summary: `Om ${title.toLowerCase()}`, content: `Brødtekst for **${title}**.`, authorName: 'Karin Redaktør' }));
  await setCover(db, world.staff.actor, id, { file: { fileName: 'forside.png', bytes: PNG }, coverAlt: 'En pædagog på legepladsen' });
  await setPdf(db, world.staff.actor, id, { fileName: 'blad.pdf', bytes: PDF });
  if (opts.publish !== false) await publishIssue(db, world.staff.actor, id);
  return { ...created.issue, status: opts.publish === false ? 'draft' : 'published' };
}

/** Where a page sends a visitor who must log in. */
export function isLoginRedirect(res: LightMyRequestResponse): boolean {
  return (res.statusCode === 302 || res.statusCode === 303) && String(res.headers.location).startsWith('/login');
}
