/** The classifier shipped with the code (in force until a stored model is activated) and the loader of stored ones. */
import { lexiconClassifier, type PostClassifier } from './post-classifier.ts';

export function shippedClassifier(): PostClassifier {
  return lexiconClassifier;
}

export function loadStoredClassifier(_model: unknown): PostClassifier {
  throw new Error('stored models are not supported yet');
}
