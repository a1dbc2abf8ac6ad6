/**
 * The million-post benchmark database both `bench:dashboard` and `bench`'s trends section read: reused when it
 * already holds N posts classified by the model in force (a load takes minutes), loaded otherwise.
 */
import { sql } from 'kysely';
import { taxonomy } from '../../classifier/taxonomy.ts';
import type { Db } from '../../core/db/client.ts';
import { dropDatabase, ensureDatabase } from '../../core/db/ensure-database.ts';
import { migrateToLatest } from '../../core/db/migrate.ts';
import { syncThemes } from '../../core/db/themes.ts';
import { loadBenchPosts } from './load-posts.ts';

export interface Dataset {
  reused: boolean;
  loadSeconds: number;
}

/**
 * `reuse`: 'require' fails unless the database holds exactly `posts` posts for `modelVersion`; 'if-present' reuses
 * such a database and loads otherwise; 'never' always loads afresh.
 */
export async function ensureMillionPosts(
  db: Db,
  url: string,
  options: {
    posts: number;
    modelVersion: string;
    reuse: 'require' | 'if-present' | 'never';
    progress(message: string): void;
  },
): Promise<Dataset> {
  const started = Date.now();
  if (options.reuse !== 'never') {
    await ensureDatabase(url);
    await migrateToLatest(db);
    // Only a load for the model in force counts: after a retrain every query would find nothing and look fast.
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM post_classifications WHERE model_version = ${options.modelVersion}`.execute(
      db,
    );
    const have = Number(rows[0]?.n);
    if (have === options.posts) return { reused: true, loadSeconds: 0 };
    if (options.reuse === 'require') {
      throw new Error(
        `--reuse: the database has ${have} posts classified by ${options.modelVersion}, not ${options.posts}; run without --reuse`,
      );
    }
  }
  await dropDatabase(url);
  await ensureDatabase(url);
  await migrateToLatest(db);
  await syncThemes(db, taxonomy.version, taxonomy.themes);
  options.progress(
    `loading ${options.posts} posts: generator texts, languages and themes; classifications, themes and places ` +
      `are the generator's labels stored for model ${options.modelVersion} (the classifier is not run per post)`,
  );
  await loadBenchPosts(db, {
    posts: options.posts,
    seed: 20_261_123,
    days: 365,
    end: new Date(),
    modelVersion: options.modelVersion,
    progress: options.progress,
  });
  return { reused: false, loadSeconds: Math.round((Date.now() - started) / 1000) };
}
