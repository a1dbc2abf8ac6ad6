/** The fixed JSON-line format of `classify` (and `sources preview --json`): one object per input. */
import type { TextAnalysis } from '../classifier/analyse.ts';

export interface ClassifyLine {
  id: string | number | null;
  lang: string;
  /** 0..1, how sure language identification is of `lang` (0 for `und`). */
  langConfidence: number;
  lang2: string | null;
  stance: string;
  themes: string[];
  about: string[];
  scores: Record<string, number>;
  evidence: Record<string, string[]>;
  places: string[];
}

export function toClassifyLine(
  id: string | number | null,
  { language, classification, places }: TextAnalysis,
): ClassifyLine {
  const all = [...classification.themes, ...classification.about];
  return {
    id,
    lang: language.lang,
    langConfidence: Math.round(language.confidence * 100) / 100,
    lang2: language.lang2,
    stance: classification.stance,
    themes: classification.themes.map((t) => t.id),
    about: classification.about.map((t) => t.id),
    scores: Object.fromEntries(all.map((t) => [t.id, Math.round(t.score * 1_000) / 1_000])),
    evidence: Object.fromEntries(all.map((t) => [t.id, t.evidence])),
    places: [...new Set(places.map((place) => place.code))],
  };
}
