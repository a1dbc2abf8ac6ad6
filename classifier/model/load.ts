/** A trained model (from default-model.json or Postgres) as a PostClassifier, validated first. */
import type { PostClassifier } from '../post-classifier.ts';
import { compileModel, decideFromScores, scorePost } from './model.ts';
import { trainedModelSchema, type TrainedModel } from './model-schema.ts';

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
export function loadClassifier(model: unknown): PostClassifier {
  const parsed = parseModel(model);
  const compiled = compileModel(parsed.data);
  return {
    version: parsed.version,
    classify: (text, language) => decideFromScores(compiled, scorePost(compiled, text, language)),
  };
}
