/**
 * Cross-validation and figures (pure): grouped folds with near-duplicates of the test fold removed from
 * its training part, then stance accuracy / macro-F1 and per-theme precision, recall and F1, overall and
 * per language. Themes are scored end to end: a rumour the model misses loses its themes too.
 */
import { STANCES, THEME_IDS, type Classification, type Stance, type ThemeId } from '../types.ts';
import { groupedFolds, nearDuplicatesOf, NEAR_DUPLICATE_JACCARD, wordSet } from './folds.ts';
import { compileModel, decideFromScores, scoreFeatures } from './model.ts';
import {
  prepareExamples,
  trainPrepared,
  type HyperOptions,
  type LabelledExample,
  type PreparedExample,
} from './train.ts';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items with the label. */
  support: number;
  /** Items predicted with the label. */
  predicted: number;
}

export interface Figures {
  n: number;
  stance: { accuracy: number; macroF1: number; perStance: Record<Stance, Prf> };
  /** Rumour themes, end to end; macro-F1 over themes that occur in gold or prediction. */
  themes: { macroF1: number; microF1: number; perTheme: Record<ThemeId, Prf> };
  /** `about` themes of counter/neutral posts, end to end. */
  about: { macroF1: number; microF1: number };
}

export interface Prediction {
  id: string;
  lang: string;
  gold: { stance: Stance; themes: ThemeId[]; about: ThemeId[] };
  predicted: Classification;
}

export interface EvalReport {
  folds: number;
  seed: number;
  examples: number;
  /** Training items left out of some fold as near-duplicates of its test items (summed over folds). */
  nearDuplicatesRemoved: number;
  overall: Figures;
  perLanguage: Record<string, Figures>;
  predictions: Prediction[];
}

/** What a cross-validated method is: training data in, a predictor out. */
export type Predictor = (p: PreparedExample) => Classification;
export type Trainer = (train: readonly PreparedExample[], seed: number) => Predictor;

