/** Turns the classifier's answer for one post into the rows the database stores (pure). */
import type { PlaceMatch } from '../classifier/places.ts';
import type { Classification, LanguageResult } from '../classifier/types.ts';
import type { NewClassification } from '../core/db/post-classifications.ts';
import type { NewPostPlace } from '../core/db/post-places.ts';
import type { NewPostTheme } from '../core/db/post-themes.ts';
import type { PostLanguage } from '../core/db/posts.ts';

export interface PostAnalysis {
  postId: number;
  language: LanguageResult;
  classification: Classification;
  places: PlaceMatch[];
  /** The post's search document, stored with its language (see setLanguages). */
  document?: string;
}

export interface AnalysisRows {
  languages: PostLanguage[];
  classifications: NewClassification[];
  themes: NewPostTheme[];
  places: NewPostPlace[];
}

export function toAnalysisRows(analyses: readonly PostAnalysis[]): AnalysisRows {
  const rows: AnalysisRows = { languages: [], classifications: [], themes: [], places: [] };
  for (const { postId, language, classification, places, document } of analyses) {
    for (const place of places) {
      rows.places.push({ postId, municipalityCode: place.code, district: place.district });
    }
    rows.languages.push({
      id: postId,
      lang: language.lang,
      confidence: language.confidence,
      ...(document === undefined ? {} : { document }),
    });
    rows.classifications.push({ postId, stance: classification.stance, lang2: language.lang2 });
    for (const [role, matches] of [
      ['rumour', classification.themes],
      ['about', classification.about],
    ] as const) {
      for (const match of matches) {
        rows.themes.push({
          postId,
          themeId: match.id,
          role,
          score: Math.min(1, Math.max(0, match.score)),
          evidence: match.evidence,
        });
      }
    }
  }
  return rows;
}
