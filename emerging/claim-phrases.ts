/**
 * A new claim's terms as a reader wants them (pure): the detector's terms are single words and word pairs that
 * overlap ("جيلاً", "جيلاً بلا", "بلا دين"); chained pairs are joined into one phrase ("جيلاً بلا دين") and a
 * word or pair already inside a longer phrase is left out. Only for display: a promoted theme's seed terms stay
 * the detector's own terms, which match more posts than long phrases would.
 */

/** Longest phrase made by chaining, in words. */
const MAX_PHRASE_WORDS = 6;

const wordsOf = (term: string): string[] => term.split(/\s+/u).filter((word) => word.length > 0);
const same = (a: string, b: string): boolean => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** True when `inner` occurs as consecutive words of `outer`. */
function contains(outer: readonly string[], inner: readonly string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i++) {
    if (inner.every((word, k) => same(word, outer[i + k] as string))) return true;
  }
  return false;
}

/** The terms (as written, in rank order) as distinct phrases, each placed where its best-ranked term was. */
export function claimPhrases(terms: readonly string[]): string[] {
  const phrases = terms.map(wordsOf).filter((words) => words.length > 0);
  let merged = true;
  while (merged) {
    merged = false;
    for (let a = 0; a < phrases.length && !merged; a++) {
      for (let b = 0; b < phrases.length && !merged; b++) {
        const left = phrases[a] as string[];
        const right = phrases[b] as string[];
        if (a === b || left.length < 2 || right.length < 2) continue;
        if (left.length + right.length - 1 > MAX_PHRASE_WORDS) continue;
        if (!same(left[left.length - 1] as string, right[0] as string)) continue;
        // The better-ranked of the two keeps its place.
        phrases[Math.min(a, b)] = [...left, ...right.slice(1)];
        phrases.splice(Math.max(a, b), 1);
        merged = true;
      }
    }
  }
  const kept = phrases.filter(
    (words, i) =>
      !phrases.some(
        (other, j) =>
          j !== i &&
          contains(other, words) &&
          // Of two equal phrases the first stays.
          (other.length > words.length || j < i),
      ),
  );
  return kept.map((words) => words.join(' '));
}
