/** Gives processors the classifier in force, reloading it when another model version becomes active. */
import type { LoadedClassifier } from '../classifier/model/load.ts';
import type { PostClassifier } from '../classifier/post-classifier.ts';
import { ACTIVE_VERSION_TTL_MS, cachedActiveVersion } from '../core/active-model.ts';
import type { Db } from '../core/db/client.ts';
import { getModel } from '../core/db/classifier-models.ts';

export interface ClassifierSource {
  /** How long (ms) `current()` may go on returning the previous version after another one is activated. */
  readonly ttlMs: number;
  current(): Promise<PostClassifier>;
  /** A specific stored version (reclassification), loaded once and kept. */
  version(version: string): Promise<PostClassifier>;
}

export function createClassifierSource(
  db: Db,
  shipped: PostClassifier,
  load: (model: unknown) => LoadedClassifier,
  options: {
    /** ACTIVE_VERSION_TTL_MS unless a test needs a shorter one. */
    ttlMs?: number;
    /** Told once per stored model trained on other features than this code reads (it is used all the same). */
    onMismatch?: (version: string, reason: string) => void;
  } = {},
): ClassifierSource {
  const ttlMs = options.ttlMs ?? ACTIVE_VERSION_TTL_MS;
  const activeVersion = cachedActiveVersion(db, shipped.version, ttlMs);
  const loaded = new Map<string, PostClassifier>([[shipped.version, shipped]]);
  const byVersion = async (version: string): Promise<PostClassifier> => {
    const known = loaded.get(version);
    if (known) return known;
    const row = await getModel(db, version);
    if (!row) throw new Error(`model ${version} is not stored`);
    const classifier = load(row.model);
    if (classifier.featureMismatch) options.onMismatch?.(version, classifier.featureMismatch);
    loaded.set(version, classifier);
    return classifier;
  };
  return {
    ttlMs,
    current: async () => byVersion(await activeVersion()),
    version: byVersion,
  };
}
