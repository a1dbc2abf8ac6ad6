/**
 * Language of a post (pure): script routing first, then franc restricted to the project's languages.
 *
 * - Ethiopic script → `ti` (the only project language written in it; Amharic would also land here).
 * - Arabic script → `ckb` when Sorani letters (ڕ ڵ ۆ ێ ە) occur; else Arabic vs Persian by keyboard
 *   letters (پ چ ژ گ ی ک vs ة ى ي ك) when they disagree, franc (arb/pes/prs) when they do not. Franc
 *   prefers Dari for two Iranian Persian sentences in three, so `prs` is returned only when franc ranks
 *   Dari above Persian by more than it ever did on the Iranian Persian test sentences (unvalidated on Dari).
 * - Cyrillic → ru/uk/sr; Latin → the Latin-script project languages, with marker function words
 *   overruling franc where it drifts on short text (Swedish to nn/nb/da, English to da/de/fi).
 *   Franc's Latin-script `ckb` model catches Kurmanji, so it maps to `kmr`.
 * - `und` (confidence 0) under 10 letters, or when the measured accuracy at this length and franc score
 *   margin is below one half. `confidence` is that measured accuracy (see CONFIDENCE below).
 */
import { francAll } from 'franc';
import { cleanText } from './normalise.ts';
import { confidenceFor, markerConfidenceFor } from './language-confidence.ts';
import { markerCounts, markerPick } from './language-markers.ts';
import { countScripts, mainScript, scriptPart, type Script, type ScriptCounts } from './scripts.ts';
import type { Language, LanguageResult } from './types.ts';

const LATIN_CANDIDATES = [
  'swe',
  'eng',
  'som',
  'tur',
  'bos',
  'hrv',
  'srp',
  'pol',
  'fin',
  'nob',
  'nno',
  'dan',
  'deu',
  'spa',
  'fra',
  'ckb',
];
const CYRILLIC_CANDIDATES = ['rus', 'ukr', 'srp'];
const ARABIC_CANDIDATES = ['arb', 'pes', 'prs'];

/** franc's ISO 639-3 codes → project codes. `ckb` is franc's Latin-script Kurdish model, i.e. Kurmanji. */
const FRANC_TO_PROJECT: Record<string, Language> = {
  swe: 'sv',
  eng: 'en',
  som: 'so',
  tur: 'tr',
  bos: 'bs',
  hrv: 'hr',
  srp: 'sr',
  pol: 'pl',
  fin: 'fi',
  nob: 'nb',
  nno: 'nn',
  dan: 'da',
  deu: 'de',
  spa: 'es',
  fra: 'fr',
  rus: 'ru',
  ukr: 'uk',
  arb: 'ar',
  pes: 'fa',
  prs: 'prs',
  ckb: 'kmr',
  tir: 'ti',
};

const MIN_LETTERS = 10;
/** Largest prs-over-pes franc score lead seen on the 1,000 Iranian Persian test sentences was 0.20. */
const DARI_LEAD = 0.2;

/** The detector's main guess before the `und` cut, with what its confidence was read from. */
export interface Guess {
  lang: Language;
  /** franc's raw top-two margin (1 when script or letters decided alone). */
  margin: number;
  letters: number;
  /** Marker words overruled franc's top language. */
  tieBroken: boolean;
  confidence: number;
}

function marginOf(ranked: [string, number][]): number {
  const first = ranked[0]?.[1] ?? 0;
  const second = ranked[1]?.[1] ?? 0;
  return ranked.length > 1 ? first - second : 1;
}

function guessWithFranc(part: string, only: string[], letters: number, useMarkers: boolean): Guess | null {
  const ranked = francAll(part, { only, minLength: 1 });
  if (ranked[0]?.[0] === 'und') return null;
  const picked = useMarkers ? markerPick(part, ranked) : null;
  const lang = FRANC_TO_PROJECT[picked ?? ranked[0]?.[0] ?? ''];
  if (!lang) return null;
  if (picked) return { lang, margin: 0, letters, tieBroken: true, confidence: markerConfidenceFor(letters) };
  const margin = marginOf(ranked);
  return { lang, margin, letters, tieBroken: false, confidence: confidenceFor(letters, margin) };
}

