/**
 * The bench's input: N messages from the seeded generator (scripts/generator), turned into what a collector hands
 * to `storePosts` (author pseudonymised, content hash), and the distinct texts the workers will analyse.
 */
import { contentHash, textForAnalysis } from '../../core/content.ts';
import type { NewPost } from '../../core/db/posts.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { generatePosts } from '../generator/generate.ts';

/** Never used outside the bench database; the bench pseudonymises with it and passes it to its workers. */
export const BENCH_AUTHOR_KEY = 'bench-only-author-key-'.padEnd(48, 'x');

export interface BenchMessages {
  /** In time order, as a collector would meet them. */
  posts: NewPost[];
  /** What the worker's analysis reads (`textForAnalysis`) of each distinct post (exact copies once). */
  distinctTexts: string[];
  generateMs: number;
}

/** Generates `count` messages over `days` days ending at `end` (same seed → same messages). */
export function benchMessages(options: {
  count: number;
  seed: number;
  days: number;
  end: Date;
}): BenchMessages {
  const started = performance.now();
  const generated = generatePosts({
    seed: options.seed,
    count: options.count,
    days: options.days,
    end: options.end,
  });
  const pseudonymise = createPseudonymiser(BENCH_AUTHOR_KEY);
  const distinct = new Map<string, string>();
  const posts = generated.map((post): NewPost => {
    const hash = contentHash(post.text);
    if (!distinct.has(hash)) distinct.set(hash, textForAnalysis(post));
    return {
      externalId: post.externalId,
      url: post.url,
      title: post.title,
      text: post.text,
      authorPseudonym: pseudonymise(post.author),
      publishedAt: post.publishedAt,
      contentHash: hash,
    };
  });
  return { posts, distinctTexts: [...distinct.values()], generateMs: performance.now() - started };
}