export interface CrossValidateOptions {
  folds: number;
  seed: number;
  hyper?: HyperOptions;
  /** Method under test; default: the trained model with `hyper`. */
  trainer?: Trainer;
  nearDuplicateJaccard?: number;
  taxonomyVersion?: string;
  /** Themes made in the dashboard that analysts' labels carry (see TrainOptions.extraThemes). */
  extraThemes?: readonly string[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

function prf(tp: number, predicted: number, support: number): Prf {
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, support);
  return {
    precision: round4(precision),
    recall: round4(recall),
    f1: round4(ratio(2 * tp, predicted + support)),
    support,
    predicted,
  };
}

function labelFigures(
  gold: readonly ReadonlySet<string>[],
  predicted: readonly ReadonlySet<string>[],
  labels: readonly string[],
) {
  const per: Record<string, Prf> = {};
  let tpAll = 0;
  let predAll = 0;
  let goldAll = 0;
  const f1s: number[] = [];
  for (const label of labels) {
    let tp = 0;
    let p = 0;
    let g = 0;
    gold.forEach((set, i) => {
      const inGold = set.has(label);
      const inPred = predicted[i]?.has(label) ?? false;
      if (inGold) g++;
      if (inPred) p++;
      if (inGold && inPred) tp++;
    });
    per[label] = prf(tp, p, g);
    tpAll += tp;
    predAll += p;
    goldAll += g;
    if (g > 0 || p > 0) f1s.push(per[label]?.f1 ?? 0);
  }
  return {
    per,
    macroF1: round4(
      ratio(
        f1s.reduce((a, b) => a + b, 0),
        f1s.length,
      ),
    ),
    microF1: round4(ratio(2 * tpAll, predAll + goldAll)),
  };
}

/** Figures for a set of predictions. */
export function figures(predictions: readonly Prediction[]): Figures {
  const stanceGold = predictions.map((p) => new Set([p.gold.stance]));
  const stancePred = predictions.map((p) => new Set([p.predicted.stance]));
  const stance = labelFigures(stanceGold, stancePred, STANCES);
  const stanceF1s = STANCES.filter(
    (s) => (stance.per[s]?.support ?? 0) > 0 || (stance.per[s]?.predicted ?? 0) > 0,
  );
  const themes = labelFigures(
    predictions.map((p) => new Set(p.gold.stance === 'rumour' ? p.gold.themes : [])),
    predictions.map((p) => new Set(p.predicted.themes.map((m) => m.id))),
    THEME_IDS,
  );
  const about = labelFigures(
    predictions.map((p) => new Set(p.gold.stance === 'rumour' ? [] : p.gold.about)),
    predictions.map((p) => new Set(p.predicted.about.map((m) => m.id))),
    THEME_IDS,
  );
  return {
    n: predictions.length,
    stance: {
      accuracy: round4(
        ratio(predictions.filter((p) => p.gold.stance === p.predicted.stance).length, predictions.length),
      ),
      macroF1: round4(
        ratio(
          stanceF1s.reduce((a, s) => a + (stance.per[s]?.f1 ?? 0), 0),
          stanceF1s.length,
        ),
      ),
      perStance: stance.per as Record<Stance, Prf>,
    },
    themes: {
      macroF1: themes.macroF1,
      microF1: themes.microF1,
      perTheme: themes.per as Record<ThemeId, Prf>,
    },
    about: { macroF1: about.macroF1, microF1: about.microF1 },
  };
}

/** Overall and per-language figures (language: the example's `lang`, else `und`). */
export function report(
  predictions: readonly Prediction[],
  meta: Omit<EvalReport, 'overall' | 'perLanguage' | 'predictions'>,
): EvalReport {
  const byLang = new Map<string, Prediction[]>();
  for (const p of predictions) byLang.set(p.lang, [...(byLang.get(p.lang) ?? []), p]);
  const perLanguage: Record<string, Figures> = {};
  for (const lang of [...byLang.keys()].sort()) perLanguage[lang] = figures(byLang.get(lang) ?? []);
  return { ...meta, overall: figures(predictions), perLanguage, predictions: [...predictions] };
}

export function toPrediction(example: LabelledExample, predicted: Classification): Prediction {
  return {
    id: example.id,
    lang: example.lang ?? 'und',
    gold: { stance: example.stance, themes: example.themes as ThemeId[], about: example.about as ThemeId[] },
    predicted,
  };
}

/** The trained model with these settings, as a cross-validation method. */
export function modelTrainer(
  hyper: HyperOptions = {},
  taxonomyVersion = 'cv',
  extraThemes: readonly string[] = [],
): Trainer {
  return (train, seed) => {
    const model = compileModel(trainPrepared(train, { seed, taxonomyVersion, hyper, extraThemes }).data);
    return (p) => decideFromScores(model, scoreFeatures(model, p.features));
  };
}

/** The lexicon v0 (nothing to train), for comparison on the same folds. */
export const lexiconTrainer: Trainer = () => (p) => p.features.v0;

/** k-fold cross-validation of examples whose features are already extracted. */
export function crossValidatePrepared(
  prepared: readonly PreparedExample[],
  options: CrossValidateOptions,
): EvalReport {
  const { folds, seed } = options;
  const trainer =
    options.trainer ?? modelTrainer(options.hyper, options.taxonomyVersion, options.extraThemes);
  const fold = groupedFolds(
    prepared.map((p) => p.example),
    folds,
    seed,
  );
  const sets = prepared.map((p) => wordSet(p.example.text));
  const predictions: Prediction[] = [];
  let removed = 0;
  for (let f = 0; f < folds; f++) {
    const test = prepared.map((_, i) => i).filter((i) => fold[i] === f);
    const rest = prepared.map((_, i) => i).filter((i) => fold[i] !== f);
    if (test.length === 0) continue;
    const near = nearDuplicatesOf(sets, test, rest, options.nearDuplicateJaccard ?? NEAR_DUPLICATE_JACCARD);
    removed += near.size;
    const predict = trainer(
      rest.filter((i) => !near.has(i)).map((i) => prepared[i] as PreparedExample),
      seed + f,
    );
    for (const i of test) {
      const p = prepared[i] as PreparedExample;
      predictions.push(toPrediction(p.example, predict(p)));
    }
  }
  const order = new Map(prepared.map((p, i) => [p.example.id, i]));
  predictions.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return report(predictions, { folds, seed, examples: prepared.length, nearDuplicatesRemoved: removed });
}

/** k-fold cross-validation (grouped, near-duplicates removed across folds) of the trained model. */
export function crossValidate(
  examples: readonly LabelledExample[],
  options: CrossValidateOptions,
): EvalReport {
  return crossValidatePrepared(prepareExamples(examples), options);
}
