/** Per-theme decision thresholds from held-out probabilities (pure). */

const THRESHOLD_GRID = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
/** A theme needs this many positives in the held-out data for its threshold to move from 0.5. */
const MIN_POSITIVES_FOR_THRESHOLD = 4;

/** Best-F1 threshold per theme over held-out rumour probabilities (ties: the one nearest 0.5). */
export function tuneThresholds(
  probabilities: readonly (readonly number[])[],
  gold: readonly ReadonlySet<string>[],
  themeIds: readonly string[],
): number[] {
  return themeIds.map((theme, t) => {
    const positives = gold.filter((g) => g.has(theme)).length;
    if (positives < MIN_POSITIVES_FOR_THRESHOLD) return 0.5;
    let best = 0.5;
    let bestF1 = -1;
    for (const threshold of THRESHOLD_GRID) {
      let tp = 0;
      let fp = 0;
      probabilities.forEach((p, i) => {
        if ((p[t] ?? 0) < threshold) return;
        if (gold[i]?.has(theme)) tp++;
        else fp++;
      });
      const f1 = (2 * tp) / (2 * tp + fp + (positives - tp));
      if (
        f1 > bestF1 + 1e-9 ||
        (Math.abs(f1 - bestF1) <= 1e-9 && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))
      ) {
        best = threshold;
        bestF1 = f1;
      }
    }
    return best;
  });
}
