/** Model versions (pure): the same training data, settings, code and word lists give the same version. */
import { createHash } from 'node:crypto';
import lexiconJson from '../data/lexicon.json' with { type: 'json' };
import conceptsJson from './concepts.json' with { type: 'json' };
import { FEATURES_VERSION } from './features.ts';
import { MODEL_CODE_VERSION } from './model-schema.ts';
import type { Hyper, LabelledExample } from './train.ts';

function canonical(examples: readonly LabelledExample[]): LabelledExample[] {
  return [...examples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The word lists features are read with: the lexicon and the concept classes, as files. */
const FEATURE_SOURCES = createHash('sha1')
  .update(JSON.stringify([lexiconJson, conceptsJson]))
  .digest('hex');

/** `lr-v1+<10 hex>`: a hash of the training data, settings, code version and the word lists. */
export function modelVersion(
  examples: readonly LabelledExample[],
  hyper: Hyper,
  seed: number,
  taxonomyVersion: string,
): string {
  const hash = createHash('sha1');
  hash.update(
    JSON.stringify([MODEL_CODE_VERSION, FEATURES_VERSION, FEATURE_SOURCES, taxonomyVersion, seed, hyper]),
  );
  for (const e of canonical(examples)) {
    hash.update(
      JSON.stringify([
        e.id,
        e.text,
        e.lang ?? null,
        e.stance,
        [...e.themes].sort(),
        [...e.about].sort(),
        e.group ?? null,
      ]),
    );
  }
  return `${MODEL_CODE_VERSION}+${hash.digest('hex').slice(0, 10)}`;
}
