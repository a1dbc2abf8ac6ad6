/**
 * List: the report's example posts: rumours and counter-messages of the period that spread most (sightings across
 * sources, then views/forwards where the source gives them). Authors are the stored pseudonyms; never restricted.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { reportPostFilter, type Period, type ReportFilters } from './report-filter.ts';

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

/** At most `perStance` (default 3) rumours and as many counter-messages. */
export async function notablePosts(
  db: Db,
  modelVersion: string,
  period: Period,
  filters: ReportFilters,
  perStance = 3,
): Promise<NotablePost[]> {
  const where = reportPostFilter(filters, modelVersion, period);
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
      FROM posts p
      JOIN post_classifications pc ON pc.post_id = p.id AND pc.model_version = ${modelVersion}
      JOIN sources s ON s.id = p.source_id
      CROSS JOIN LATERAL (SELECT count(*)::int AS sightings FROM post_sightings ps WHERE ps.post_id = p.id) sg
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
