import { describe, expect, it } from 'vitest';
import { groupedFolds, groupOf, jaccard, nearDuplicatesOf, wordSet } from './folds.ts';

const examples = Array.from({ length: 60 }, (_, i) => ({
  id: `e${i}`,
  // Groups of 1 to 7 items; every fifth item has no group (its own).
  group: i % 5 === 4 ? undefined : `g${Math.floor(i / 7)}`,
  stance: ['rumour', 'counter', 'neutral', 'unrelated'][Math.floor(i / 7) % 4] as string,
}));

describe('groupedFolds', () => {
  it.each([2, 3, 5])('never splits a group over folds (%i folds)', (k) => {
    const fold = groupedFolds(examples, k, 1);
    const foldOfGroup = new Map<string, number>();
    examples.forEach((e, i) => {
      const g = groupOf(e);
      const f = fold[i] as number;
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(k);
      if (foldOfGroup.has(g)) expect(foldOfGroup.get(g)).toBe(f);
      foldOfGroup.set(g, f);
    });
    const sizes = Array.from({ length: k }, (_, f) => fold.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(7);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(groupedFolds(examples, 5, 1)).toEqual(groupedFolds(examples, 5, 1));
    expect(groupedFolds(examples, 5, 2)).not.toEqual(groupedFolds(examples, 5, 1));
  });

  it('rejects fewer than two folds', () => {
    expect(() => groupedFolds(examples, 1, 1)).toThrow(/folds/);
  });
});

describe('near-duplicates', () => {
  it('compares folded word sets', () => {
    expect(jaccard(wordSet('Soc TAR barnen!'), wordSet('soc tar barnen'))).toBe(1);
    expect(jaccard(wordSet('a b c d'), wordSet('a b x y'))).toBeCloseTo(2 / 6);
  });

  it('finds training items that nearly repeat a test item', () => {
    const sets = [
      'Socialtjänsten tar barn från skolan i Göteborg utan förklaring',
      'Socialtjänsten tar barn från skolan i Malmö utan förklaring',
      'Helt annan text om hyran och bidraget',
    ].map(wordSet);
    expect([...nearDuplicatesOf(sets, [0], [1, 2])]).toEqual([1]);
    expect([...nearDuplicatesOf(sets, [0], [1, 2], 0.95)]).toEqual([]);
  });
});
