import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/** The news' part of a person's data export: their comments (hidden ones with the reason) and the posts they wrote. */
export const newsPersonalData: PersonalDataPart[] = [
  listPart(
    'newsComments',
    ['news_comments'],
    (personId) => sql`select coalesce(json_agg(json_build_object('post', p.title, 'body', c.body, 'writtenAt', c.created_at, 'hiddenAt', c.hidden_at, 'hiddenReason', c.hidden_reason)
        order by c.created_at), '[]'::json) as data
      from news_comments c join news_posts p on p.id = c.post_id where c.author_id = ${personId}`,
  ),
  listPart(
    'newsPostsWritten',
    ['news_posts'],
    (personId) => sql`select coalesce(json_agg(json_build_object('title', p.title, 'kind', p.kind, 'status', p.status, 'publishedAt', p.published_at, 'createdAt', p.created_at,
        'author', p.author_id = ${personId}) order by p.created_at), '[]'::json) as data
      from news_posts p where p.author_id = ${personId} or p.created_by = ${personId}`,
  ),
];
