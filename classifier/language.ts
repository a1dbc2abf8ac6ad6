/**
 * Language of a post: script routing and letter rules first, then two statistical detectors (see
 * language-engines.ts), measured on ../shared/eval/langid with `npm run eval:langid`.
 *
 * - Ethiopic script → `ti` (the only candidate written in it; Amharic lands here too, with low confidence
 *   when its function words outnumber Tigrinya's).
 * - Arabic script → `ckb` when Sorani letters (ڕ ڵ ۆ ێ ە) occur; else Arabic vs Persian statistically, and
 *   Persian becomes `prs` when Dari marker words occur (no detector or eval data covers Dari).
 * - Latin script → `kmr` on three Kurmanji marker words, or when an ê/î/û/xw hint is confirmed by franc's
 *   Latin-Kurdish model; `so` on two Somali marker words when eld is unsure (eld has no Somali); else
 *   statistically.
 * - Cyrillic → ru/uk/sr statistically.
 * - Statistically: eld first when the script part has ≥ 25 letters; its answer stands when eld calls it
 *   reliable with a score lead ≥ 0.02 (on the eval sentences: 87 % of them, 99.8 % right). Otherwise, and
 *   always on shorter text, Lingua (high accuracy) among the script's candidates decides. Lingua also splits
 *   the pairs eld merges (nb/nn, bs/hr).
 * - `und` (confidence 0) under 5 letters of the main script or when no rule or detector answers; else
 *   `confidence` is the measured accuracy of such an answer (language-confidence.ts), low on short text.
 *
 * Loading: nothing at import. eld loads at the first text that needs it (~0.3 s), Lingua's wasm module at
 * the first text eld cannot settle (~0.3 s) and each language's models when a text first needs them (~0.3 s
 * a language; ~5 s and ~550 MB resident for all 19). Results do not depend on what is loaded already.
 * Workers call `warmUpLanguageDetection()` at start so that no post pays a load.
 */
import { francAll } from 'franc';
import { createEngines, eldKnows } from './language-engines.ts';
import { eldConfidence, linguaConfidence, RULE_CONFIDENCE, type GuessPath } from './language-confidence.ts';
import {
  dariMarkers,
  kurmanjiMarkers,
  mayBeKurmanji,
  somaliMarkers,
  soraniLetters,
  soraniWords,
  tigrinyaLead,
} from './language-markers.ts';
import { secondLanguage, somaliShare } from './language-mixing.ts';
import { leadingChars } from '../core/text.ts';
import { cleanText } from './normalise.ts';
import { countScripts, mainScript, scriptPart, type Script } from './scripts.ts';
import { LANGUAGES, type Language, type LanguageResult } from './types.ts';

/** Languages a post may be detected as, unless a detector is created with others. */
export const DEFAULT_CANDIDATES: readonly Language[] = LANGUAGES;

/** The script each candidate is detected in, Latin unless listed (Serbian in Latin letters reads as bs/hr). */
const NON_LATIN: Partial<Record<Language, Exclude<Script, 'other' | 'latin'>>> = {
  ar: 'arabic',
  fa: 'arabic',
  prs: 'arabic',
  ckb: 'arabic',
  ti: 'ethiopic',
  ru: 'cyrillic',
  uk: 'cyrillic',
  sr: 'cyrillic',
};
const scriptOfLanguage = (lang: Language): Exclude<Script, 'other'> => NON_LATIN[lang] ?? 'latin';

/** franc's codes for the Latin-script candidates; its `ckb` model is Latin-script Kurdish, i.e. Kurmanji. */
const FRANC_LATIN: Partial<Record<Language, string>> = {
  sv: 'swe',
  en: 'eng',
  so: 'som',
  tr: 'tur',
  bs: 'bos',
  hr: 'hrv',
  pl: 'pol',
  fi: 'fin',
  nb: 'nob',
  nn: 'nno',
  da: 'dan',
  de: 'deu',
  es: 'spa',
  fr: 'fra',
  kmr: 'ckb',
};

/**
 * Under this many letters of the main script the answer is `und`. Above it every guess is returned with its
 * measured accuracy, however low (a 5-letter word with a flat Lingua ranking is right one time in four):
 * cutting at one half would make 12 % of the eval single words `und` and cost 4.5 points on them (82.8 →
 * 78.3 %; word pairs 94.8 → 94.0 %). Callers that want only sure answers read `confidence` (classify.ts
 * searches every lexicon below 0.8).
 */
const MIN_LETTERS = 5;
/** Characters of a post the language is read from: far more than any detector needs to be sure. */
export const LANGUAGE_SAMPLE_CHARS = 10_000;
/** eld answers alone only on this many letters or more, with at least this score lead (see the header). */
export const ELD_GATE = { minLetters: 25, minGap: 0.02 } as const;

