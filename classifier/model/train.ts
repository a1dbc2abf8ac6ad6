/**
 * Training (pure, deterministic): features of every example, a vocabulary with natural's TF-IDF weights,
 * a softmax stance layer and one-vs-rest theme outputs, and per-theme thresholds tuned on inner grouped
 * folds of the training data only. Same examples, seed and options → same model and version.
 */
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { detectLanguage } from '../language.ts';
import { lexicon } from '../lexicon.ts';
import { taxonomy } from '../taxonomy.ts';
import { STANCES, THEME_IDS, type LanguageResult, type Stance } from '../types.ts';
import { extractFeatures, FEATURES_VERSION, type PostFeatures } from './features.ts';
import { groupedFolds } from './folds.ts';
import { trainLinear, type LinearModel, type SparseVector } from './linear.ts';
import { compileModel, scoreFeatures, vectorise } from './model.ts';
import { MODEL_KIND, type ModelData, type TrainedModel } from './model-schema.ts';
import { tuneThresholds } from './thresholds.ts';
import { modelVersion } from './version.ts';

export type { TrainedModel } from './model-schema.ts';

/** One labelled post (a corpus line or a reviewed post). */
export interface LabelledExample {
  id: string;
  text: string;
  lang?: string | null;
  stance: Stance;
  themes: string[];
  about: string[];
  group?: string;
}

/** Settings of a training run; the defaults are what the shipped model uses. */
export interface Hyper {
  /** A word feature needs this many training posts to enter the vocabulary. */
  minDf: number;
  stanceL2: number;
  themeL2: number;
  epochs: number;
  learningRate: number;
  /** `topic`: theme outputs learn from rumours' themes and counter/neutral posts' `about` alike. */
  themeTraining: 'rumour' | 'topic';
  /** Inner grouped folds for the theme thresholds (0: every threshold 0.5). */
  innerFolds: number;
  /** Train the stance layer with class-balanced example weights. */
  balance: boolean;
  /** Length of a post's word vector relative to the lexicon signals' unit values. */
  wordScale: number;
  /** Length of a post's character n-gram vector (0: none). */
  charScale: number;
  /** A character n-gram needs this many training posts to enter the vocabulary. */
  charMinDf: number;
  /** A theme's strong lexicon phrases give the theme whatever the model's probability. */
  lexiconThemes: boolean;
  /** Which feature families enter the model. */
  use: Record<FeatureFamily, boolean>;
}

export const DEFAULT_HYPER: Hyper = {
  minDf: 2,
  stanceL2: 0.3,
  themeL2: 0.3,
  epochs: 25,
  learningRate: 0.3,
  themeTraining: 'topic',
  innerFolds: 3,
  balance: true,
  wordScale: 3,
  charScale: 3,
  charMinDf: 3,
  lexiconThemes: true,
  use: {
    words: true,
    chars: true,
    stems: true,
    lexicon: true,
    concepts: true,
    claims: true,
    v0: true,
    style: true,
    language: false,
  },
};

/** Settings to change from DEFAULT_HYPER (feature families one by one). */
export type HyperOptions = Partial<Omit<Hyper, 'use'>> & { use?: Partial<Hyper['use']> };

export interface TrainOptions {
  /** Default 1. */
  seed?: number;
  /** Recorded with the model; default: the current taxonomy (data/taxonomy.json). */
  taxonomyVersion?: string;
  /**
   * Themes made in the dashboard that the examples may carry, learned after the taxonomy's (THEME_IDS) as
   * outputs of their own; any other id in an example is an error.
   */
  extraThemes?: readonly string[];
  hyper?: HyperOptions;
}

/** An example with its features, extracted once (cross-validation reuses them across folds). */
export interface PreparedExample {
  example: LabelledExample;
  features: PostFeatures;
}

/** Features of examples in the language the detector gives them, as at classification time. */
export function prepareExamples(
  examples: readonly LabelledExample[],
  detect: (text: string) => LanguageResult = detectLanguage,
): PreparedExample[] {
  return examples.map((example) => ({
    example,
    features: extractFeatures(example.text, detect(example.text)),
  }));
}

const ROUND = 1e5;

export type FeatureFamily =
  'words' | 'chars' | 'stems' | 'lexicon' | 'concepts' | 'claims' | 'v0' | 'style' | 'language';
