/**
 * How sure the language detector is: accuracy measured on ../shared/eval/langid (pure data and lookups).
 * Re-measure these tables whenever language.ts or language-markers.ts changes.
 */

/**
 * Accuracy of this detector on the Lingua test data in ../shared/eval/langid (19 languages; sentences,
 * word pairs and single words of ≥ 10 letters, ~40k texts; nb/nn, bs/hr/sr and fa/prs counted as one),
 * by letter count of the main-script part (rows: < 20, < 40, < 80, more) and franc's top-two score margin
 * (columns: from 0, .01, .02, .04, .06, .10, .15, .25). Adjacent cells that dipped below their left
 * neighbour were pooled so that confidence never falls as the margin grows. Re-measure when the detector
 * changes (the cell sizes were 200–9,000 texts).
 */
const CONFIDENCE_LETTERS = [20, 40, 80, Infinity];
const CONFIDENCE_MARGINS = [0, 0.01, 0.02, 0.04, 0.06, 0.1, 0.15, 0.25];
const CONFIDENCE: readonly (readonly number[])[] = [
  [0.48, 0.48, 0.48, 0.48, 0.48, 0.5, 0.54, 0.85],
  [0.6, 0.6, 0.6, 0.6, 0.6, 0.69, 0.79, 0.96],
  [0.82, 0.82, 0.82, 0.82, 0.88, 0.92, 0.97, 0.99],
  [0.89, 0.91, 0.92, 0.94, 0.97, 0.99, 0.99, 1],
];

/** Accuracy of the marker-word decisions (franc overruled) by the same letter rows. */
const MARKER_CONFIDENCE = [0.74, 0.79, 0.88, 0.81];

/** Measured accuracy (0..1) of a marker-word decision on a main-script part of `letters` letters. */
export function markerConfidenceFor(letters: number): number {
  return MARKER_CONFIDENCE[CONFIDENCE_LETTERS.findIndex((bound) => letters < bound)] ?? 0;
}

/** Measured accuracy (0..1) for a main-script part of `letters` letters and franc margin `margin`. */
export function confidenceFor(letters: number, margin: number): number {
  const row = CONFIDENCE_LETTERS.findIndex((bound) => letters < bound);
  let col = 0;
  for (let i = 0; i < CONFIDENCE_MARGINS.length; i++) if (margin >= (CONFIDENCE_MARGINS[i] ?? 0)) col = i;
  return CONFIDENCE[row]?.[col] ?? 0;
}
