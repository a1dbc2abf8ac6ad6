/**
 * Loads generated posts into a benchmark database fast: texts, languages and themes from the seeded generator
 * (a pool of at most POOL_SIZE posts, reused with new ids and shifted times beyond it), written with multi-row
 * UNNEST inserts, secondary indexes dropped during the load and rebuilt after. Classifications, themes and places
 * are the generator's intended labels written for the model version in force — the classifier is not run per post.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { searchConfigOf, searchDocument } from '../../core/db/post-search.ts';
import { rebuildRollups } from '../../core/db/rollups.ts';
import { createRng, generatePosts, type GeneratedPost } from '../generator/generate.ts';

const POOL_SIZE = 100_000;
const BATCH = 5_000;
/** One post in this many is copied to other sources (more sightings), so spread lists have something to rank. */
const COPIED_EVERY = 25;
const TABLES = [
  'post_keys',
  'post_hashes',
  'posts',
  'post_sightings',
  'post_classifications',
  'post_themes',
  'post_places',
];
/** Large towns, so the place matrix has rows: Stockholm, Göteborg, Malmö, Uppsala, Örebro, Borås, Södertälje… */
const PLACES = [
  '0180',
  '1480',
  '1280',
  '0380',
  '1880',
  '1490',
  '0181',
  '0580',
  '2480',
  '1283',
  '0680',
  '1281',
];

export interface LoadOptions {
  posts: number;
  seed: number;
  days: number;
  end: Date;
  modelVersion: string;
  progress(message: string): void;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Secondary indexes of the loaded tables (not those behind a primary key or unique constraint). */
async function secondaryIndexes(db: Db): Promise<{ name: string; definition: string }[]> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename = ANY(${TABLES})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db);
  return rows;
}

