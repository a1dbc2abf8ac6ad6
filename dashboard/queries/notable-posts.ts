/**
 * List: the report's example posts: rumours and counter-messages of the period that spread most (sightings across
 * sources, then views/forwards where the source gives them). Authors are the stored pseudonyms; never restricted.
 * Candidates are the posts seen more than once (posts_spread_idx) plus the latest posts of each stance, so a
 * period without copies still has examples without ranking every post of a million.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { inPeriod, reportPostFilter, type Period, type ReportFilters } from './report-filter.ts';

export interface NotablePost {
  id: number;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  published_at: string;
  lang: string | null;
  stance: 'rumour' | 'counter';
  source_name: string;
  source_kind: string;
  sightings: number;
  views: number | null;
  forwards: number | null;
  /** Theme ids: spread (rumour) or answered (counter). */
  themes: string[];
}

/** Posts of each stance beyond those seen more than once that compete for a place (by views, forwards, time). */
const LATEST_CANDIDATES = 200;

/** At most `perStance` (default 3) rumours and as many counter-messages. */
export async function notablePosts(
  db: Db,
  modelVersion: string,
  period: Period,
  filters: ReportFilters,
  perStance = 3,
): Promise<NotablePost[]> {
  const where = reportPostFilter(filters, modelVersion, period);
  // Candidates are only narrowed by period (and language); the full filter, restricted posts included, is applied
  // once to the few candidates: checked per post of the period it would cost more than the whole report.
  const narrow = sql`${inPeriod(period)}
    ${filters.language === undefined ? sql`` : sql`AND coalesce(p.lang, 'und') = ${filters.language}`}`;
  const latest = (stance: 'rumour' | 'counter') => sql`(
    SELECT p.id, p.published_at FROM posts p
    JOIN post_classifications pc ON pc.post_id = p.id AND pc.model_version = ${modelVersion} AND pc.stance = ${stance}
    WHERE ${narrow} ORDER BY p.published_at DESC LIMIT ${LATEST_CANDIDATES})`;
  const result = await sql<Omit<NotablePost, 'published_at'> & { published_at: Date }>`
    SELECT * FROM (
      SELECT p.id, p.url, p.title, p.text, p.author_pseudonym AS author, p.published_at, p.lang, pc.stance,
             s.name AS source_name, s.kind AS source_kind, sg.sightings,
             (p.metrics->>'views')::bigint::float8 AS views, (p.metrics->>'forwards')::bigint::float8 AS forwards,
             coalesce((SELECT array_agg(pt.theme_id ORDER BY pt.score DESC) FROM post_themes pt
                       WHERE pt.post_id = p.id AND pt.model_version = ${modelVersion}), '{}') AS themes,
             row_number() OVER (PARTITION BY pc.stance
               ORDER BY sg.sightings DESC, coalesce((p.metrics->>'views')::bigint, 0) DESC,
                        coalesce((p.metrics->>'forwards')::bigint, 0) DESC, p.published_at DESC, p.id DESC) AS rank
      FROM (
        SELECT p.id, p.published_at FROM posts p WHERE p.sightings > 1 AND ${narrow}
        UNION ${latest('rumour')} UNION ${latest('counter')}
      ) candidates
      -- With its time, a lookup reads one month of the partitioned table, not every month's index.
      CROSS JOIN LATERAL (
        SELECT * FROM posts WHERE posts.id = candidates.id AND posts.published_at = candidates.published_at OFFSET 0
      ) p
      JOIN post_classifications pc ON pc.post_id = p.id AND pc.model_version = ${modelVersion}
      JOIN sources s ON s.id = p.source_id
      CROSS JOIN LATERAL (SELECT p.sightings) sg
      WHERE ${where} AND pc.stance IN ('rumour', 'counter')
    ) ranked
    WHERE rank <= ${perStance}
    ORDER BY stance DESC, rank`.execute(db);
  return result.rows.map(({ published_at, ...row }) => ({
    id: row.id,
    url: row.url,
    title: row.title,
    text: row.text,
    author: row.author,
    published_at: published_at.toISOString(),
    lang: row.lang,
    stance: row.stance,
    source_name: row.source_name,
    source_kind: row.source_kind,
    sightings: row.sightings,
    views: row.views,
    forwards: row.forwards,
    themes: row.themes,
  }));
}
