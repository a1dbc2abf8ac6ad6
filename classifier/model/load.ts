/** A trained model (from default-model.json or Postgres) as a PostClassifier, validated first. */
import { lexicon } from '../lexicon.ts';
import type { PostClassifier } from '../post-classifier.ts';
import { FEATURES_VERSION } from './features.ts';
import { compileModel, decideFromScores, scorePost } from './model.ts';
import { trainedModelSchema, type ModelData, type TrainedModel } from './model-schema.ts';

/** A loaded model, with why its features differ from this code's (null when they match). */
export interface LoadedClassifier extends PostClassifier {
  readonly featureMismatch: string | null;
}

/**
 * Why a model was trained on other features than this code computes, or null (pure). Such a model still loads
 * and classifies (refusing it would switch the version in force behind the detectors' back), but its weights
 * meet feature values they were not trained on after an upgrade changed the feature code or the lexicon, so
 * its output drifts until it is retrained.
 */
export function featureMismatch(data: Pick<ModelData, 'features' | 'lexiconVersion'>): string | null {
  const differ: string[] = [];
  if (data.features !== FEATURES_VERSION)
    differ.push(`features ${data.features} (this code reads ${FEATURES_VERSION})`);
  if (data.lexiconVersion !== lexicon.version)
    differ.push(`lexicon ${data.lexiconVersion} (this code reads ${lexicon.version})`);
  if (differ.length === 0) return null;
  return `trained with ${differ.join(' and ')}: retrain it with npx ryktesradar classifier train`;
}

/** Validates a model; throws an Error naming the first problems (path: message) when it is not one. */
export function parseModel(model: unknown): TrainedModel {
  const result = trainedModelSchema.safeParse(model);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new Error(`invalid classifier model: ${problems}`);
}

/** A PostClassifier from a stored model (the parsed JSON); throws a clear error on a bad model. */
export function loadClassifier(model: unknown): LoadedClassifier {
  const parsed = parseModel(model);
  const compiled = compileModel(parsed.data);
  return {
    version: parsed.version,
    featureMismatch: featureMismatch(parsed.data),
    classify: (text, language) => decideFromScores(compiled, scorePost(compiled, text, language)),
  };
}
