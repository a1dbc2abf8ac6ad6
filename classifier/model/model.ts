/**
 * A model's data made ready to score posts (pure): the vocabulary index, the two linear layers, and the
 * step from a post's features to stance, themes and `about` with evidence. Used by load.ts at run time and
 * by train.ts / evaluate.ts for held-out predictions.
 */
import type { Classification, LanguageResult, Stance, ThemeId, ThemeMatch } from '../types.ts';
import { themeOrder } from '../types.ts';
import { conceptThemes } from './concepts.ts';
import { extractFeatures, type PostFeatures } from './features.ts';
import { logits, sigmoid, softmax, type LinearModel, type SparseVector } from './linear.ts';
import type { ModelData } from './model-schema.ts';

/** Word and stem features (`w:`, `s:`, `p:`): scaled together to one length; signals keep their values. */
export const isWordFeature = (name: string) => name.charCodeAt(1) === 58 && 'wsp'.includes(name[0] ?? '');

/** Evidence shown per theme when no lexicon term matched: the strongest features of the post. */
const TOP_FEATURES = 3;
const MAX_EVIDENCE = 6;

export interface CompiledModel {
  index: Map<string, number>;
  vocab: readonly string[];
  featureWeight: Float64Array;
  wordScale: number;
  charScale: number;
  stanceLabels: readonly Stance[];
  stance: LinearModel;
  themeIds: readonly string[];
  themes: LinearModel;
  thresholds: readonly number[];
  lexiconThemes: boolean;
}

export function compileModel(data: ModelData): CompiledModel {
  return {
    index: new Map(data.vocab.map((name, i) => [name, i])),
    vocab: data.vocab,
    featureWeight: Float64Array.from(data.featureWeight),
    wordScale: data.wordScale,
    charScale: data.charScale ?? 0,
    stanceLabels: data.stance.labels,
    stance: {
      outputs: data.stance.labels.length,
      weights: Float64Array.from(data.stance.weights),
      bias: Float64Array.from(data.stance.bias),
    },
    themeIds: data.themes.ids,
    themes: {
      outputs: data.themes.ids.length,
      weights: Float64Array.from(data.themes.weights),
      bias: Float64Array.from(data.themes.bias),
    },
    thresholds: data.themes.thresholds,
    lexiconThemes: data.themes.lexiconThemes,
  };
}

/** Appends the known features of `names`, idf-weighted and scaled together to length `scale`. */
function addScaled(
  names: readonly string[],
  index: ReadonlyMap<string, number>,
  featureWeight: ArrayLike<number>,
  scale: number,
  out: SparseVector,
): void {
  if (scale <= 0) return;
  const from = out.val.length;
  let norm = 0;
  for (const w of names) {
    const i = index.get(w);
    if (i === undefined) continue;
    const v = featureWeight[i] ?? 1;
    out.idx.push(i);
    out.val.push(v);
    norm += v * v;
  }
  if (norm === 0) return;
  const factor = scale / Math.sqrt(norm);
  for (let n = from; n < out.val.length; n++) out.val[n] = (out.val[n] ?? 0) * factor;
}

/**
 * The sparse vector of a post over a vocabulary: known word features weighted by `featureWeight` (idf)
 * and scaled to length `wordScale`, character n-grams likewise to `charScale`, then the signals with
 * their values times `featureWeight`.
 */
export function vectorise(
  features: PostFeatures,
  index: ReadonlyMap<string, number>,
  featureWeight: ArrayLike<number>,
  wordScale: number,
  charScale = 0,
): SparseVector {
  const out: SparseVector = { idx: [], val: [] };
  addScaled(features.words, index, featureWeight, wordScale, out);
  addScaled(features.chars, index, featureWeight, charScale, out);
  for (const [name, value] of features.signals) {
    const i = index.get(name);
    if (i === undefined) continue;
    out.idx.push(i);
    out.val.push(value * (featureWeight[i] ?? 1));
  }
  return out;
}

/** Model probabilities for one post. */
export interface Scores {
  features: PostFeatures;
  x: SparseVector;
  /** Per stance label of the model, summing to 1. */
  stance: Float64Array;
  /** Per theme id of the model, each 0..1. */
  themes: Float64Array;
}

export function scorePost(model: CompiledModel, text: string, language: LanguageResult): Scores {
  return scoreFeatures(model, extractFeatures(text, language));
}

/** Scores of a post whose features are already extracted (cross-validation reuses them across folds). */
export function scoreFeatures(model: CompiledModel, features: PostFeatures): Scores {
  const x = vectorise(features, model.index, model.featureWeight, model.wordScale, model.charScale);
  const stance = softmax(logits(model.stance, x));
  const themes = logits(model.themes, x);
  for (let i = 0; i < themes.length; i++) themes[i] = sigmoid(themes[i] ?? 0);
  return { features, x, stance, themes };
}

