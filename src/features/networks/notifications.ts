import { sql, type SQL } from 'drizzle-orm';
import { system, actorPersonId, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { locales, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDate, organisationTimeZone } from '../../platform/i18n/format.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { markdownToText } from '../../platform/html/markdown.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { addAudienceSource, sendServiceMail, verifyPersonalLink } from '../mailings/index.js';
import { networkFor, participantIdsSql } from './access.js';
import { notificationModes, type NetworkKind, type NotificationMode } from './tables.js';

/*
 * Mail to a network's participants about new posts, each by their own choice: every post as it
 * comes (`each`, the default when they chose nothing), one digest a day (`digest`), or nothing.
 * Both go out as service mail through the mailings' durable queue; the audience is frozen when the
 * mail is queued, from the participants of that moment, so someone who left or a hidden network's
 * outsider is never in it. Every mail carries a personal link where its reader changes the choice
 * without logging in.
 */

export const POST_AUDIENCE = 'network.post';
export const DIGEST_AUDIENCE = 'network.digest';
/** Digests cover the organisation's calendar day, not the server's. */
const DIGEST_ZONE = organisationTimeZone;
/** About this much of each post is quoted in a digest. */
const EXCERPT_CHARS = 300;

export const notificationLinkUrl = (baseUrl: string, token: string) => `${baseUrl}/networks/notifications/${token}`;
const threadUrl = (baseUrl: string, threadId: string) => `${baseUrl}/networks/threads/${threadId}`;

/** A participant's mode for the network of `networkId` (an SQL expression), `each` when none is kept. */
const modeOf = (networkId: SQL, personId: SQL) =>
  sql`coalesce((select nn.mode from network_notifications nn where nn.network_id = ${networkId} and nn.person_id = ${personId}), 'each')`;

/** Who gets the mail of one post: the participants in `each` mode but its author; nobody for what no one may read any more. */
function postAudienceSql(postId: string): SQL {
  return sql`select a.person_id from network_posts np
    join network_threads th on th.id = np.thread_id
    join networks n on n.id = np.network_id
    cross join lateral (${participantIdsSql(sql`np.network_id`)}) a(person_id)
    where np.id = ${postId}::uuid and not n.archived and th.hidden_at is null and np.hidden_at is null and np.deleted_at is null
      and a.person_id is distinct from np.author_id
      and ${modeOf(sql`np.network_id`, sql`a.person_id`)} = 'each'`;
}

/** Who gets a network's digest: the participants in `digest` mode. */
function digestAudienceSql(networkId: string): SQL {
  return sql`select a.person_id from networks n
    cross join lateral (${participantIdsSql(sql`n.id`)}) a(person_id)
    where n.id = ${networkId}::uuid and not n.archived and ${modeOf(sql`n.id`, sql`a.person_id`)} = 'digest'`;
}

/** The audiences of the networks' mails, for the mailings' freeze; called once from the feature's index. */
export function registerNetworkAudiences(): void {
  // What a network's mails say is for its participants: the unit's board does not read them on the mailings pages.
  addAudienceSource({ name: POST_AUDIENCE, personIds: postAudienceSql, link: { purpose: POST_AUDIENCE, url: notificationLinkUrl }, confidential: true });
  addAudienceSource({ name: DIGEST_AUDIENCE, personIds: digestAudienceSql, link: { purpose: DIGEST_AUDIENCE, url: notificationLinkUrl }, confidential: true });
}

// ---- mail texts -------------------------------------------------------------------------------

/**
 * Participants' words in a mail's Markdown, as plain text: every ASCII punctuation escaped, so a
 * name or title can neither make markup nor a merge field (`{{…}}` would be filled or refused).
 */
export function markdownLiteral(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!<>|~&"'$:;@=?^%,/]/g, '\\$&');
}

/**
 * A post's own Markdown kept as written, with only `{{` broken by an invisible word joiner: inside
 * code, where backslashes would show, the braces still read the same, and no merge field is made.
 */
const withoutMergeFields = (text: string) => text.replace(/\{(?=\{)/g, '{\u2060');

/**
 * A post's Markdown as a part of a longer mail: merge fields broken, and a code fence left open
 * closed, so the rest of the mail (the thread's link, the personal link) is not swallowed as code.
 */
function postMarkdown(body: string): string {
  let text = withoutMergeFields(body);
  for (const fence of ['```', '~~~']) {
    const opened = text.split('\n').filter((line) => new RegExp(`^ {0,3}${fence}`).test(line)).length;
    if (opened % 2 === 1) text += `\n${fence}`;
  }
  return text;
}

/** A subject line is not Markdown; it only must not carry a merge field. */
const subjectText = (text: string) => withoutMergeFields(text.replace(/[\r\n]+/g, ' '));

type Contents = Partial<Record<Locale, { subject: string; body: string }>>;

function footer(t: ReturnType<typeof translator>, kind: NetworkKind): string {
  const notice = kind === 'companies' ? `_${t('networks.mail.competition_notice')}_\n\n` : '';
  return `${notice}[${t('networks.mail.change_notifications')}]({{personalLink}})`;
}

function authorName(t: ReturnType<typeof translator>, p: { firstName: string | null; lastName: string | null; byExpert: boolean }): string {
  const name = p.firstName || p.lastName ? markdownLiteral(`${p.firstName ?? ''} ${p.lastName ?? ''}`.trim()) : t('networks.mail.unknown_author');
  return p.byExpert ? `${name} (${t('networks.mail.expert')})` : name;
}

// ---- each post --------------------------------------------------------------------------------

type PostRow = {
  id: string;
  threadId: string;
  seq: number;
  body: string;
  byExpert: boolean;
  notifiedAt: Date | null;
  gone: boolean;
  title: string;
  networkId: string;
  networkName: string;
  kind: NetworkKind;
  unitId: string;
  firstName: string | null;
  lastName: string | null;
  openingId: string | null;
};

/** The domain of the installation's address, for the Message-IDs of its discussion mails. */
function mailDomain(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

export const postMessageId = (postId: string, baseUrl: string) => `<network-post-${postId}@${mailDomain(baseUrl)}>`;

function postContents(p: PostRow, baseUrl: string): Contents {
  const reply = p.seq > 1;
  const subject = subjectText(`${reply ? 'Re: ' : ''}[${p.networkName}] ${p.title}`);
  const url = threadUrl(baseUrl, p.threadId);
  const out: Contents = {};
  for (const locale of locales) {
    const t = translator(locale);
    const vars = { author: authorName(t, p), network: markdownLiteral(p.networkName) };
    const intro = reply ? t('networks.mail.reply_intro', vars) : t('networks.mail.thread_intro', vars);
    const body = [intro, `**[${markdownLiteral(p.title)}](${url})**`, '---', postMarkdown(p.body), '---', `[${t('networks.mail.open_thread')}](${url})`, footer(t, p.kind)];
    out[locale] = { subject, body: body.join('\n\n') };
  }
  return out;
}

/**
 * Queues the mail of a new post to the participants who want each post, once: called by the use
 * cases that write a post, inside their transaction, after the post row (with its `seq`) is written.
 * Mail programs thread it: its Message-ID is the post's, a reply's In-Reply-To and References the
 * opening post's. A post already notified is left alone; one nobody is to get is marked all the same.
 */
export async function notifyNewPost(tx: Db, postId: string, opts: { baseUrl: string }): Promise<void> {
  const [p] = await queryRows<PostRow>(
    tx,
    sql`select np.id, np.thread_id as "threadId", np.seq, np.body, np.by_expert as "byExpert", np.notified_at as "notifiedAt",
        (n.archived or th.hidden_at is not null or np.hidden_at is not null or np.deleted_at is not null) as gone,
        th.title, n.id as "networkId", n.name as "networkName", n.kind, n.unit_id as "unitId",
        au.first_name as "firstName", au.last_name as "lastName",
        (select o.id from network_posts o where o.thread_id = np.thread_id and o.seq = 1) as "openingId"
      from network_posts np join network_threads th on th.id = np.thread_id join networks n on n.id = np.network_id
      left join persons au on au.id = np.author_id
      where np.id = ${postId}::uuid
      for update of np`,
  );
  if (!p || p.notifiedAt) return;
  const markNotified = () => tx.execute(sql`update network_posts set notified_at = now() where id = ${postId}::uuid`);
  if (p.gone) return void (await markNotified());
  const base = opts.baseUrl.replace(/\/+$/, '');
  const opening = p.seq > 1 && p.openingId ? postMessageId(p.openingId, base) : null;
  const sent = await sendServiceMail(tx, system, {
    unitId: p.unitId,
    audience: { source: POST_AUDIENCE, ref: postId, label: `${p.networkName} · ${p.title}` },
    reason: 'network.post',
    contents: postContents(p, base),
    defaultLocale: 'da',
    headers: { messageId: postMessageId(postId, base), ...(opening ? { inReplyTo: opening, references: [opening] } : {}) },
  });
  if (!sent.ok && sent.reason === 'invalid') throw new Error(`network post mail invalid: ${JSON.stringify(sent.problems)}`);
  await markNotified();
}

// ---- daily digest -----------------------------------------------------------------------------

type DigestPost = { threadId: string; title: string; body: string; byExpert: boolean; firstName: string | null; lastName: string | null };

/** The calendar day before `now` where the organisation is, `YYYY-MM-DD`. */
export function previousDay(now: Date): string {
  const [y, m, d] = localParts(now, DIGEST_ZONE).date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The start and end of a Copenhagen day as instants, so the posts' index on created_at is used. */
const dayBounds = (day: string) => ({
  from: sql`(${day}::date)::timestamp at time zone ${DIGEST_ZONE}`,
  to: sql`(${day}::date + 1)::timestamp at time zone ${DIGEST_ZONE}`,
});

/** A post's first words as text, for a digest: flattened from Markdown, cut at a word, escaped again. */
function excerpt(body: string): string {
  const text = markdownToText(body).replace(/\s+/g, ' ').trim();
  if (text.length <= EXCERPT_CHARS) return markdownLiteral(text);
  const cut = text.slice(0, EXCERPT_CHARS);
  const atWord = cut.lastIndexOf(' ');
  return `${markdownLiteral((atWord > EXCERPT_CHARS / 2 ? cut.slice(0, atWord) : cut).trimEnd())} …`;
}

function digestContents(network: { name: string; kind: NetworkKind }, day: string, posts: DigestPost[], baseUrl: string): Contents {
  const threads = new Map<string, DigestPost[]>();
  for (const p of posts) threads.set(p.threadId, [...(threads.get(p.threadId) ?? []), p]);
  const out: Contents = {};
  for (const locale of locales) {
    const t = translator(locale);
    const date = formatDate(locale, `${day}T12:00:00Z`, 'UTC');
    const subject = subjectText(`[${network.name}] ${t('networks.mail.digest_subject', { date, count: posts.length })}`);
    const parts = [t('networks.mail.digest_intro', { network: markdownLiteral(network.name), date, count: posts.length })];
    for (const [threadId, list] of threads) {
      const url = threadUrl(baseUrl, threadId);
      parts.push(`### [${markdownLiteral(list[0].title)}](${url})`);
      for (const p of list) parts.push(`**${authorName(t, p)}**\n${excerpt(p.body)}`);
    }
    parts.push('---', footer(t, network.kind));
    out[locale] = { subject, body: parts.join('\n\n') };
  }
  return out;
}

/**
 * Queues yesterday's digest (the organisation's calendar day) of every network that had posts that
 * day and has participants who asked for a digest: one mail per network and day, ever — the
 * `network_digests` row is taken first, in the same transaction as the mail, so a second run (or a
 * second worker) queues nothing. Returns how many digests were queued.
 */
export async function digestRound(db: Db, opts: { baseUrl: string; now?: Date }): Promise<number> {
  const day = previousDay(opts.now ?? new Date());
  const { from, to } = dayBounds(day);
  const base = opts.baseUrl.replace(/\/+$/, '');
  const visible = sql`np.hidden_at is null and np.deleted_at is null and th.hidden_at is null`;
  const candidates = await queryRows<{ id: string }>(
    db,
    sql`select n.id from networks n
      where not n.archived
        and exists (select 1 from network_posts np join network_threads th on th.id = np.thread_id
          where np.network_id = n.id and np.created_at >= ${from} and np.created_at < ${to} and ${visible})
        and exists (select 1 from (${participantIdsSql(sql`n.id`)}) a(person_id) where ${modeOf(sql`n.id`, sql`a.person_id`)} = 'digest')
        and not exists (select 1 from network_digests d where d.network_id = n.id and d.day = ${day})
      order by n.id`,
  );
  let queued = 0;
  for (const { id } of candidates) {
    const done = await db.transaction(async (tx) => {
      const posts = await queryRows<DigestPost>(
        tx,
        sql`select np.thread_id as "threadId", th.title, np.body, np.by_expert as "byExpert", au.first_name as "firstName", au.last_name as "lastName"
          from network_posts np join network_threads th on th.id = np.thread_id left join persons au on au.id = np.author_id
          where np.network_id = ${id}::uuid and np.created_at >= ${from} and np.created_at < ${to} and ${visible}
          order by th.last_post_at desc, th.id, np.seq`,
      );
      if (posts.length === 0) return false;
      const taken = await queryRows<{ day: string }>(
        tx,
        sql`insert into network_digests (network_id, day, posts) values (${id}::uuid, ${day}, ${posts.length}) on conflict do nothing returning day`,
      );
      if (taken.length === 0) return false;
      const [n] = await queryRows<{ name: string; kind: NetworkKind; unitId: string }>(tx, sql`select name, kind, unit_id as "unitId" from networks where id = ${id}::uuid`);
      const sent = await sendServiceMail(tx, system, {
        unitId: n.unitId,
        audience: { source: DIGEST_AUDIENCE, ref: id, label: `${n.name} · ${day}` },
        reason: 'network.digest',
        contents: digestContents(n, day, posts, base),
        defaultLocale: 'da',
      });
      if (!sent.ok && sent.reason === 'invalid') throw new Error(`network digest mail invalid: ${JSON.stringify(sent.problems)}`);
      return sent.ok;
    });
    if (done) queued++;
  }
  return queued;
}

// ---- the participant's choice -----------------------------------------------------------------

export type ModeResult = { ok: true; mode: NotificationMode } | Refusal | Invalid;

const isMode = (v: unknown): v is NotificationMode => typeof v === 'string' && (notificationModes as readonly string[]).includes(v);
const badMode = () => invalidInput({ path: 'mode', code: 'networks.notifications.mode_invalid' });

async function saveMode(db: Db, networkId: string, personId: string, mode: NotificationMode): Promise<void> {
  await db.execute(sql`insert into network_notifications (network_id, person_id, mode) values (${networkId}::uuid, ${personId}::uuid, ${mode})
    on conflict (network_id, person_id) do update set mode = excluded.mode, updated_at = now()`);
}

/** A person's mode in a network (`each` when they chose none). */
export async function notificationModeOf(db: Db, networkId: string, personId: string): Promise<NotificationMode> {
  const [row] = await queryRows<{ mode: NotificationMode }>(db, sql`select ${modeOf(sql`${networkId}::uuid`, sql`${personId}::uuid`)} as mode`);
  return row.mode;
}

/** The signed-in participant's choice for a network; an outsider is told there is no such network, an organiser who is not in it is refused. */
export async function setNotificationMode(db: Db, actor: Actor, networkId: string, mode: string): Promise<ModeResult> {
  const found = await networkFor(db, actor, networkId, 'network.read');
  if (!found.ok) return found;
  const me = actorPersonId(actor);
  if (!me || found.network.standing?.status !== 'active') return forbidden;
  if (!isMode(mode)) return badMode();
  await saveMode(db, networkId, me, mode);
  return { ok: true, mode };
}

/** Whose choice in which network a mail's personal link is for, while they still take part in it. */
export type NotificationTarget = { networkId: string; networkName: string; personId: string; locale: Locale | null; mode: NotificationMode };

/**
 * The network and person of a personal link from a network mail (a post's: its ref is the post; a
 * digest's: the network), or null for a link that is not genuine, or whose person is no longer in
 * the network (there is nothing of theirs to change).
 */
export async function findNotificationTarget(db: Db, token: string): Promise<NotificationTarget | null> {
  if (token.length > 200) return null;
  const post = await verifyPersonalLink(db, POST_AUDIENCE, token);
  const digest = post ? null : await verifyPersonalLink(db, DIGEST_AUDIENCE, token);
  const link = post ?? digest;
  if (!link) return null;
  const network = post ? sql`(select np.network_id from network_posts np where np.id = ${link.ref}::uuid)` : sql`${link.ref}::uuid`;
  const [row] = await queryRows<{ networkId: string; networkName: string; locale: string | null; mode: NotificationMode }>(
    db,
    sql`select n.id as "networkId", n.name as "networkName", p.preferred_locale as locale, ${modeOf(sql`n.id`, sql`p.id`)} as mode
      from networks n join persons p on p.id = ${link.personId}::uuid
      where n.id = ${network} and p.id in (${participantIdsSql(sql`n.id`)})`,
  );
  if (!row) return null;
  return { ...row, personId: link.personId, locale: locales.find((l) => l === row.locale) ?? null };
}

/** The choice made through a mail's personal link, without logging in: the link is the proof. */
export async function setNotificationModeByToken(db: Db, token: string, mode: string): Promise<{ ok: true; mode: NotificationMode; target: NotificationTarget } | Refusal | Invalid> {
  const target = await findNotificationTarget(db, token);
  if (!target) return notFound;
  if (!isMode(mode)) return badMode();
  await saveMode(db, target.networkId, target.personId, mode);
  return { ok: true, mode, target: { ...target, mode } };
}