const SORANI_RE = /[\u0695\u06b5\u06c6\u06ce\u06d5]/g;
const PERSIAN_STRONG_RE = /[پچژگ]/g;
const PERSIAN_KEYBOARD_RE = /[\u06cc\u06a9]/g;
const ARABIC_STRONG_RE = /[ةى]/g;
const ARABIC_KEYBOARD_RE = /[\u064a\u0643]/g;

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

function guessArabicScript(part: string, letters: number): Guess | null {
  const sorani = count(part, SORANI_RE);
  if (sorani >= 2) {
    const share = sorani / Math.max(letters, 1);
    return { lang: 'ckb', margin: 1, letters, tieBroken: false, confidence: share >= 0.03 ? 0.9 : 0.7 };
  }
  const ranked = letters >= 3 ? francAll(part, { only: ARABIC_CANDIDATES, minLength: 1 }) : [];
  const scores = Object.fromEntries(ranked) as Record<string, number | undefined>;
  const persianLetters = 2 * count(part, PERSIAN_STRONG_RE) + count(part, PERSIAN_KEYBOARD_RE);
  const arabicLetters = 2 * count(part, ARABIC_STRONG_RE) + count(part, ARABIC_KEYBOARD_RE);
  const francTop = ranked[0]?.[0];
  let lang: Language;
  let margin: number;
  if (persianLetters !== arabicLetters) {
    lang = persianLetters > arabicLetters ? 'fa' : 'ar';
    const francLang = francTop === 'arb' ? 'ar' : francTop ? 'fa' : null;
    // Letters and franc agree: franc's margin; letters alone: treat as a narrow call.
    margin =
      francLang === lang ? Math.abs((scores.arb ?? 0) - Math.max(scores.pes ?? 0, scores.prs ?? 0)) : 0;
  } else if (francTop && francTop !== 'und') {
    lang = francTop === 'arb' ? 'ar' : 'fa';
    margin = Math.abs((scores.arb ?? 0) - Math.max(scores.pes ?? 0, scores.prs ?? 0));
  } else {
    return null;
  }
  if (lang === 'fa' && (scores.prs ?? 0) - (scores.pes ?? 0) > DARI_LEAD) lang = 'prs';
  return { lang, margin, letters, tieBroken: false, confidence: confidenceFor(letters, margin) };
}

function guessScript(text: string, script: Exclude<Script, 'other'>, letters: number): Guess | null {
  const part = scriptPart(text, script);
  switch (script) {
    case 'ethiopic':
      return { lang: 'ti', margin: 1, letters, tieBroken: false, confidence: 0.9 };
    case 'arabic':
      return guessArabicScript(part, letters);
    case 'cyrillic':
      return guessWithFranc(part, CYRILLIC_CANDIDATES, letters, false);
    case 'latin':
      return guessWithFranc(part, LATIN_CANDIDATES, letters, true);
  }
}

const CLOSE_GROUPS: readonly (readonly Language[])[] = [
  ['sv', 'nb', 'nn', 'da'],
  ['bs', 'hr', 'sr'],
  ['fa', 'prs'],
];

function related(a: Language, b: Language): boolean {
  return a === b || CLOSE_GROUPS.some((group) => group.includes(a) && group.includes(b));
}

/** Swedish words that diaspora posts in other languages and scripts carry (code-mixing). */
const SWEDISH_LOANWORDS = new Set(
  (
    'lvu soc socen socialen socialtjänsten socialtjänst socialsekreterare familjehem familjehemmet ' +
    'orosanmälan orosanmälningar förvaltningsrätten omhändertagande omhändertagandet kommunen ' +
    'försörjningsstöd bistånd migrationsverket försäkringskassan arbetsförmedlingen skatteverket ' +
    'personnummer hvb bvc sfi jourhem barnavårdsnämnden'
  ).split(' '),
);

const SEGMENT_RE = /[.!?…\n]+|[:;]\s|\s[-–—]\s/;
const MIN_SEGMENT_LETTERS = 15;
const MIN_SEGMENT_CONFIDENCE = 0.8;
const MIN_SECOND_SHARE = 0.2;

