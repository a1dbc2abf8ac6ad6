/**
 * The shipped model (default-model.json, built by `classifier train --from-corpus`): what a fresh install
 * classifies with before Postgres holds a trained model. The JSON is read when this module loads and
 * compiled on first use; a missing or invalid file falls back to the lexicon v0, logging nothing (the
 * caller compares `version` to decide what to say).
 */
import { lexiconClassifier, type PostClassifier } from '../post-classifier.ts';
import { loadClassifier } from './load.ts';

const shipped: unknown = await import('./default-model.json', { with: { type: 'json' } }).then(
  (module: { default: unknown }) => module.default,
  () => undefined,
);

/** A classifier from a model's JSON, or the lexicon v0 when there is none or it does not validate. */
export function classifierOrLexicon(model: unknown): PostClassifier {
  if (model === undefined) return lexiconClassifier;
  try {
    return loadClassifier(model);
  } catch {
    return lexiconClassifier;
  }
}

let cached: PostClassifier | undefined;

/** The shipped trained classifier, compiled once on first use; the lexicon v0 when it cannot be loaded. */
export function defaultClassifier(): PostClassifier {
  cached ??= classifierOrLexicon(shipped);
  return cached;
}
