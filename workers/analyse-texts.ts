/** Analyses a batch's texts: one batch at a time per process, in short slices with event-loop turns between them. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { analyseText, type TextAnalysis } from '../classifier/analyse.ts';
import type { PostClassifier } from '../classifier/post-classifier.ts';

/**
 * Posts analysed between two turns of the event loop. Analysis is synchronous CPU work (about 1–3 ms a post), and
 * a worker runs several jobs at once: analysing a whole batch in one go would keep another job's open transaction,
 * and the post and rollup locks it holds, waiting that long for its next statement.
 */
export const ANALYSIS_SLICE = 8;

/** One post to analyse: its id, the text the classifier reads, and optionally its search document (passed through). */
export interface TextToAnalyse {
  postId: number;
  text: string;
  document?: string;
}

/** The end of the batches waiting for their turn to analyse (see `analyseTexts`). */
let lastTurn: Promise<unknown> = Promise.resolve();

/**
 * Analyses the batch when the batches before it in this process are done, in slices. One batch at a time, first
 * come first served: a worker runs several jobs at once so that one job's database writes overlap another's
 * analysis, and taking turns keeps them staggered. Interleaved slice by slice, the jobs would all finish their
 * analysis at about the same moment and then all wait for Postgres together, leaving the CPU idle; and every
 * job's latency would be that of the slowest.
 */
export function analyseTexts(
  items: readonly TextToAnalyse[],
  classifier: PostClassifier,
): Promise<({ postId: number; document?: string } & TextAnalysis)[]> {
  const analysed = lastTurn.then(() => analyseInSlices(items, classifier));
  lastTurn = analysed.catch(() => undefined);
  return analysed;
}

async function analyseInSlices(
  items: readonly TextToAnalyse[],
  classifier: PostClassifier,
): Promise<({ postId: number; document?: string } & TextAnalysis)[]> {
  const out: ({ postId: number; document?: string } & TextAnalysis)[] = [];
  for (let start = 0; start < items.length; start += ANALYSIS_SLICE) {
    if (start > 0) await nextTurn();
    for (const item of items.slice(start, start + ANALYSIS_SLICE))
      out.push({
        postId: item.postId,
        ...(item.document === undefined ? {} : { document: item.document }),
        ...analyseText(item.text, classifier),
      });
  }
  return out;
}
