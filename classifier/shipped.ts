/**
 * The classifier in force until a stored model is activated: the trained model shipped in
 * classifier/model/default-model.json (the lexicon v0 if that file cannot be loaded).
 */
import { defaultClassifier } from './model/default.ts';
import type { PostClassifier } from './post-classifier.ts';

export function shippedClassifier(): PostClassifier {
  return defaultClassifier();
}
