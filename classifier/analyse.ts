/** Everything the pipeline learns from one post's text: language, stance and themes, places (pure). */
import { leadingChars } from '../core/text.ts';
import { detectLanguage } from './language.ts';
import { detectPlaces, type PlaceMatch } from './places.ts';
import type { PostClassifier } from './post-classifier.ts';
import type { Classification, LanguageResult } from './types.ts';

export interface TextAnalysis {
  language: LanguageResult;
  classification: Classification;
  places: PlaceMatch[];
}

/**
 * Characters of a post the analysis reads. A post's claim is in its opening; the rest of a long article adds
 * little, while the classifier's cost grows faster than the text (a 500,000-character post took 4 s and a 5 MB one
 * held a worker, and the alert deliveries beside it, for minutes). The stored text and its search index are whole.
 */
export const ANALYSED_CHARS = 20_000;

export function analyseText(text: string, classifier: PostClassifier): TextAnalysis {
  const read = leadingChars(text, ANALYSED_CHARS);
  const language = detectLanguage(read);
  return { language, classification: classifier.classify(read, language), places: detectPlaces(read) };
}