/**
 * An Arabic-script post of this many words or more is Sorani only when at least this share of its words hold a
 * Sorani letter (in Sorani text most do: ە is the vowel e). Below it, a Sorani letter or two decide, as before.
 */
const MIN_WORDS_FOR_SORANI_SHARE = 6;
const SORANI_WORD_SHARE = 0.25;

/** Somali is the main language when sentences with Somali function words hold this share of the letters. */
const SOMALI_MAIN_SHARE = 0.5;

/** Lingua splits eld's merged pairs (nb/nn, bs/hr) on this many characters: as well as on all, faster. */
const REFINE_CHARS = 120;

/** The detector's main guess before the `und` cut, with what its confidence was read from. */
export interface Guess {
  lang: Language;
  letters: number;
  path: GuessPath;
  /** eld's score lead (path `eld`), Lingua's top probability (`lingua`), else 1. */
  score: number;
  confidence: number;
}

export interface LanguageDetector {
  /** Candidate languages, in the order given. */
  readonly candidates: readonly Language[];
  /** Language of a raw post (cleaned first). */
  detect(text: string): LanguageResult;
  /** Language of text already passed through `cleanText`. */
  detectClean(cleaned: string): LanguageResult;
  /** The main-language guess for cleaned text before the `und` cut (evaluation and calibration). */
  guess(cleaned: string): Guess | null;
  /** Loads the detectors and all models now; returns the milliseconds it took (0 when already done). */
  warmUp(): number;
}

const UND: LanguageResult = Object.freeze({ lang: 'und', confidence: 0, lang2: null });