/**
 * The post's words that raise the theme most: word, stem and prefix features, else (words the model never saw,
 * e.g. Sorani) the words whose character n-grams raise it, so a theme never comes without evidence to show.
 * One-letter words are left out: they carry no meaning an analyst could check.
 */
function topFeatures(model: CompiledModel, scores: Scores, theme: number): string[] {
  const k = model.themes.outputs;
  const raising = (n: number): { name: string; value: number } | null => {
    const i = scores.x.idx[n] ?? 0;
    const value = (scores.x.val[n] ?? 0) * (model.themes.weights[i * k + theme] ?? 0);
    return value > 0 ? { name: model.vocab[i] ?? '', value } : null;
  };
  const words = new Map<string, number>();
  for (let n = 0; n < scores.x.idx.length; n++) {
    const hit = raising(n);
    if (!hit || !isWordFeature(hit.name)) continue;
    const surface = scores.features.surfaces.get(hit.name) ?? hit.name.slice(2);
    if (surface.length > 1) words.set(surface, (words.get(surface) ?? 0) + hit.value);
  }
  // Only when no word of the post is known to the model: its words whose n-grams raise the theme (rare).
  if (words.size === 0) {
    const grams: { gram: string; value: number }[] = [];
    for (let n = 0; n < scores.x.idx.length; n++) {
      const hit = raising(n);
      if (hit?.name.startsWith('c:')) grams.push({ gram: hit.name.slice(2), value: hit.value });
    }
    for (const [key, surface] of scores.features.surfaces) {
      if (!key.startsWith('w:') || surface.length < 2) continue;
      const bounded = `<${key.slice(2)}>`;
      for (const { gram, value } of grams)
        if (bounded.includes(gram)) words.set(surface, (words.get(surface) ?? 0) + value);
    }
  }
  const ranked = [...words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked.map(([surface]) => surface).slice(0, TOP_FEATURES);
}

/** Concept words that can stand for a theme (concepts.json `themes`). */
function conceptEvidence(features: PostFeatures, id: string): string[] {
  const out: string[] = [];
  for (const [concept, surfaces] of features.conceptEvidence) {
    if ((conceptThemes(concept) as readonly string[]).includes(id)) out.push(...surfaces);
  }
  return [...new Set(out)];
}

/** A theme with its evidence: lexicon terms matched, else concept words, else the strongest features. */
function match(model: CompiledModel, scores: Scores, theme: number): ThemeMatch {
  const id = model.themeIds[theme] as string;
  const lexicon = scores.features.lexiconEvidence.get(id as ThemeId) ?? [];
  const evidence = lexicon.length > 0 ? lexicon : conceptEvidence(scores.features, id);
  return {
    id,
    score: Math.round((scores.themes[theme] ?? 0) * 1000) / 1000,
    evidence: (evidence.length > 0 ? evidence : topFeatures(model, scores, theme)).slice(0, MAX_EVIDENCE),
  };
}

/**
 * Themes at or above their thresholds (or, with `lexiconThemes`, with a strong lexicon phrase or slogan
 * in the post), highest first; a rumour always carries at least its most likely theme.
 */
export function pickThemes(model: CompiledModel, scores: Scores, atLeastOne: boolean): ThemeMatch[] {
  const picked: number[] = [];
  let best = 0;
  for (let t = 0; t < model.themeIds.length; t++) {
    const p = scores.themes[t] ?? 0;
    const lexicon = model.lexiconThemes && scores.features.signals.has(`x:th:${model.themeIds[t]}`);
    if (lexicon || p >= (model.thresholds[t] ?? 0.5)) picked.push(t);
    if (p > (scores.themes[best] ?? 0)) best = t;
  }
  if (picked.length === 0 && atLeastOne && model.themeIds.length > 0) picked.push(best);
  return picked
    .map((t) => match(model, scores, t))
    .sort((a, b) => b.score - a.score || themeOrder(a.id) - themeOrder(b.id));
}

/** Stance first; themes for rumours, `about` for counter and neutral posts, neither for unrelated ones. */
export function decideFromScores(model: CompiledModel, scores: Scores): Classification {
  if (scores.features.words.length === 0) return { stance: 'unrelated', themes: [], about: [] };
  let best = 0;
  for (let s = 1; s < model.stanceLabels.length; s++) {
    if ((scores.stance[s] ?? 0) > (scores.stance[best] ?? 0)) best = s;
  }
  const stance = model.stanceLabels[best] ?? 'unrelated';
  if (stance === 'unrelated') return { stance, themes: [], about: [] };
  if (stance === 'rumour') return { stance, themes: pickThemes(model, scores, true), about: [] };
  return { stance, themes: [], about: pickThemes(model, scores, false) };
}