const FAMILY_OF_PREFIX: Record<string, FeatureFamily> = {
  w: 'words',
  c: 'chars',
  s: 'stems',
  p: 'stems',
  x: 'lexicon',
  v: 'v0',
  y: 'style',
  k: 'concepts',
  l: 'language',
  r: 'claims',
};

/** Whether a feature's family is in use. */
function inUse(name: string, use: Hyper['use']): boolean {
  const family = FAMILY_OF_PREFIX[name[0] ?? ''];
  return family !== undefined && use[family];
}

function buildVocabulary(
  train: readonly PreparedExample[],
  hyper: Hyper,
): { vocab: string[]; idf: number[] } {
  const df = new Map<string, number>();
  const charDf = new Map<string, number>();
  const signals = new Set<string>();
  const useChars = hyper.use.chars && hyper.charScale > 0;
  for (const { features } of train) {
    for (const w of features.words) if (inUse(w, hyper.use)) df.set(w, (df.get(w) ?? 0) + 1);
    if (useChars) for (const c of features.chars) charDf.set(c, (charDf.get(c) ?? 0) + 1);
    for (const name of features.signals.keys()) if (inUse(name, hyper.use)) signals.add(name);
  }
  const words = [...df].filter(([, n]) => n >= hyper.minDf).map(([w]) => w);
  words.sort();
  const known = new Set(words);
  // natural's TF-IDF over the kept word features: idf = 1 + ln(N / (1 + df)).
  const tfidf = new TfIdf();
  for (const { features } of train) tfidf.addDocument(features.words.filter((w) => known.has(w)));
  const idf = words.map((w) => tfidf.idf(w));
  // The same formula for n-grams, counted directly: natural's idf rescans every document per term.
  const chars = [...charDf].filter(([, n]) => n >= hyper.charMinDf);
  chars.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const charIdf = chars.map(([, n]) => 1 + Math.log(train.length / (1 + n)));
  return {
    vocab: [...words, ...chars.map(([c]) => c), ...[...signals].sort()],
    idf: [...idf, ...charIdf, ...new Array<number>(signals.size).fill(1)],
  };
}

const themeTargets = (e: LabelledExample, mode: Hyper['themeTraining']) =>
  new Set(e.stance === 'rumour' ? e.themes : mode === 'topic' ? e.about : []);

function trainThemeLayer(
  docs: readonly SparseVector[],
  examples: readonly LabelledExample[],
  themeIds: readonly string[],
  vocabSize: number,
  hyper: Hyper,
  seed: number,
): LinearModel {
  const keep = examples
    .map((_, i) => i)
    .filter((i) => {
      const stance = examples[i]?.stance;
      return stance === 'rumour' || (hyper.themeTraining === 'topic' && stance !== 'unrelated');
    });
  const targets = keep.map((i) => {
    const set = themeTargets(examples[i] as LabelledExample, hyper.themeTraining);
    return themeIds.map((t) => (set.has(t) ? 1 : 0));
  });
  return trainLinear(
    keep.map((i) => docs[i] as SparseVector),
    targets,
    vocabSize,
    {
      mode: 'sigmoid',
      l2: hyper.themeL2,
      epochs: hyper.epochs,
      learningRate: hyper.learningRate,
      seed,
    },
  );
}

function trainStanceLayer(
  docs: readonly SparseVector[],
  examples: readonly LabelledExample[],
  vocabSize: number,
  hyper: Hyper,
  seed: number,
): LinearModel {
  const counts = new Map<Stance, number>();
  for (const e of examples) counts.set(e.stance, (counts.get(e.stance) ?? 0) + 1);
  const present = [...counts.keys()].length;
  const weight = (s: Stance) =>
    hyper.balance ? examples.length / (present * Math.max(1, counts.get(s) ?? 0)) : 1;
  return trainLinear(
    docs,
    examples.map((e) => STANCES.map((s) => (s === e.stance ? 1 : 0))),
    vocabSize,
    {
      mode: 'softmax',
      l2: hyper.stanceL2,
      epochs: hyper.epochs,
      learningRate: hyper.learningRate,
      seed,
      sampleWeights: examples.map((e) => weight(e.stance)),
    },
  );
}

const round = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * ROUND) / ROUND);

