/** Fault tests' data: distinct Swedish posts stored unanalysed, and the exactly-once counts read back. */
import { sql } from 'kysely';
import { contentHash } from '../../core/content.ts';
import type { Db } from '../../core/db/client.ts';
import { storePosts } from '../../core/db/store-posts.ts';
import { upsertSource } from '../../core/db/sources.ts';

const WHO = ['Socialtjänsten', 'Soc', 'Kommunen', 'Förvaltningen', 'Nämnden', 'Handläggaren'];
const DOES = ['tar barn', 'omhändertar barn', 'placerar barn', 'hämtar barn', 'skiljer familjer'];
const WHERE = ['i Angered', 'i Rinkeby', 'i Malmö', 'i Uppsala', 'i Örebro', 'i Luleå', 'i Västerås'];
const WHY = [
  'utan att föräldrarna får veta varför',
  'för att de ber på fel sätt',
  'och säljer dem till andra familjer',
  'enligt en anhörig som skrev i gruppen',
];

/** `count` posts of distinct text (a running number in each), published over the past days. */
export async function storeFaultPosts(db: Db, sourceId: number, count: number, from = 0): Promise<number[]> {
  const now = Date.now();
  const posts = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const text =
      `${WHO[i % WHO.length]} ${DOES[i % DOES.length]} ${WHERE[i % WHERE.length]} ${WHY[i % WHY.length]}, ` +
      `det har hänt ${i} gånger nu och ingen gör något åt det.`;
    return {
      externalId: `fault-${i}`,
      url: null,
      title: null,
      text,
      authorPseudonym: null,
      publishedAt: new Date(now - (i % 20) * 3_600_000),
      contentHash: contentHash(text),
    };
  });
  return (await storePosts(db, sourceId, posts)).ids;
}

export async function faultSource(db: Db, name = 'Feltest'): Promise<number> {
  const { source } = await upsertSource(db, {
    kind: 'rss',
    name,
    // Loopback port 9 (nothing listens): a collector that reconciles its schedules polls it and fails, never
    // reaching beyond this machine.
    url: `http://127.0.0.1:9/${encodeURIComponent(name)}.xml`,
    pollIntervalSeconds: 3_600,
  });
  return source.id;
}

export interface OnceCounts {
  posts: number;
  distinctKeys: number;
  analysed: number;
  classifications: number;
  classifiedPosts: number;
  /** Posts counted in the rollups' all-themes rows (null before the rollup tables exist). */
  rolledUp: number | null;
}

/** Counts that show each post stored once and analysed once for `modelVersion`. */
export async function onceCounts(db: Db, modelVersion: string): Promise<OnceCounts> {
  const row = await sql<{
    posts: number;
    distinct_keys: number;
    analysed: number;
    classifications: number;
    classified_posts: number;
    has_rollups: boolean;
  }>`
    SELECT (SELECT count(*) FROM posts)::int AS posts,
           (SELECT count(DISTINCT (source_id, external_id)) FROM posts)::int AS distinct_keys,
           (SELECT count(*) FROM posts WHERE analysed_at IS NOT NULL)::int AS analysed,
           (SELECT count(*) FROM post_classifications WHERE model_version = ${modelVersion})::int AS classifications,
           (SELECT count(DISTINCT post_id) FROM post_classifications
             WHERE model_version = ${modelVersion})::int AS classified_posts,
           to_regclass('rollup_daily') IS NOT NULL AS has_rollups
  `.execute(db);
  const r = row.rows[0]!;
  let rolledUp: number | null = null;
  if (r.has_rollups) {
    const sum = await sql<{ n: number | null }>`
      SELECT sum(posts)::int AS n FROM rollup_daily
       WHERE model_version = ${modelVersion} AND theme_id = '*' AND place = '*'`.execute(db);
    rolledUp = sum.rows[0]?.n ?? 0;
  }
  return {
    posts: r.posts,
    distinctKeys: r.distinct_keys,
    analysed: r.analysed,
    classifications: r.classifications,
    classifiedPosts: r.classified_posts,
    rolledUp,
  };
}
