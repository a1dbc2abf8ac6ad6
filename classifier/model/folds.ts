/**
 * Cross-validation folds that do not flatter a written corpus (pure): whole groups (template or source
 * text) go to one fold, stances spread evenly, and near-duplicates of a test item are kept out of its
 * training part.
 */
import { matchKey } from '../lexicon.ts';
import { cleanText, tokenise } from '../normalise.ts';
import { seededRandom, shuffled } from './linear.ts';

/** Word-set Jaccard similarity from which two texts count as near-duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.7;

export interface Groupable {
  id: string;
  group?: string | undefined;
  stance: string;
}

/** The group of an example: its `group`, else itself. */
export const groupOf = (e: Groupable) => e.group ?? `id:${e.id}`;

/**
 * Fold number (0..k-1) per example. Groups are dealt largest first, in seeded order among equals, to the
 * fold holding the fewest examples of the group's main stance (then the fewest examples).
 */
export function groupedFolds(examples: readonly Groupable[], k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('folds: expected an integer ≥ 2');
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const g = groupOf(e);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  const mainStance = (members: number[]) => {
    const counts = new Map<string, number>();
    for (const i of members) {
      const s = examples[i]?.stance ?? '';
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
  };
  const ordered = shuffled(
    [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])),
    seededRandom(seed),
  ).sort((a, b) => b[1].length - a[1].length);
  const size = new Array<number>(k).fill(0);
  const byStance = new Map<string, number[]>();
  const fold = new Array<number>(examples.length).fill(0);
  for (const [, members] of ordered) {
    const stance = mainStance(members);
    const counts = byStance.get(stance) ?? new Array<number>(k).fill(0);
    byStance.set(stance, counts);
    let best = 0;
    for (let f = 1; f < k; f++) {
      const c = counts[f] ?? 0;
      const b = counts[best] ?? 0;
      if (c < b || (c === b && (size[f] ?? 0) < (size[best] ?? 0))) best = f;
    }
    for (const i of members) fold[i] = best;
    counts[best] = (counts[best] ?? 0) + members.length;
    size[best] = (size[best] ?? 0) + members.length;
  }
  return fold;
}

/** The distinct folded words of a text, the unit of near-duplicate comparison. */
export function wordSet(text: string): Set<string> {
  return new Set(tokenise(cleanText(text)).map(matchKey));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Indexes in `train` that are near-duplicates (Jaccard ≥ `threshold` over word sets) of any index in
 * `test`: leave them out of that fold's training part.
 */
export function nearDuplicatesOf(
  sets: readonly ReadonlySet<string>[],
  test: readonly number[],
  train: readonly number[],
  threshold = NEAR_DUPLICATE_JACCARD,
): Set<number> {
  const out = new Set<number>();
  for (const j of train) {
    const b = sets[j];
    if (!b) continue;
    for (const i of test) {
      const a = sets[i];
      if (!a) continue;
      // Jaccard can only reach the threshold when the sizes are close enough.
      const lo = Math.min(a.size, b.size);
      const hi = Math.max(a.size, b.size);
      if (lo < threshold * hi) continue;
      if (jaccard(a, b) >= threshold) {
        out.add(j);
        break;
      }
    }
  }
  return out;
}
