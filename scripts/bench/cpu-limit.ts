/**
 * The CPU limit: how many posts per second one process analyses in memory with exactly what the worker runs per
 * post (`analyseText` on `textForAnalysis`, the shipped classifier), with no queue, database or I/O.
 */
import { analyseText } from '../../classifier/analyse.ts';
import { warmUpLanguageDetection } from '../../classifier/language.ts';
import type { PostClassifier } from '../../classifier/post-classifier.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';

export interface CpuLimit {
  posts: number;
  ms: number;
  postsPerSecond: number;
  /** CPU time (user + system) of the timed loop, ms: what the speed would be on a core of its own. */
  cpuMs: number;
  modelVersion: string;
}

let loaded: PostClassifier | undefined;

/** Loads the classifier and the language models once (a worker does this at start, before taking jobs). */
export function loadAnalysis(): { classifier: PostClassifier; loadMs: number } {
  const started = performance.now();
  loaded ??= shippedClassifier();
  warmUpLanguageDetection();
  return { classifier: loaded, loadMs: performance.now() - started };
}

/**
 * Analyses `sample` posts spread evenly over `texts` (all of them when fewer), after `warmup` untimed ones
 * (JIT), and returns the speed. Synchronous like the worker's per-post step.
 */
export function measureCpuLimit(
  texts: readonly string[],
  options: { sample: number; warmup: number },
): CpuLimit {
  const { classifier } = loadAnalysis();
  const step = Math.max(1, Math.floor(texts.length / Math.max(1, options.sample)));
  const picked: string[] = [];
  for (let i = 0; i < texts.length && picked.length < options.sample; i += step) picked.push(texts[i]!);
  // Warm-up from the other end of the stream, so the timed posts are not already in any cache.
  for (let i = 0; i < Math.min(options.warmup, texts.length); i++)
    analyseText(texts[texts.length - 1 - i]!, classifier);
  let checksum = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (const text of picked) checksum += analyseText(text, classifier).classification.themes.length;
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  // Keep the result alive so nothing is optimised away.
  if (checksum < 0) console.log(checksum);
  return {
    posts: picked.length,
    ms,
    postsPerSecond: (picked.length * 1000) / ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    modelVersion: classifier.version,
  };
}
