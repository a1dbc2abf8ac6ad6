/**
 * The two statistical detectors behind language.ts, loaded on first use and kept for the process.
 *
 * - eld (`eld/extrasmall`, Apache-2.0, pure JS): ~0.1 ms a sentence, ~0.3 s and ~40 MB of heap to load.
 *   The fast first opinion; language.ts trusts it only on longer text where it is clear (`ELD_GATE`).
 *   Its extra-small table is as good a gate as its large one (measured) at a fifth of the memory.
 * - Lingua (`@bluzzi/lingua`, Apache-2.0, Rust compiled to WebAssembly), high-accuracy mode: ~0.2–1 ms a
 *   text (more candidates and more text cost more), ~5 s and ~480 MB resident to load (the 73 MB wasm
 *   module, then the 1- to 5-gram models of the 19 candidates it knows). The best detector measured on
 *   short text; asked when eld is unsure, always on short text, and to split what eld merges.
 *
 * Both load synchronously (Lingua's wasm is compiled with `new WebAssembly.Module`; eld is required as an
 * ES module, which needs Node ≥ 20.19), so `detectLanguage` stays synchronous. The first call pays the
 * load; `Engines.load` lets a worker pay it at start instead. Loading reads the packages' own files only.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Language } from './types.ts';

/** eld's codes for the project languages it knows: Norwegian is one model, Bosnian reads as Croatian. */
const ELD_CODE: Partial<Record<Language, string>> = {
  sv: 'sv',
  en: 'en',
  tr: 'tr',
  bs: 'hr',
  hr: 'hr',
  sr: 'sr',
  pl: 'pl',
  fi: 'fi',
  nb: 'no',
  nn: 'no',
  da: 'da',
  de: 'de',
  es: 'es',
  fr: 'fr',
  ru: 'ru',
  uk: 'uk',
  ar: 'ar',
  fa: 'fa',
};

/** Lingua's names for the project languages it knows (no Dari, Tigrinya or Kurdish). */
const LINGUA_NAME: Partial<Record<Language, string>> = {
  sv: 'Swedish',
  en: 'English',
  so: 'Somali',
  tr: 'Turkish',
  bs: 'Bosnian',
  hr: 'Croatian',
  sr: 'Serbian',
  pl: 'Polish',
  fi: 'Finnish',
  nb: 'Bokmal',
  nn: 'Nynorsk',
  da: 'Danish',
  de: 'German',
  es: 'Spanish',
  fr: 'French',
  ru: 'Russian',
  uk: 'Ukrainian',
  ar: 'Arabic',
  fa: 'Persian',
};

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
interface Eld {
  detect(text: string): EldResult;
  setLanguageSubset(languages: string[] | false): unknown;
}
interface LinguaDetector {
  computeLanguageConfidenceValues(text: string): { language: string; confidence: number }[];
}
interface LinguaBuilder {
  withPreloadedLanguageModels(): LinguaBuilder;
  build(): LinguaDetector;
}
interface LinguaModule {
  LanguageDetectorBuilder: { fromISOCodes6391(codes: string[]): LinguaBuilder };
}

/** eld's view of a text restricted to some languages: its top language, lead over the next, reliability. */
export interface EldOpinion {
  /** The project language (for eld's merged models: the first candidate of the merge, see `ELD_CODE`). */
  lang: Language;
  /** eld's 0..1 score lead of the top language over the runner-up among the candidates. */
  gap: number;
  /** eld's own test: enough n-grams and a top score near that language's average. */
  reliable: boolean;
  /** Candidates eld cannot tell apart from `lang` (nb/nn, bs/hr): ask Lingua among these. */
  merged: Language[];
  /** The candidates of eld's best `ELD_SHORTLIST` models, best first, merged models expanded. */
  shortlist: Language[];
}

/** How many of eld's top models make the shortlist that Lingua decides among when eld is unsure. */
export const ELD_SHORTLIST = 4;

/** Lingua's ranking: the top language, its probability among the candidates and the runner-up's. */
export interface LinguaOpinion {
  lang: Language;
  probability: number;
  second: number;
}

const require = createRequire(import.meta.url);
let baseEld: (Eld & { newInstance(): Eld }) | null = null;
let lingua: LinguaModule | null = null;
/** Lingua detectors by sorted language list, shared by all engines (the models live in the wasm module). */
const linguaDetectors = new Map<string, LinguaDetector>();
const fromLinguaName = new Map(
  Object.entries(LINGUA_NAME).map(([code, name]) => [name, code as Language] as const),
);

