import { grantsOf, hasRole, reachesUnit, type Actor } from '../../platform/actor.js';
import type { PostAudience, PostStatus } from './tables.js';

export type NewsAction =
  | 'news.list'
  | 'news.read'
  | 'news.manage'
  | 'news.write'
  | 'news.comment'
  | 'news.moderate'
  | 'news.delete_comment';

/** What a post is to the policy. */
export interface PostSubject {
  unitId: string;
  status: PostStatus;
  audience: PostAudience;
  publishedAt: Date | string | null;
  commentsEnabled: boolean;
}

/** What a comment is to the policy, with the post it belongs to. */
export interface CommentSubject {
  post: PostSubject;
  authorId: string;
}

/**
 * Members-only posts are for people with an active membership (a member grant) and for the
 * organisation's own people: staff, board and admins. API tokens hold the roles of their grants.
 */
export function readsMembersOnly(actor: Actor): boolean {
  return grantsOf(actor).some((g) => g.role === 'member') || hasRole(actor, 'staff', 'board');
}

/** A comment is a person's own words: a member, or staff and board (admins included). */
export function mayComment(actor: Actor): boolean {
  return actor.kind === 'person' && readsMembersOnly(actor);
}

/** Out now: published, and its publication time has come. */
export function isOut(post: PostSubject, now = Date.now()): boolean {
  return post.status === 'published' && post.publishedAt !== null && new Date(post.publishedAt).getTime() <= now;
}

/** Staff and board whose grants reach the post's unit (admins everywhere) write, publish and moderate. */
function writes(actor: Actor, unitId: string): boolean {
  return reachesUnit(actor, unitId, 'staff', 'board');
}

/**
 * Everyone reads public posts that are out; members-only posts need a member or staff; drafts and
 * posts not yet out are seen only by those who write for the unit. Staff and board of a unit write,
 * publish, unpublish and delete its posts and moderate their comments. Comments: members and staff
 * on a post they may read, that is out and open for comments; a commenter may delete their own.
 */
export function can(actor: Actor, action: NewsAction, subject?: PostSubject | CommentSubject): boolean {
  const post = subject && 'post' in subject ? subject.post : subject;
  switch (action) {
    case 'news.list':
      return true;
    case 'news.read':
      if (!post) return false;
      if (writes(actor, post.unitId)) return true;
      return isOut(post) && (post.audience === 'public' || readsMembersOnly(actor));
    case 'news.manage':
      // The staff list and the new-post form: anyone who writes for some unit.
      return hasRole(actor, 'staff', 'board');
    case 'news.write':
    case 'news.moderate':
      return post !== undefined && writes(actor, post.unitId);
    case 'news.comment':
      return post !== undefined && mayComment(actor) && post.commentsEnabled && isOut(post) && can(actor, 'news.read', post);
    case 'news.delete_comment': {
      if (!subject || !('post' in subject)) return false;
      if (writes(actor, subject.post.unitId)) return true;
      return actor.kind === 'person' && actor.personId === subject.authorId && can(actor, 'news.read', subject.post);
    }
  }
}
