/**
 * How sure the language detector is: accuracy measured on ../shared/eval/langid (pure data and lookups).
 * Re-measure with `npm run eval:langid -- --calibrate` whenever language*.ts changes, and paste its tables.
 */

/** Which rule or detector made a guess (the confidence tables are per path). */
export type GuessPath = 'eld' | 'lingua' | 'letters' | 'script';

/** Rows of both tables: letters of the main-script part below each bound. */
export const CONFIDENCE_LETTERS = [8, 12, 20, 40, 80, Infinity] as const;
/** Columns of the eld table: eld's score lead over its runner-up, from each bound. */
export const ELD_GAPS = [0.02, 0.04, 0.06, 0.1, 0.15] as const;
/** Columns of the Lingua table: Lingua's probability of its top language, from each bound. */
export const LINGUA_PROBABILITIES = [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97] as const;

/**
 * Share of right answers (19 languages; nb/nn, bs/hr/sr and fa/prs counted as one) on the 57,000 lines of
 * ../shared/eval/langid, per cell (n = lines in it); made non-decreasing along each row and down each column
 * by pooling (pool-adjacent-violators) so that confidence never falls as the detector grows surer or the
 * text longer; empty cells carry their neighbour's value; capped at 0.99. Measured 2026-11-23 with
 * `npm run eval:langid -- --calibrate`.
 */
const ELD_TABLE: readonly (readonly number[])[] = [
  [0.96, 0.96, 0.97, 0.99, 0.99], // < 8 letters: eld does not answer alone under 25 letters
  [0.96, 0.96, 0.97, 0.99, 0.99], // < 12
  [0.96, 0.96, 0.97, 0.99, 0.99], // < 20
  [0.96, 0.96, 0.97, 0.99, 0.99], // < 40 letters; n = 326 250 320 262 1020
  [0.99, 0.99, 0.99, 0.99, 0.99], // < 80 letters; n = 791 672 926 682 3187
  [0.99, 0.99, 0.99, 0.99, 0.99], // more; n = 863 743 987 775 5089
];
const LINGUA_TABLE: readonly (readonly number[])[] = [
  [0.25, 0.42, 0.6, 0.72, 0.81, 0.85, 0.92, 0.94, 0.98, 0.99], // < 8; n = 538 1083 900 932 997 633 511 653 760 2365
  [0.33, 0.47, 0.64, 0.76, 0.9, 0.93, 0.95, 0.98, 0.99, 0.99], // < 12; n = 209 642 861 947 1229 689 663 778 1007 3621
  [0.33, 0.53, 0.74, 0.85, 0.94, 0.96, 0.99, 0.99, 0.99, 0.99], // < 20; n = 123 504 805 1152 1928 1141 954 1205 1514 6501
  [0.5, 0.71, 0.74, 0.85, 0.95, 0.98, 0.99, 0.99, 0.99, 0.99], // < 40; n = 2 37 113 152 284 214 159 193 268 1327
  [0.78, 0.78, 0.78, 0.86, 0.95, 0.98, 0.99, 0.99, 0.99, 0.99], // < 80; n = 0 0 9 24 36 36 19 34 40 257
  [0.78, 0.78, 0.78, 0.86, 0.98, 0.98, 0.99, 0.99, 0.99, 0.99], // more; n = 0 0 1 3 9 9 16 14 13 134
];

/** Index of the bucket whose lower bound is the largest one ≤ value (0 below the first bound). */
export function columnOf(bounds: readonly number[], value: number): number {
  let col = 0;
  for (let i = 0; i < bounds.length; i++) if (value >= (bounds[i] ?? 0)) col = i;
  return col;
}

/** Row of a main-script part of `letters` letters. */
export function rowOf(letters: number): number {
  const row = CONFIDENCE_LETTERS.findIndex((bound) => letters < bound);
  return row < 0 ? CONFIDENCE_LETTERS.length - 1 : row;
}

/** Measured accuracy (0..1) of an eld answer with score lead `gap` on `letters` letters. */
export function eldConfidence(letters: number, gap: number): number {
  return ELD_TABLE[rowOf(letters)]?.[columnOf(ELD_GAPS, gap)] ?? 0;
}

/** Measured accuracy (0..1) of a Lingua answer with top probability `probability` on `letters` letters. */
export function linguaConfidence(letters: number, probability: number): number {
  return LINGUA_TABLE[rowOf(letters)]?.[columnOf(LINGUA_PROBABILITIES, probability)] ?? 0;
}

/**
 * Rule decisions. Judgement, not measurement, except Somali: no eval data covers Sorani (its own letters),
 * Kurmanji (three marker words, or franc's Latin-Kurdish model after an ê/î/û/xw hint) or Tigrinya (the
 * Ethiopic script; lower when the words read as Amharic, which is no candidate).
 */
export const RULE_CONFIDENCE = {
  /** Measured: 866 of 866 eval sentences with two Somali marker words were Somali, no false alarm. */
  somali: 0.99,
  sorani: 0.9,
  soraniFewLetters: 0.7,
  kurmanji: 0.8,
  tigrinya: 0.9,
  amharicLooking: 0.5,
} as const;
