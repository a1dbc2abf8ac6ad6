/**
 * What every classifier model offers the pipeline: a version and a pure classify(text, language).
 * The lexicon v0 is one; trained models (classifier/model/) are others. Stored results carry `version`.
 */
import { classify, MODEL_VERSION, SURE_LANGUAGE } from './classify.ts';
import type { Classification, LanguageResult } from './types.ts';

export interface PostClassifier {
  /** Identifies the model that produced a result; stored with every classification. */
  readonly version: string;
  /** Stance, rumour themes and `about` themes of a post whose language is already detected. */
  classify(text: string, language: LanguageResult): Classification;
}

/** The rule-based v0 classifier (lexicon + stance cues), used when no trained model is available. */
export const lexiconClassifier: PostClassifier = {
  version: MODEL_VERSION,
  classify: (text, language) =>
    classify(text, language.confidence >= SURE_LANGUAGE ? language.lang : 'und', { lang2: language.lang2 }),
};
