import { describe, expect, it } from 'vitest';
import { THEME_IDS, type LanguageResult } from '../types.ts';
import { loadClassifier } from './load.ts';
import { SMALL_SET } from './test-fixtures.ts';
import { tuneThresholds } from './thresholds.ts';
import { trainModel, DEFAULT_HYPER, type LabelledExample } from './train.ts';
import { modelVersion } from './version.ts';

const sv: LanguageResult = { lang: 'sv', confidence: 0.99, lang2: null };
const PROBES = [
  'soc tog min systers barn från förskolan, sprid detta',
  'Socialtjänsten tar inte barn utan beslut från domstol',
  'När kommer bidraget den här månaden?',
];

describe('trainModel', () => {
  it('is deterministic: same examples, same version, same weights and outputs', () => {
    const a = trainModel(SMALL_SET, { taxonomyVersion: 'test.1', seed: 7 });
    const b = trainModel([...SMALL_SET].reverse(), { taxonomyVersion: 'test.1', seed: 7 });
    expect(b.version).toBe(a.version);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const ca = loadClassifier(a);
    const cb = loadClassifier(b);
    for (const text of PROBES) expect(cb.classify(text, sv)).toEqual(ca.classify(text, sv));
  });

  it('names the code version, taxonomy and training data in the model', () => {
    const model = trainModel(SMALL_SET, { taxonomyVersion: 'test.1' });
    expect(model.version).toMatch(/^lr-v1\+[0-9a-f]{10}$/);
    expect(model.taxonomyVersion).toBe('test.1');
    expect(model.kind).toBe('linear-lexicon');
    expect(model.trainedOn).toEqual({
      examples: SMALL_SET.length,
      perStance: { rumour: 6, counter: 4, neutral: 3, unrelated: 4 },
    });
    expect(model.createdAt).toBeUndefined();
  });

  it('changes the version when data, seed or taxonomy change', () => {
    const base = modelVersion(SMALL_SET, DEFAULT_HYPER, 1, 't.1');
    const relabelled = SMALL_SET.map((e) => (e.id === 'u4' ? { ...e, stance: 'neutral' as const } : e));
    expect(modelVersion(relabelled, DEFAULT_HYPER, 1, 't.1')).not.toBe(base);
    expect(modelVersion(SMALL_SET, DEFAULT_HYPER, 2, 't.1')).not.toBe(base);
    expect(modelVersion(SMALL_SET, DEFAULT_HYPER, 1, 't.2')).not.toBe(base);
  });

  it('round-trips through JSON: the restored model classifies exactly like the original', () => {
    const model = trainModel(SMALL_SET, { taxonomyVersion: 'test.1' });
    const restored = loadClassifier(JSON.parse(JSON.stringify(model)));
    const original = loadClassifier(model);
    expect(restored.version).toBe(model.version);
    for (const text of PROBES) expect(restored.classify(text, sv)).toEqual(original.classify(text, sv));
  });

  it('rejects unknown theme ids and empty training sets', () => {
    expect(() => trainModel([], { taxonomyVersion: 't' })).toThrow(/no examples/);
    const bad = [
      ...SMALL_SET,
      { ...SMALL_SET[0], id: 'x', themes: ['soc_eats_children'] } as LabelledExample,
    ];
    expect(() => trainModel(bad, { taxonomyVersion: 't' })).toThrow(/x: unknown theme id soc_eats_children/);
  });
});

describe('themes made in the dashboard', () => {
  it('are learned from their labelled posts as outputs after the taxonomy', () => {
    const chips = [
      'Soc opererar in RFID-chip i armen på barnen de tar, sprid!',
      'RFID-chip under huden på omhändertagna barn, soc gör det i hemlighet',
      'De sätter spårningschip i barnen på familjehemmen, vakna!',
      'Mitt barnbarn kom hem med ett RFID-chip i armen efter soc',
      'Soc chippar barnen med RFID så de kan spåra dem',
      'Spårningschip i armen på varje barn soc tar, dela innan det raderas',
    ].map((text, i): LabelledExample => ({
      id: `chip${i}`,
      text,
      lang: 'sv',
      stance: 'rumour',
      themes: ['soc_takes_children', 'chip_claim'],
      about: [],
    }));
    const model = trainModel([...SMALL_SET, ...chips], { taxonomyVersion: 't', extraThemes: ['chip_claim'] });
    expect(model.data.themes.ids).toEqual([...THEME_IDS, 'chip_claim']);
    const classifier = loadClassifier(model);
    const probe = classifier.classify('Soc sätter RFID-chip i armen på barnen, sprid detta', sv);
    expect(probe.stance).toBe('rumour');
    expect(probe.themes.map((t) => t.id)).toContain('chip_claim');
    expect(classifier.classify(PROBES[0]!, sv).themes.map((t) => t.id)).not.toContain('chip_claim');
  });
});

describe('tuneThresholds', () => {
  it('picks the best-F1 threshold per theme and keeps 0.5 for themes with few examples', () => {
    const probabilities = [0.9, 0.35, 0.3, 0.32, 0.1, 0.05].map((p) => [p]);
    const gold = [true, true, true, true, false, false].map(
      (g) => new Set(g ? ['soc_takes_children' as const] : []),
    );
    const thresholds = tuneThresholds(probabilities, gold, THEME_IDS);
    expect(thresholds[0]).toBe(0.3);
    expect(thresholds.slice(1).every((t) => t === 0.5)).toBe(true);
  });
});