/** A detector restricted to `candidates` (default: every project language). */
export function createLanguageDetector(options: { candidates?: readonly Language[] } = {}): LanguageDetector {
  const candidates = [...new Set(options.candidates ?? DEFAULT_CANDIDATES)];
  const has = new Set(candidates);
  const inScript = (script: Script) => candidates.filter((l) => scriptOfLanguage(l) === script);
  const latin = inScript('latin').filter((l) => l !== 'kmr');
  const cyrillic = inScript('cyrillic');
  // Dari has no model: Persian-looking text is asked for as `fa` and renamed below.
  const arabic = [
    ...new Set(
      inScript('arabic').flatMap((l) =>
        l === 'ar' || l === 'fa' ? [l] : l === 'prs' ? ['fa' as const] : [],
      ),
    ),
  ];
  const francLatin = candidates.flatMap((l) => {
    const code = FRANC_LATIN[l];
    return code ? [code] : [];
  });
  const { askEld, askLingua, load } = createEngines(candidates);
  let loaded = false;

  function statistical(part: string, langs: readonly Language[], letters: number): Guess | null {
    let shortlist = langs;
    if (letters >= ELD_GATE.minLetters) {
      const eld = askEld(part, langs);
      if (eld && eld.reliable && eld.gap >= ELD_GATE.minGap) {
        const lang =
          eld.merged.length > 1 ? (askLingua(part, eld.merged, REFINE_CHARS)?.lang ?? eld.lang) : eld.lang;
        return { lang, letters, path: 'eld', score: eld.gap, confidence: eldConfidence(letters, eld.gap) };
      }
      // Somali, which eld lacks, by its function words before the slower Lingua (see language-markers.ts).
      if (langs.includes('so') && somaliMarkers(part) >= 2)
        return rule('so', letters, RULE_CONFIDENCE.somali);
      // Lingua's cost grows with its candidates: keep eld's best and the languages eld has no model of.
      if (eld) shortlist = langs.filter((l) => eld.shortlist.includes(l) || !eldKnows(l));
    }
    const lingua = askLingua(part, shortlist);
    if (!lingua) return null;
    const { lang, probability } = lingua;
    return {
      lang,
      letters,
      path: 'lingua',
      score: probability,
      confidence: linguaConfidence(letters, probability),
    };
  }

  function rule(lang: Language, letters: number, confidence: number): Guess {
    return { lang, letters, path: 'letters', score: 1, confidence };
  }

  function guessArabic(part: string, letters: number): Guess | null {
    const sorani = soraniLetters(part);
    // Sorani writes these letters in most words; an Arabic or Persian post holds them only in a Kurdish name or
    // two (کۆبانێ), which must not make it Sorani.
    const words = soraniWords(part);
    const mostlySorani =
      words.words < MIN_WORDS_FOR_SORANI_SHARE || words.sorani >= SORANI_WORD_SHARE * words.words;
    if (has.has('ckb') && mostlySorani && (sorani >= 2 || (sorani === 1 && letters < 15))) {
      const sure = sorani >= 2 && sorani / letters >= 0.03;
      return rule('ckb', letters, sure ? RULE_CONFIDENCE.sorani : RULE_CONFIDENCE.soraniFewLetters);
    }
    const guess = statistical(part, arabic, letters);
    if (guess?.lang === 'fa' && has.has('prs') && (!has.has('fa') || dariMarkers(part) > 0)) {
      return { ...guess, lang: 'prs' };
    }
    return guess;
  }

  function guessLatin(text: string, part: string, letters: number): Guess | null {
    // Somali sentences make up most of the text: eld, which has no Somali model, would name the other language.
    if (has.has('so') && somaliMarkers(part) >= 2 && somaliShare(text) >= SOMALI_MAIN_SHARE)
      return rule('so', letters, RULE_CONFIDENCE.somali);
    if (has.has('kmr')) {
      if (kurmanjiMarkers(part) >= 3) return rule('kmr', letters, RULE_CONFIDENCE.kurmanji);
      if (
        mayBeKurmanji(part, letters) &&
        francAll(part, { only: francLatin, minLength: 1 })[0]?.[0] === 'ckb'
      )
        return rule('kmr', letters, RULE_CONFIDENCE.kurmanji);
    }
    return statistical(part, latin, letters);
  }

  /** The language of the words of `text` written in `script` (`letters` of them). */
  function guessScript(text: string, script: Exclude<Script, 'other'>, letters: number): Guess | null {
    const part = scriptPart(text, script);
    switch (script) {
      case 'ethiopic': {
        if (!has.has('ti')) return null;
        const amharic = tigrinyaLead(part) < 0;
        return {
          lang: 'ti',
          letters,
          path: 'script',
          score: 1,
          confidence: amharic ? RULE_CONFIDENCE.amharicLooking : RULE_CONFIDENCE.tigrinya,
        };
      }
      case 'arabic':
        return guessArabic(part, letters);
      case 'cyrillic':
        return statistical(part, cyrillic, letters);
      case 'latin':
        return guessLatin(text, part, letters);
    }
  }

  function guess(text: string): Guess | null {
    const cleaned = leadingChars(text, LANGUAGE_SAMPLE_CHARS);
    const counts = countScripts(cleaned);
    const main = mainScript(counts);
    if (main === 'other' || counts[main] < MIN_LETTERS) return null;
    return guessScript(cleaned, main, counts[main]);
  }

  function detectClean(text: string): LanguageResult {
    // Enough text to tell any language; the detectors' cost grows faster than the text (a 100,000-letter word
    // took 7 s).
    const cleaned = leadingChars(text, LANGUAGE_SAMPLE_CHARS);
    const counts = countScripts(cleaned);
    const main = mainScript(counts);
    if (main === 'other' || counts[main] < MIN_LETTERS) return { ...UND };
    const found = guessScript(cleaned, main, counts[main]);
    if (!found) return { ...UND };
    return {
      lang: found.lang,
      confidence: found.confidence,
      lang2: secondLanguage(cleaned, counts, main, found.lang, guessScript),
    };
  }

  function warmUp(): number {
    if (loaded) return 0;
    const start = performance.now();
    load();
    loaded = true;
    return performance.now() - start;
  }

  return { candidates, detect: (text) => detectClean(cleanText(text)), detectClean, guess, warmUp };
}

let defaultDetector: LanguageDetector | null = null;

/** The detector over `DEFAULT_CANDIDATES` that `detectLanguage` uses (created on first use). */
export function defaultLanguageDetector(): LanguageDetector {
  defaultDetector ??= createLanguageDetector();
  return defaultDetector;
}

/**
 * Loads the language detectors and every model now (~5 s and ~550 MB resident, once per process) so that
 * no post pays a load later. Returns the milliseconds spent (0 when already done).
 */
export function warmUpLanguageDetection(): number {
  return defaultLanguageDetector().warmUp();
}

/** The main-language guess for cleaned text, before the `und` cut (for evaluation scripts and tests). */
export function guessMainLanguage(cleaned: string): Guess | null {
  return defaultLanguageDetector().guess(cleaned);
}

/** Language of text already passed through `cleanText` (lets callers clean once for several uses). */
export function detectLanguageOfClean(cleaned: string): LanguageResult {
  return defaultLanguageDetector().detectClean(cleaned);
}

/**
 * Main language of a post (`und`, confidence 0, under 5 letters or when nothing answers), the measured
 * 0..1 accuracy of such an answer as `confidence`, and a code-mixed second language or null. Loads what it
 * needs on first use (up to ~5 s in all; see `warmUpLanguageDetection`).
 */
export function detectLanguage(text: string): LanguageResult {
  return defaultLanguageDetector().detect(text);
}