/** Model data with every threshold 0.5 (the inner-fold models, and the final one before tuning). */
function fitData(
  train: readonly PreparedExample[],
  themeIds: readonly string[],
  hyper: Hyper,
  seed: number,
): ModelData {
  const { vocab, idf } = buildVocabulary(train, hyper);
  const index = new Map(vocab.map((name, i) => [name, i]));
  const docs = train.map((p) =>
    vectorise(p.features, index, idf, hyper.wordScale, hyper.use.chars ? hyper.charScale : 0),
  );
  const examples = train.map((p) => p.example);
  const stance = trainStanceLayer(docs, examples, vocab.length, hyper, seed);
  const themes = trainThemeLayer(docs, examples, themeIds, vocab.length, hyper, seed + 1);
  return {
    format: 1,
    features: FEATURES_VERSION,
    lexiconVersion: lexicon.version,
    vocab,
    featureWeight: round(idf),
    wordScale: hyper.wordScale,
    charScale: hyper.use.chars ? hyper.charScale : 0,
    stance: { labels: [...STANCES], weights: round(stance.weights), bias: round(stance.bias) },
    themes: {
      ids: [...themeIds],
      weights: round(themes.weights),
      bias: round(themes.bias),
      thresholds: themeIds.map(() => 0.5),
      lexiconThemes: hyper.lexiconThemes,
    },
  };
}

/** Theme thresholds from inner grouped folds over the training examples only. */
function innerThresholds(
  train: readonly PreparedExample[],
  themeIds: readonly string[],
  hyper: Hyper,
  seed: number,
): number[] {
  if (hyper.innerFolds < 2) return themeIds.map(() => 0.5);
  const fold = groupedFolds(
    train.map((p) => p.example),
    hyper.innerFolds,
    seed,
  );
  const probabilities: number[][] = [];
  const gold: Set<string>[] = [];
  for (let f = 0; f < hyper.innerFolds; f++) {
    const inner = train.filter((_, i) => fold[i] !== f);
    const held = train.filter((p, i) => fold[i] === f && p.example.stance === 'rumour');
    if (inner.length === 0 || held.length === 0) continue;
    const model = compileModel(fitData(inner, themeIds, hyper, seed));
    for (const p of held) {
      probabilities.push(Array.from(scoreFeatures(model, p.features).themes));
      gold.push(new Set(p.example.themes));
    }
  }
  return tuneThresholds(probabilities, gold, themeIds);
}

/** Trains on examples whose features are already extracted (see prepareExamples). */
export function trainPrepared(
  prepared: readonly PreparedExample[],
  options: TrainOptions = {},
): TrainedModel {
  const seed = options.seed ?? 1;
  const taxonomyVersion = options.taxonomyVersion ?? taxonomy.version;
  const themeIds: readonly string[] = [
    ...THEME_IDS,
    ...[...new Set(options.extraThemes ?? [])].filter((id) => !(THEME_IDS as readonly string[]).includes(id)),
  ];
  const hyper: Hyper = {
    ...DEFAULT_HYPER,
    ...options.hyper,
    use: { ...DEFAULT_HYPER.use, ...options.hyper?.use },
  };
  const train = [...prepared].sort((a, b) =>
    a.example.id < b.example.id ? -1 : a.example.id > b.example.id ? 1 : 0,
  );
  for (const p of train) {
    const bad = [...p.example.themes, ...p.example.about].find((t) => !themeIds.includes(t));
    if (bad) throw new Error(`example ${p.example.id}: unknown theme id ${bad}`);
  }
  const data = fitData(train, themeIds, hyper, seed);
  data.themes.thresholds = innerThresholds(train, themeIds, hyper, seed);
  const perStance: Record<string, number> = {};
  for (const s of STANCES) perStance[s] = train.filter((p) => p.example.stance === s).length;
  return {
    kind: MODEL_KIND,
    version: modelVersion(
      train.map((p) => p.example),
      hyper,
      seed,
      taxonomyVersion,
    ),
    taxonomyVersion,
    trainedOn: { examples: train.length, perStance },
    data,
  };
}

/** Trains a model on labelled examples (pure and deterministic; see the module header). */
export function trainModel(examples: readonly LabelledExample[], options: TrainOptions = {}): TrainedModel {
  if (examples.length === 0) throw new Error('trainModel: no examples');
  return trainPrepared(prepareExamples(examples), options);
}
