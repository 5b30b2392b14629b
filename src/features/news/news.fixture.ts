import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { loadGrants } from '../../kernel/grants.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { seedUnits, type Org } from '../../test/app.js';
import { createPost } from './posts.js';
import { postInput } from './schema.js';
import type { PostRow } from './queries.js';

/** A person of the test world: their id, name and the actor the request context would load. */
export interface Who {
  id: string;
  name: string;
  actor: Actor;
}

export interface NewsWorld {
  database: Database;
  org: Org;
  staffNorth: Who;
  staffSouth: Who;
  boardNorth: Who;
  admin: Who;
  /** Active members of the north. */
  member: Who;
  member2: Who;
  /** A person whose membership has ended: logged in, but no member. */
  former: Who;
}

let n = 0;

async function actorFor(database: Database, personId: string, name: [string, string]): Promise<Actor> {
  return { kind: 'person', personId, firstName: name[0], lastName: name[1], grants: await loadGrants(database.db, personId) };
}

async function someone(database: Database, first: string, roles: [RoleKind, string | null][], membership?: { typeId: string; unitId: string; status: 'active' | 'resigned' }): Promise<Who> {
  n++;
  const last = `Testesen ${n}`;
  const [p] = await database.db.insert(persons).values({ firstName: first, lastName: last, email: `news${n}.${Date.now()}@example.org` }).returning();
  if (roles.length) await database.db.insert(roleAssignments).values(roles.map(([role, unitId]) => ({ personId: p.id, role, unitId })));
  if (membership) await database.db.insert(memberships).values({ personId: p.id, ...membership });
  return { id: p.id, name: `${first} ${last}`, actor: await actorFor(database, p.id, [first, last]) };
}

export async function newsWorld(database: Database): Promise<NewsWorld> {
  const org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `news-${Date.now()}`, name: 'Ordinært medlem' }).returning();
  const active = { typeId: type.id, unitId: org.north, status: 'active' as const };
  return {
    database,
    org,
    staffNorth: await someone(database, 'Sanne', [['staff', org.north]]),
    staffSouth: await someone(database, 'Svend', [['staff', org.south]]),
    boardNorth: await someone(database, 'Birthe', [['board', org.north]]),
    admin: await someone(database, 'Alma', [['admin', null]]),
    member: await someone(database, 'Maja', [], active),
    member2: await someone(database, 'Mogens', [], active),
    former: await someone(database, 'Frida', [], { ...active, status: 'resigned' }),
  };
}

/** A post of the north written by its staff, published now and public unless `fields` say otherwise. */
export async function newPost(w: NewsWorld, fields: Record<string, unknown> = {}, actor: Actor = w.staffNorth.actor): Promise<PostRow> {
  n++;
  const input = postInput.parse({
    title: `Nyhed nummer ${n}`,
    summary: `Resumé af nyhed ${n}`,
    body: `Brødtekst til nyhed ${n} med **fed** skrift.`,
    unitId: w.org.north,
    status: 'published',
    ...fields,
  });
  const r = await createPost(w.database.db, actor, input);
  if (!r.ok) throw new Error(`createPost: ${JSON.stringify(r)}`);
  return r.post;
}

/** The first bytes of a PNG: the upload check reads only these. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 1)]);

/** Row counts that a refused request must leave as they were. */
export async function counts(database: Database): Promise<{ posts: number; covers: number; comments: number; hidden: number; audit: number }> {
  const r = await database.executeSql(
    `select (select count(*) from news_posts)::int as posts, (select count(*) from news_post_covers)::int as covers,
       (select count(*) from news_comments)::int as comments, (select count(*) from news_comments where hidden_at is not null)::int as hidden,
       (select count(*) from audit_events where entity_type like 'news_%')::int as audit`,
  );
  return r.rows[0] as { posts: number; covers: number; comments: number; hidden: number; audit: number };
}
