/** List: latest posts with language, stance and themes, filtered, newest first, keyset-paginated. */
import type { Db } from '../../core/db/client.ts';
import type { PostsQuery } from '../params.ts';
import { postListPage } from './post-list.ts';

export interface PostTheme {
  id: string;
  role: 'rumour' | 'about';
  score: number;
  evidence: string[];
}

export interface PostView {
  id: number;
  source: { id: number; name: string; kind: string };
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  published_at: string;
  lang: string | null;
  lang_confidence: number | null;
  lang2: string | null;
  stance: string | null;
  themes: PostTheme[];
  /** Municipality codes (and districts) the post names. */
  places: { code: string; district: string | null }[];
  /** The latest analyst label, when an analyst corrected this post. */
  label: {
    stance: string;
    themes: string[];
    about: string[];
    labelled_by: string;
    labelled_at: string;
  } | null;
  is_sample: boolean;
}

export interface PostPage {
  modelVersion: string;
  posts: PostView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The overview's and `/api/posts`' list: the posts explorer's query (post-list.ts) with the overview's filters,
 * each post without the explorer's reach, sightings and snapshots. `hideRestricted` drops posts only the
 * security role may see (see restricted.ts).
 */
export async function latestPosts(
  db: Db,
  modelVersion: string,
  query: PostsQuery,
  options: { hideRestricted: boolean },
): Promise<PostPage> {
  const { limit, cursor, ...filters } = query;
  const page = await postListPage(db, modelVersion, filters, {
    limit,
    cursor,
    hideRestricted: options.hideRestricted,
  });
  return {
    modelVersion: page.modelVersion,
    nextCursor: page.nextCursor,
    posts: page.posts.map(({ metrics: _m, sightings: _s, snapshots: _n, ...post }) => post),
  };
}
