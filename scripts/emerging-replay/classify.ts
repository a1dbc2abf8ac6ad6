/**
 * The replay's posts as the detectors see them: language, stance, themes and places from the real pipeline
 * analysis (classifier/analyse.ts with the shipped model), never the generator's intent.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { analyseText } from '../../classifier/analyse.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { isRestrictedTheme } from '../../classifier/types.ts';
import type { ReplayPost } from '../generator/replay.ts';

export interface SeenPost {
  id: number;
  at: number;
  lang: string | null;
  stance: string;
  themes: string[];
  places: string[];
  text: string;
  author: string;
  channel: string;
  /** Injected event the generator meant (scoring only). */
  event: string | null;
}

/** Whether the detectors treat a post as restricted (a restricted theme among its rumour themes). */
export function isRestrictedPost(post: SeenPost): boolean {
  return post.themes.some(isRestrictedTheme);
}

/** Classifies the replay, or reads the result of an earlier run of the same stream and model from `cacheFile`. */
export function classifyReplayCached(
  posts: readonly ReplayPost[],
  cacheFile: string,
): { seen: SeenPost[]; msPerPost: number; cached: boolean } {
  if (existsSync(cacheFile)) {
    return {
      ...(JSON.parse(readFileSync(cacheFile, 'utf8')) as { seen: SeenPost[]; msPerPost: number }),
      cached: true,
    };
  }
  const result = classifyReplay(posts);
  writeFileSync(cacheFile, JSON.stringify(result));
  return { ...result, cached: false };
}

export function classifyReplay(posts: readonly ReplayPost[]): { seen: SeenPost[]; msPerPost: number } {
  const classifier = shippedClassifier();
  const started = performance.now();
  const seen = posts.map((post): SeenPost => {
    const analysis = analyseText(post.text, classifier);
    const lang = analysis.language.lang === 'und' ? null : analysis.language.lang;
    return {
      id: post.id,
      at: post.publishedAt,
      lang,
      stance: analysis.classification.stance,
      themes: analysis.classification.themes.map((theme) => theme.id),
      places: [...new Set(analysis.places.map((place) => place.code))],
      text: post.text,
      author: post.author,
      channel: post.channel,
      event: post.intended.event,
    };
  });
  return { seen, msPerPost: (performance.now() - started) / Math.max(1, posts.length) };
}
