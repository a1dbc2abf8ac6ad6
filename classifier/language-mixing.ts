/**
 * A second language in a code-mixed post (pure given the guesser): another script's words (Swedish
 * loanwords in an Arabic post count), Swedish terms in another Latin-script language, or whole sentences
 * in Swedish or English inside a post in another Latin-script language.
 */
import { markerCounts, somaliMarkers, SWEDISH_LOANWORDS } from './language-markers.ts';
import { countScripts, scriptPart, type Script, type ScriptCounts } from './scripts.ts';
import type { Language } from './types.ts';

/** The language of the words of a text written in one script, with how sure that is (0..1). */
export type ScriptGuesser = (
  text: string,
  script: Exclude<Script, 'other'>,
  letters: number,
) => { lang: Language; confidence: number } | null;

const CLOSE_GROUPS: readonly (readonly Language[])[] = [
  ['sv', 'nb', 'nn', 'da'],
  ['bs', 'hr', 'sr'],
  ['fa', 'prs'],
];

function related(a: Language, b: Language): boolean {
  return a === b || CLOSE_GROUPS.some((group) => group.includes(a) && group.includes(b));
}

const MIN_OTHER_SCRIPT_LETTERS = 10;
const SEGMENT_RE = /[.!?…\n]+|[:;]\s|\s[-–—]\s/;
const MIN_SEGMENT_LETTERS = 15;
const MIN_SEGMENT_CONFIDENCE = 0.8;
const MIN_SECOND_SHARE = 0.2;

/**
 * The share of a Latin-script text's letters in sentences holding a Somali function word. eld, which answers
 * first, has no Somali model: a Somali post with a Swedish sentence in it read as Swedish, sure.
 */
export function somaliShare(latinText: string): number {
  let somali = 0;
  let total = 0;
  for (const segment of latinText.split(SEGMENT_RE)) {
    const letters = countScripts(segment).latin;
    total += letters;
    if (somaliMarkers(segment.toLowerCase().replace(/[^\p{L}]+/gu, ' ')) > 0) somali += letters;
  }
  return total === 0 ? 0 : somali / total;
}

/** A second language of `text` (main script `main`, main language `lang`), else null. */
export function secondLanguage(
  text: string,
  counts: ScriptCounts,
  main: Script,
  lang: Language,
  guessScript: ScriptGuesser,
): Language | null {
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
    }
    if ((script === 'latin' || script === 'cyrillic') && letters < MIN_OTHER_SCRIPT_LETTERS) continue;
    const guess = guessScript(text, script, letters);
    if (guess && !related(guess.lang, lang) && (script !== 'latin' || guess.confidence >= 0.5))
      return guess.lang;
  }
  if (main !== 'latin') return null;
  // Swedish terms inside another Latin-script language (Somali, Turkish, English posts): the longer,
  // unambiguous loanwords only (not lvu/soc, which English and Somali writers use as names).
  if (!related(lang, 'sv')) {
    const words = scriptPart(text, 'latin').toLowerCase().split(' ');
    if (words.some((w) => w.length >= 6 && SWEDISH_LOANWORDS.has(w))) return 'sv';
  }
  // Same-script mixing is looked for where the diaspora mixes: Swedish or English function words in a
  // Latin-script post of another language (segment detection costs a detection per sentence).
  const markers = markerCounts(text);
  const foreign =
    (lang !== 'en' && markers.en >= 2) ||
    (!related(lang, 'sv') && markers.sv >= 2) ||
    (lang !== 'so' && somaliMarkers(scriptPart(text, 'latin').toLowerCase()) >= 2);
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
