/**
 * The labelled sample data set: generated posts stored under one clearly named `sample` source, flagged
 * `is_sample`, and pushed through the real analysis queue and worker. Removable with one command.
 */
import { generatePosts } from '../scripts/generator/generate.ts';
import { contentHash } from '../core/content.ts';
import { upsertSource, type Source } from '../core/db/sources.ts';
import { storePosts } from '../core/db/posts.ts';
import { removeSourceRollups } from '../core/db/rollups.ts';
import { deleteSource } from '../core/erasure.ts';
import { enqueueAnalysis } from '../core/queues/analyse-posts.ts';
import type { Resources } from '../core/resources.ts';

export const SAMPLE_SOURCE = {
  kind: 'sample',
  url: 'sample:ryktesradar-demo',
  name: 'Exempeldata (genererad)',
} as const;
export const SAMPLE_SEED = 20_211;
const STORE_BATCH = 500;

export interface SampleProgress {
  analysed: number;
  total: number;
}

async function sampleSource(resources: Resources): Promise<Source> {
  const { source } = await upsertSource(resources.db, {
    ...SAMPLE_SOURCE,
    pollIntervalSeconds: resources.config.collector.pollIntervalSeconds,
  });
  return source;
}

/** Stores `count` generated posts over the last `days` days and enqueues their analysis; idempotent per seed. */
export async function loadSampleData(
  resources: Resources,
  options: { count: number; days: number; end?: Date },
): Promise<{ source: Source; generated: number; posts: number; inserted: number }> {
  const source = await sampleSource(resources);
  const generated = generatePosts({
    seed: SAMPLE_SEED,
    count: options.count,
    days: options.days,
    end: options.end ?? new Date(),
  });
  let inserted = 0;
  // Exact copies (the generator's copy-paste waves) are one post with several sightings.
  const posts = new Set<number>();
  for (let start = 0; start < generated.length; start += STORE_BATCH) {
    const batch = generated.slice(start, start + STORE_BATCH).map((post) => ({
      externalId: post.externalId,
      url: post.url,
      title: post.title,
      text: post.text,
      authorPseudonym: resources.pseudonymise(post.author),
      publishedAt: post.publishedAt,
      contentHash: contentHash(post.text),
    }));
    const result = await storePosts(resources.db, source.id, batch, { isSample: true });
    await enqueueAnalysis(resources.queues.analyse, result.ids);
    inserted += result.inserted;
    for (const id of result.ids) posts.add(id);
  }
  return { source, generated: generated.length, posts: posts.size, inserted };
}

export async function sampleProgress(resources: Resources): Promise<SampleProgress> {
  const row = await resources.db
    .selectFrom('posts')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('analysed_at').as('analysed')])
    .where('is_sample', '=', true)
    .executeTakeFirstOrThrow();
  return { analysed: Number(row.analysed), total: Number(row.total) };
}

/**
 * Deletes the sample source with every sample post and its analysis (as `sources delete` does), and their counts
 * in the rollups; null when there is no sample source. Refused while a legal hold covers it or one of its posts.
 */
export async function removeSampleData(resources: Resources): Promise<number | null> {
  const before = await sampleProgress(resources);
  const source = await resources.db
    .selectFrom('sources')
    .select('id')
    .where('kind', '=', SAMPLE_SOURCE.kind)
    .where('url', '=', SAMPLE_SOURCE.url)
    .executeTakeFirst();
  if (!source) return null;
  // The erasure path of `sources delete`: batched, and refused while a legal hold covers the source or a post.
  await deleteSource(resources.db, source.id);
  // Generated posts must leave the charts with them (a real source's aggregates outlive it on purpose).
  await removeSourceRollups(resources.db, source.id);
  return before.total;
}