async function insertSources(db: Db, pool: readonly GeneratedPost[]): Promise<Map<string, number>> {
  const channels = [...new Set(pool.map((post) => post.channel))];
  const ids = new Map<string, number>();
  for (const [i, channel] of channels.entries()) {
    const kind = channel.startsWith('Telegram') ? 'telegram' : 'rss';
    const row = await db
      .insertInto('sources')
      .values({
        kind,
        name: channel,
        url: `https://example.invalid/bench/${i}`,
        poll_interval_seconds: 900,
        min_interval_seconds: 300,
        max_interval_seconds: 3600,
        config: '{}',
        state: '{}',
        paused_reason: null,
        etag: null,
        last_modified: null,
        last_polled_at: new Date(),
        last_success_at: new Date(),
        last_error: null,
        last_error_at: null,
        items_last_poll: 10,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(channel, row.id);
  }
  return ids;
}

export async function loadBenchPosts(db: Db, options: LoadOptions): Promise<{ sources: number }> {
  const poolSize = Math.min(options.posts, POOL_SIZE);
  options.progress(`generating ${poolSize} posts with the seeded generator (seed ${options.seed})`);
  const pool = generatePosts({ seed: options.seed, count: poolSize, days: options.days, end: options.end });
  const documents = pool.map((post) => searchDocument(post.title, post.text));
  const sources = await insertSources(db, pool);
  const indexes = await secondaryIndexes(db);
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
  const rng = createRng(options.seed + 1);
  const start = options.end.getTime() - options.days * 86_400_000;
  const started = Date.now();

  for (let first = 0; first < options.posts; first += BATCH) {
    const count = Math.min(BATCH, options.posts - first);
    const c = {
      id: [] as number[],
      source: [] as number[],
      ext: [] as string[],
      url: [] as string[],
      title: [] as (string | null)[],
      text: [] as string[],
      author: [] as string[],
      published: [] as string[],
      hash: [] as string[],
      lang: [] as string[],
      config: [] as string[],
      doc: [] as string[],
      metrics: [] as (string | null)[],
      stance: [] as string[],
    };
    const themes = { post: [] as number[], theme: [] as string[], role: [] as string[] };
    const places = { post: [] as number[], code: [] as string[] };
    for (let k = 0; k < count; k++) {
      const i = first + k;
      const post = pool[i % poolSize]!;
      const id = i + 1;
      // Beyond the pool, the same texts again at other times (within the period), as new posts.
      const shift = i < poolSize ? 0 : Math.floor((rng.next() - 0.5) * 2 * 86_400_000);
      const published = Math.min(
        options.end.getTime() - 1,
        Math.max(start, post.publishedAt.getTime() + shift),
      );
      const ext = `bench-${id}`;
      c.id.push(id);
      c.source.push(sources.get(post.channel)!);
      c.ext.push(ext);
      c.url.push(`https://example.invalid/bench/post/${id}`);
      c.title.push(post.title);
      c.text.push(post.text);
      c.author.push(`bench-${sha(post.author).slice(0, 16)}`);
      c.published.push(new Date(published).toISOString());
      // Exact copies are separate posts here (the hash includes the id): the load measures volume, not dedup.
      c.hash.push(sha(`${post.text}\n${id}`));
      c.lang.push(post.intended.lang);
      c.config.push(searchConfigOf(post.intended.lang));
      c.doc.push(documents[i % poolSize]!);
      c.metrics.push(
        post.channel.startsWith('Telegram')
          ? JSON.stringify({ views: Math.floor(rng.next() * 5_000), forwards: Math.floor(rng.next() * 50) })
          : null,
      );
      c.stance.push(post.intended.stance);
      for (const theme of post.intended.themes) {
        themes.post.push(id);
        themes.theme.push(theme);
        themes.role.push('rumour');
      }
      for (const theme of post.intended.about) {
        themes.post.push(id);
        themes.theme.push(theme);
        themes.role.push('about');
      }
      if (post.intended.stance === 'rumour' && rng.next() < 0.3) {
        places.post.push(id);
        places.code.push(rng.pick(PLACES));
      }
    }
    await db.transaction().execute(async (trx) => {
      await sql`
        INSERT INTO post_keys (post_id, source_id, external_id, published_at) OVERRIDING SYSTEM VALUE
        SELECT * FROM unnest(${c.id}::bigint[], ${c.source}::bigint[], ${c.ext}::text[], ${c.published}::timestamptz[])`.execute(
        trx,
      );
      await sql`
        INSERT INTO posts (id, source_id, external_id, url, title, text, author_pseudonym, published_at, content_hash,
                           lang, lang_confidence, analysed_at, metrics, search_vector)
        SELECT id, source_id, ext, url, title, text, author, published, hash, lang, 0.9, now(), metrics::jsonb,
               to_tsvector(config::regconfig, doc)
        FROM unnest(${c.id}::bigint[], ${c.source}::bigint[], ${c.ext}::text[], ${c.url}::text[], ${c.title}::text[],
                    ${c.text}::text[], ${c.author}::text[], ${c.published}::timestamptz[], ${c.hash}::text[],
                    ${c.lang}::text[], ${c.metrics}::text[], ${c.config}::text[], ${c.doc}::text[])
             AS u(id, source_id, ext, url, title, text, author, published, hash, lang, metrics, config, doc)`.execute(
        trx,
      );
      await sql`
        INSERT INTO post_hashes (is_sample, content_hash, post_id)
        SELECT false, hash, id FROM unnest(${c.hash}::text[], ${c.id}::bigint[]) AS u(hash, id)`.execute(trx);
      await sql`
        INSERT INTO post_sightings (post_id, source_id, external_id, published_at, url, author_pseudonym)
        SELECT * FROM unnest(${c.id}::bigint[], ${c.source}::bigint[], ${c.ext}::text[], ${c.published}::timestamptz[],
                             ${c.url}::text[], ${c.author}::text[])`.execute(trx);
      await sql`
        INSERT INTO post_classifications (post_id, model_version, stance)
        SELECT id, ${options.modelVersion}, stance FROM unnest(${c.id}::bigint[], ${c.stance}::text[]) AS u(id, stance)`.execute(
        trx,
      );
      if (themes.post.length)
        await sql`
          INSERT INTO post_themes (post_id, model_version, theme_id, role, score)
          SELECT id, ${options.modelVersion}, theme, role, 0.9
          FROM unnest(${themes.post}::bigint[], ${themes.theme}::text[], ${themes.role}::text[]) AS u(id, theme, role)`.execute(
          trx,
        );
      if (places.post.length)
        await sql`
          INSERT INTO post_places (post_id, municipality_code)
          SELECT * FROM unnest(${places.post}::bigint[], ${places.code}::text[])`.execute(trx);
    });
    const done = first + count;
    if (done % 100_000 === 0 || done === options.posts)
      options.progress(`${done} posts stored (${Math.round((Date.now() - started) / 1000)} s)`);
  }

  await sql`SELECT setval(pg_get_serial_sequence('post_keys', 'post_id'), ${options.posts})`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('post_sightings', 'id'), (SELECT max(id) FROM post_sightings))`.execute(
    db,
  );
  await sql`
    UPDATE sources s SET total_items = n FROM (SELECT source_id, count(*) AS n FROM posts GROUP BY source_id) c
    WHERE c.source_id = s.id`.execute(db);
  // Copy-paste spread, as the campaign has it: every COPIED_EVERY-th post is seen again in 1–4 other places.
  await sql`
    INSERT INTO post_sightings (post_id, source_id, external_id, published_at)
    SELECT p.id, src.ids[1 + ((p.id + k) % array_length(src.ids, 1))], 'copy-' || p.id || '-' || k,
           p.published_at + k * interval '17 minutes'
    FROM posts p
    CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM sources) src
    CROSS JOIN LATERAL generate_series(1, 1 + (p.id % 4)::int) AS k
    WHERE p.id % ${COPIED_EVERY} = 0
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`
    UPDATE posts p SET sightings = c.n
    FROM (SELECT post_id, count(*)::int AS n FROM post_sightings WHERE post_id % ${COPIED_EVERY} = 0 GROUP BY 1) c
    WHERE c.post_id = p.id`.execute(db);
  options.progress(`rebuilding ${indexes.length} indexes`);
  // One connection, so the session setting applies to every rebuild.
  await db.connection().execute(async (conn) => {
    await sql`SET maintenance_work_mem = '256MB'`.execute(conn);
    // A partitioned table's index reads `ON ONLY posts`, which would index no month: build it on every month.
    for (const index of indexes) await sql.raw(index.definition.replace(' ON ONLY ', ' ON ')).execute(conn);
  });
  // The rows went in directly, past the analysis worker's rollup upkeep: compute the rollups once from them.
  const rollupStarted = Date.now();
  const { rows } = await rebuildRollups(db, options.modelVersion);
  options.progress(`rollups rebuilt: ${rows} rows in ${Math.round((Date.now() - rollupStarted) / 1000)} s`);
  // As autovacuum leaves a settled table: statistics, and the visibility map that lets index-only scans skip the heap.
  await sql`VACUUM ANALYZE`.execute(db);
  return { sources: sources.size };
}
