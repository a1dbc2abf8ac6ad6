/**
 * The classifier in force until a stored model is activated: the trained model shipped in
 * classifier/model/default-model.json (the lexicon v0 if that file cannot be loaded), and the loader of
 * models stored in Postgres.
 */
import { defaultClassifier } from './model/default.ts';
import { loadClassifier } from './model/load.ts';
import type { PostClassifier } from './post-classifier.ts';

export function shippedClassifier(): PostClassifier {
  return defaultClassifier();
}

export function loadStoredClassifier(model: unknown): PostClassifier {
  return loadClassifier(model);
}
