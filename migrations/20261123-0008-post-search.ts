/**
 * Full-text search of posts: a tsvector per post built in the post's own language's text-search configuration
 * (swedish, arabic, …; `simple` where Postgres has none) from the classifier's normalised text, written when the
 * post's language is stored (core/db/post-search.ts), with a GIN index.
 * Posts analysed before this migration get an approximate vector here (lower case and the Arabic/Persian letter
 * folds done in SQL); the exact one replaces it the next time the post is analysed.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE posts ADD COLUMN search_vector tsvector`.execute(db);
  await sql`
    UPDATE posts SET search_vector = to_tsvector(
      (CASE lang
         WHEN 'sv' THEN 'swedish' WHEN 'en' THEN 'english' WHEN 'ar' THEN 'arabic' WHEN 'tr' THEN 'turkish'
         WHEN 'ru' THEN 'russian' WHEN 'da' THEN 'danish' WHEN 'nb' THEN 'norwegian' WHEN 'nn' THEN 'norwegian'
         WHEN 'fi' THEN 'finnish' WHEN 'de' THEN 'german' WHEN 'es' THEN 'spanish' WHEN 'fr' THEN 'french'
         WHEN 'sr' THEN 'serbian' WHEN 'bs' THEN 'serbian' WHEN 'hr' THEN 'serbian'
         ELSE 'simple' END)::regconfig,
      translate(
        regexp_replace(lower(coalesce(title, '') || ' ' || text),
                       '[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]', '', 'g'),
        'أإآٱةۀيىكı', 'ااااههییکi'))
    WHERE lang IS NOT NULL`.execute(db);
  await sql`CREATE INDEX posts_search_idx ON posts USING gin (search_vector)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS posts_search_idx`.execute(db);
  await sql`ALTER TABLE posts DROP COLUMN IF EXISTS search_vector`.execute(db);
}
