/** Everything the pipeline learns from one post's text: language, stance and themes, places (pure). */
import { detectLanguage } from './language.ts';
import { detectPlaces, type PlaceMatch } from './places.ts';
import type { PostClassifier } from './post-classifier.ts';
import type { Classification, LanguageResult } from './types.ts';

export interface TextAnalysis {
  language: LanguageResult;
  classification: Classification;
  places: PlaceMatch[];
}

export function analyseText(text: string, classifier: PostClassifier): TextAnalysis {
  const language = detectLanguage(text);
  return { language, classification: classifier.classify(text, language), places: detectPlaces(text) };
}
