import { describe, expect, it } from 'vitest';
import type { Classification } from '../types.ts';
import { crossValidate, figures, lexiconTrainer, toPrediction, type Trainer } from './evaluate.ts';
import { groupOf } from './folds.ts';
import { SMALL_SET } from './test-fixtures.ts';
import type { LabelledExample } from './train.ts';

const example = (id: string, stance: LabelledExample['stance'], themes: string[] = []): LabelledExample => ({
  id,
  text: id,
  lang: 'sv',
  stance,
  themes,
  about: [],
});
const predicted = (stance: Classification['stance'], themes: string[] = []): Classification => ({
  stance,
  themes: themes.map((id) => ({ id: id as never, score: 1, evidence: [] })),
  about: [],
});

describe('figures', () => {
  it('computes stance accuracy, macro-F1 and end-to-end theme F1', () => {
    const f = figures([
      toPrediction(
        example('a', 'rumour', ['soc_takes_children']),
        predicted('rumour', ['soc_takes_children']),
      ),
      toPrediction(example('b', 'rumour', ['soc_takes_children', 'foster_abuse']), predicted('counter')),
      toPrediction(example('c', 'counter'), predicted('counter')),
      toPrediction(example('d', 'unrelated'), predicted('unrelated')),
    ]);
    expect(f.stance.accuracy).toBe(0.75);
    expect(f.stance.perStance.rumour).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(f.stance.perStance.counter).toMatchObject({ precision: 0.5, recall: 1 });
    // rumour 2/3, counter 2/3, unrelated 1; neutral neither occurs nor is predicted.
    expect(f.stance.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 3);
    // The missed rumour loses its themes: soc_takes_children 1/2 recall, foster_abuse 0.
    expect(f.themes.perTheme.soc_takes_children).toMatchObject({ precision: 1, recall: 0.5 });
    expect(f.themes.perTheme.foster_abuse.f1).toBe(0);
    expect(f.themes.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 3);
  });
});

describe('crossValidate', () => {
  it('tests every example once, each with a model that never saw its group', () => {
    const grouped = SMALL_SET.map((e, i) => ({ ...e, group: `g${i % 4}` }));
    const seen: string[] = [];
    const spy: Trainer = (train) => {
      const groups = new Set(train.map((p) => groupOf(p.example)));
      return (p) => {
        expect(groups.has(groupOf(p.example))).toBe(false);
        seen.push(p.example.id);
        return lexiconTrainer(train, 0)(p);
      };
    };
    const result = crossValidate(grouped, { folds: 3, seed: 1, trainer: spy });
    expect(seen.sort()).toEqual(grouped.map((e) => e.id).sort());
    expect(result.predictions).toHaveLength(grouped.length);
    expect(Object.keys(result.perLanguage).sort()).toEqual(['en', 'sv']);
    expect(result.overall.n).toBe(grouped.length);
  });

  it('leaves near-duplicates of a test item out of its training part', () => {
    const first = SMALL_SET[0] as LabelledExample;
    const copies: LabelledExample[] = [
      { ...first, id: 'a', group: 'ga' },
      { ...first, id: 'b', group: 'gb', text: `${first.text} !!` },
      ...SMALL_SET.slice(1),
    ];
    let separated = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const spy: Trainer = (train) => {
        const ids = new Set(train.map((p) => p.example.id));
        return (p) => {
          if (p.example.id === 'a') expect(ids.has('b')).toBe(false);
          if (p.example.id === 'b') expect(ids.has('a')).toBe(false);
          return lexiconTrainer(train, 0)(p);
        };
      };
      const result = crossValidate(copies, { folds: 3, seed, trainer: spy });
      // In different folds, each copy is left out of the other's training part once.
      if (result.nearDuplicatesRemoved > 0) {
        expect(result.nearDuplicatesRemoved).toBe(2);
        separated++;
      }
    }
    expect(separated).toBeGreaterThan(0);
  });
});
