import { describe, expect, it } from 'vitest';
import type { LanguageResult } from '../types.ts';
import { lexicon } from '../lexicon.ts';
import { FEATURES_VERSION } from './features.ts';
import { featureMismatch, loadClassifier, parseModel } from './load.ts';
import { trainModel } from './train.ts';
import { SMALL_SET } from './test-fixtures.ts';

const model = trainModel(SMALL_SET, { taxonomyVersion: 'test.1' });
const en: LanguageResult = { lang: 'en', confidence: 0.99, lang2: null };

describe('loadClassifier', () => {
  it('accepts a trained model and reports its version', () => {
    const classifier = loadClassifier(model);
    expect(classifier.version).toBe(model.version);
    const result = classifier.classify('Swedish social services kidnap children, share this!', en);
    expect(['rumour', 'counter', 'neutral', 'unrelated']).toContain(result.stance);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'model', /invalid classifier model: \(root\)/],
    ['another kind', { ...model, kind: 'bayes' }, /invalid classifier model: kind/],
    [
      'weights of the wrong length',
      { ...model, data: { ...model.data, stance: { ...model.data.stance, weights: [1, 2, 3] } } },
      /data\.stance\.weights: expected \d+ weights \(vocabulary × stances\)/,
    ],
    [
      'a theme id no theme can have (dashboard themes are allowed, ids are checked)',
      { ...model, data: { ...model.data, themes: { ...model.data.themes, ids: ['Soc eats children!'] } } },
      /data\.themes\.ids\.0/,
    ],
    [
      'a threshold above 1',
      {
        ...model,
        data: {
          ...model.data,
          themes: { ...model.data.themes, thresholds: model.data.themes.thresholds.map(() => 2) },
        },
      },
      /data\.themes\.thresholds/,
    ],
    ['no data', { ...model, data: undefined }, /invalid classifier model: data/],
  ])('rejects %s with a clear error', (_name, bad, message) => {
    expect(() => loadClassifier(bad)).toThrow(message);
    expect(() => parseModel(bad)).toThrow(/^invalid classifier model: /);
  });
});

describe('featureMismatch', () => {
  it('is null for a model trained with this code', () => {
    expect(featureMismatch(model.data)).toBeNull();
    expect(loadClassifier(model).featureMismatch).toBeNull();
  });

  it('names what differs, and the model still loads', () => {
    const old = { ...model, data: { ...model.data, features: 'f4', lexiconVersion: '2020-01-01.1' } };
    const expected =
      `trained with features f4 (this code reads ${FEATURES_VERSION}) and lexicon 2020-01-01.1 ` +
      `(this code reads ${lexicon.version}): retrain it with npx ryktesradar classifier train`;
    expect(featureMismatch(old.data)).toBe(expected);
    expect(loadClassifier(old).featureMismatch).toBe(expected);
    expect(featureMismatch({ features: FEATURES_VERSION, lexiconVersion: 'x' })).toMatch(
      /^trained with lexicon x \(this code reads /,
    );
  });
});