export function eldKnows(lang: Language): boolean {
  return ELD_CODE[lang] !== undefined;
}

export function linguaKnows(lang: Language): boolean {
  return LINGUA_NAME[lang] !== undefined;
}

function newEld(): Eld {
  if (!baseEld) {
    // eld's exports map offers only `import`; require(esm) of the resolved file keeps this synchronous.
    const file = fileURLToPath(import.meta.resolve('eld/extrasmall'));
    baseEld = (require(file) as { eld: Eld & { newInstance(): Eld } }).eld;
  }
  // An instance shares the loaded n-gram table and keeps its own language subset.
  return baseEld.newInstance();
}

/**
 * A Lingua detector for `langs`. Models are cached inside the wasm module for the process: a detector
 * for languages already loaded costs ~1 ms; otherwise Lingua loads each model when a text first needs it
 * (~0.3 s a language), or all of them now with `preload`.
 */
function linguaDetector(langs: readonly Language[], preload = false): LinguaDetector {
  const codes = [...langs].sort();
  const key = codes.join(',');
  let detector = linguaDetectors.get(key);
  if (!detector || preload) {
    lingua ??= require('@bluzzi/lingua') as LinguaModule;
    const builder = lingua.LanguageDetectorBuilder.fromISOCodes6391(codes);
    detector = (preload ? builder.withPreloadedLanguageModels() : builder).build();
    linguaDetectors.set(key, detector);
  }
  return detector;
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const space = text.lastIndexOf(' ', maxChars);
  return text.slice(0, space > 0 ? space : maxChars);
}

/** The detectors for one candidate list, loaded on first use. */
export interface Engines {
  /** eld's opinion among `langs` (a subset of the candidates), or null when it knows none or sees none. */
  askEld(text: string, langs: readonly Language[]): EldOpinion | null;
  /**
   * Lingua's opinion among `langs` (those it knows), or null when it knows none or sees none. Reads at
   * most `maxChars` characters (cut at a space): its time grows with the text.
   */
  askLingua(text: string, langs: readonly Language[], maxChars?: number): LinguaOpinion | null;
  /** Loads eld and Lingua's models for every candidate now (~5 s, ~550 MB resident in all). */
  load(): void;
}

export function createEngines(candidates: readonly Language[]): Engines {
  const eldCodes = [...new Set(candidates.flatMap((l) => ELD_CODE[l] ?? []))];
  let eld: Eld | null = null;

  function askEld(text: string, langs: readonly Language[]): EldOpinion | null {
    if (eldCodes.length === 0) return null;
    if (!eld) {
      eld = newEld();
      eld.setLanguageSubset(eldCodes);
    }
    const result = eld.detect(text);
    const merged = langs.filter((l) => ELD_CODE[l] === result.language);
    const lang = merged[0];
    if (!lang) return null;
    // getScores() lists eld's codes best first; other scripts' models score nothing on this text.
    const wanted = new Set(langs.map((l) => ELD_CODE[l]));
    const scores = Object.entries(result.getScores()).filter(([code]) => wanted.has(code));
    const gap = (scores[0]?.[1] ?? 0) - (scores[1]?.[1] ?? 0);
    const top = new Set(scores.slice(0, ELD_SHORTLIST).map(([code]) => code));
    const shortlist = langs.filter((l) => top.has(ELD_CODE[l] ?? ''));
    return { lang, gap, reliable: result.isReliable(), merged, shortlist };
  }

  function askLingua(text: string, langs: readonly Language[], maxChars = Infinity): LinguaOpinion | null {
    const known = langs.filter(linguaKnows);
    const only = known[0];
    if (!only) return null;
    if (known.length === 1) return { lang: only, probability: 1, second: 0 };
    const ranked = linguaDetector(known).computeLanguageConfidenceValues(truncate(text, maxChars));
    const top = ranked[0];
    const lang = top ? fromLinguaName.get(top.language) : undefined;
    if (!top || !lang || top.confidence <= 0) return null;
    return { lang, probability: top.confidence, second: ranked[1]?.confidence ?? 0 };
  }

  function load(): void {
    askEld('', candidates);
    const known = candidates.filter(linguaKnows);
    if (known.length >= 2) linguaDetector(known, true);
  }

  return { askEld, askLingua, load };
}