/** A second language in another script (Swedish loanwords count), else one same-script segment's. */
function secondLanguage(text: string, counts: ScriptCounts, main: Script, lang: Language): Language | null {
  const others = (['latin', 'arabic', 'cyrillic', 'ethiopic'] as const)
    .filter((s) => s !== main && counts[s] >= 3)
    .sort((a, b) => counts[b] - counts[a]);
  for (const script of others) {
    const letters = counts[script];
    if (script === 'latin') {
      const words = scriptPart(text, 'latin').toLowerCase().split(' ');
      if (words.some((w) => SWEDISH_LOANWORDS.has(w) || /[åäö]/.test(w))) {
        if (!related(lang, 'sv')) return 'sv';
        continue;
      }
      if (letters < MIN_LETTERS) continue;
    }
    if (script === 'cyrillic' && letters < MIN_LETTERS) continue;
    const guess = guessScript(text, script, letters);
    if (guess && !related(guess.lang, lang) && (script !== 'latin' || guess.confidence >= 0.5))
      return guess.lang;
  }
  if (main === 'other' || main === 'ethiopic') return null;
  // Swedish terms inside another Latin-script language (Somali, Turkish, English posts): the longer,
  // unambiguous loanwords only (not lvu/soc, which English and Somali writers use as names).
  if (main === 'latin' && !related(lang, 'sv')) {
    const words = scriptPart(text, 'latin').toLowerCase().split(' ');
    if (words.some((w) => w.length >= 6 && SWEDISH_LOANWORDS.has(w))) return 'sv';
  }
  // Same-script mixing is looked for where the diaspora mixes: Swedish or English function words in a
  // Latin-script post of another language (segment detection costs a franc call per sentence).
  if (main !== 'latin') return null;
  const markers = markerCounts(text);
  const foreign = (lang !== 'en' && markers.en >= 2) || (!related(lang, 'sv') && markers.sv >= 2);
  if (!foreign) return null;
  const segments = text.split(SEGMENT_RE);
  if (segments.length < 2) return null;
  const share = new Map<Language, number>();
  let total = 0;
  for (const segment of segments) {
    const letters = countScripts(segment)[main];
    if (letters === 0) continue;
    total += letters;
    if (letters < MIN_SEGMENT_LETTERS) continue;
    const guess = guessScript(segment, main, letters);
    if (!guess || guess.confidence < MIN_SEGMENT_CONFIDENCE || related(guess.lang, lang)) continue;
    share.set(guess.lang, (share.get(guess.lang) ?? 0) + letters);
  }
  let best: Language | null = null;
  let bestLetters = 0;
  for (const [code, letters] of share) {
    if (letters > bestLetters) [best, bestLetters] = [code, letters];
  }
  return best && bestLetters >= MIN_SECOND_SHARE * total ? best : null;
}

const UND: LanguageResult = Object.freeze({ lang: 'und', confidence: 0, lang2: null });

/** The main-language guess for cleaned text, before the `und` cut (for evaluation scripts and tests). */
export function guessMainLanguage(cleaned: string): Guess | null {
  const counts = countScripts(cleaned);
  const main = mainScript(counts);
  if (counts.total < MIN_LETTERS || main === 'other' || counts[main] < MIN_LETTERS) return null;
  return guessScript(cleaned, main, counts[main]);
}

/** Language of text already passed through `cleanText` (lets callers clean once for several uses). */
export function detectLanguageOfClean(cleaned: string): LanguageResult {
  const counts = countScripts(cleaned);
  const main = mainScript(counts);
  if (counts.total < MIN_LETTERS || main === 'other' || counts[main] < MIN_LETTERS) return { ...UND };
  const guess = guessScript(cleaned, main, counts[main]);
  if (!guess || guess.confidence < 0.5) return { ...UND };
  return {
    lang: guess.lang,
    confidence: guess.confidence,
    lang2: secondLanguage(cleaned, counts, main, guess.lang),
  };
}

/**
 * Main language of a post (`und`, confidence 0, when under 10 letters or too close to call), the measured
 * 0..1 accuracy at that length and margin as `confidence`, and a code-mixed second language or null.
 */
export function detectLanguage(text: string): LanguageResult {
  return detectLanguageOfClean(cleanText(text));
}
