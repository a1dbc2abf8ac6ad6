/**
 * Exports of a filtered post list as CSV or JSON, streamed to any writable (an HTTP response, a file): every page
 * of the keyset walk is written before the next is read, inside one repeatable-read transaction, so the file holds
 * exactly the posts matching at its start, however many. Authors appear only as pseudonyms (as stored); posts
 * with a restricted theme (violence_threats) are left out unless `includeRestricted`. Used by the dashboard's
 * /api/posts/export.* and by the `report` CLI.
 */
import type { Writable } from 'node:stream';
import type { Db } from '../../core/db/client.ts';
import { ANALYST_TIME_ZONE, type PostFilters } from '../params.ts';
import { postListPage, type PostListItem } from '../queries/post-list.ts';
import { csvRow, UTF8_BOM, type CsvValue } from './csv.ts';
import { write } from './write-stream.ts';

export interface PostExportOptions {
  /** Include posts only the security role may see; the caller checks the right and audits. Default false. */
  includeRestricted?: boolean;
  /** Posts read per query (default 500). */
  pageSize?: number;
}

export interface PostExportResult {
  rows: number;
}

const localTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ANALYST_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});

export const POST_CSV_COLUMNS = [
  'id',
  'published_at',
  'published_local',
  'lang',
  'lang2',
  'stance',
  'rumour_themes',
  'about_themes',
  'evidence',
  'places',
  'source_id',
  'source_name',
  'source_kind',
  'url',
  'author_pseudonym',
  'title',
  'text',
  'views',
  'forwards',
  'reactions',
  'replies',
  'sightings',
  'snapshot_ids',
  'label_stance',
  'label_themes',
  'label_about',
  'is_sample',
] as const;

function csvValues(post: PostListItem): CsvValue[] {
  const ids = (role: 'rumour' | 'about') =>
    post.themes
      .filter((t) => t.role === role)
      .map((t) => t.id)
      .join(';');
  return [
    post.id,
    post.published_at,
    localTime.format(new Date(post.published_at)),
    post.lang,
    post.lang2,
    post.stance,
    ids('rumour'),
    ids('about'),
    post.themes.map((t) => `${t.id}: ${t.evidence.join(' | ')}`).join('; '),
    post.places.map((p) => (p.district ? `${p.code} ${p.district}` : p.code)).join(';'),
    post.source.id,
    post.source.name,
    post.source.kind,
    post.url,
    post.author,
    post.title,
    post.text,
    post.metrics?.views,
    post.metrics?.forwards,
    post.metrics?.reactions,
    post.metrics?.replies,
    post.sightings,
    post.snapshots.map((s) => s.id).join(';'),
    post.label?.stance,
    post.label?.themes.join(';'),
    post.label?.about.join(';'),
    post.is_sample,
  ];
}

/** A post as exported in JSON: the list item without who labelled it (staff names stay in the audit log). */
function jsonPost(post: PostListItem): unknown {
  const { label, ...rest } = post;
  return {
    ...rest,
    label: label
      ? { stance: label.stance, themes: label.themes, about: label.about, labelled_at: label.labelled_at }
      : null,
  };
}

/** Walks every page of the filtered list in one snapshot of the database, calling `each` per page. */
async function walkPosts(
  db: Db,
  modelVersion: string,
  filters: PostFilters,
  options: PostExportOptions,
  each: (posts: PostListItem[]) => Promise<void>,
): Promise<number> {
  const limit = options.pageSize ?? 500;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      let rows = 0;
      let cursor: string | undefined;
      for (;;) {
        const page = await postListPage(trx, modelVersion, filters, {
          limit,
          cursor,
          hideRestricted: !options.includeRestricted,
        });
        await each(page.posts);
        rows += page.posts.length;
        if (!page.nextCursor) return rows;
        cursor = page.nextCursor;
      }
    });
}

/** CSV (UTF-8 with BOM, CRLF, one header row, then one row per post); does not end `out`. */
export async function streamPostsCsv(
  db: Db,
  modelVersion: string,
  filters: PostFilters,
  out: Writable,
  options: PostExportOptions = {},
): Promise<PostExportResult> {
  await write(out, UTF8_BOM + csvRow(POST_CSV_COLUMNS));
  const rows = await walkPosts(db, modelVersion, filters, options, async (posts) => {
    await write(out, posts.map((post) => csvRow(csvValues(post))).join(''));
  });
  return { rows };
}

/**
 * JSON: `{ "model_version", "filters", "include_restricted", "posts": [...], "count" }`, the count written last so
 * a reader can check that nothing was lost; does not end `out`.
 */
export async function streamPostsJson(
  db: Db,
  modelVersion: string,
  filters: PostFilters,
  out: Writable,
  options: PostExportOptions = {},
): Promise<PostExportResult> {
  const head = {
    model_version: modelVersion,
    time_zone: ANALYST_TIME_ZONE,
    filters,
    include_restricted: options.includeRestricted ?? false,
  };
  await write(out, `${JSON.stringify(head).slice(0, -1)},"posts":[`);
  let first = true;
  const rows = await walkPosts(db, modelVersion, filters, options, async (posts) => {
    if (posts.length === 0) return;
    const chunk = posts.map((post) => JSON.stringify(jsonPost(post))).join(',\n');
    await write(out, `${first ? '\n' : ',\n'}${chunk}`);
    first = false;
  });
  await write(out, `\n],"count":${rows}}\n`);
  return { rows };
}
