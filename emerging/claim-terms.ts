/**
 * The terms of a post for new-claim detection (pure): the classifier's cleaning, tokens and stems
 * (classifier/normalise.ts, the model's `stemTerm`), as distinct word terms and word bigrams with the surface
 * form each was read from. Words of the existing theme lexicons are left out of the single terms, so a rise of a
 * known rumour is a spike, not a new claim; they still take part in bigrams with an unknown word.
 */
import { lexicon } from '../classifier/lexicon.ts';
import { atomsOfToken } from '../classifier/matcher.ts';
import { stemTerm } from '../classifier/model/features.ts';
import { cleanText, tokenSpans } from '../classifier/normalise.ts';
import type { LanguageOrUnd } from '../classifier/types.ts';

export interface PostTerms {
  /** Distinct terms: stems (`chip`) and bigrams of stems (`rfid chip`). */
  terms: string[];
  /** Term → the words it was first read from, as written. */
  surfaces: Map<string, string>;
}

/** Shortest word (in letters) that counts as a term on its own; shorter words only join bigrams. */
const MIN_TERM_LETTERS = 3;
const NUMBER_RE = /^\p{N}+$/u;

let knownAtoms: Set<number> | null = null;

/** Atoms of the lexicon's theme, campaign and social-services phrases (the vocabulary themes already have). */
function themeAtoms(): Set<number> {
  if (knownAtoms !== null) return knownAtoms;
  knownAtoms = new Set();
  for (const phrase of lexicon.phrases) {
    if (!phrase.payloads.some((p) => p.kind === 'theme' || p.kind === 'campaign' || p.kind === 'context'))
      continue;
    for (const slot of phrase.slots) for (const atom of slot) knownAtoms.add(atom);
  }
  return knownAtoms;
}

/** True when the word (as written) is part of an existing theme's lexicon. */
export function isThemeWord(word: string): boolean {
  const atoms = themeAtoms();
  return atomsOfToken(lexicon, word).some((atom) => atoms.has(atom));
}

/** The distinct terms of a post's text in `lang`. */
export function postTerms(text: string, lang: LanguageOrUnd): PostTerms {
  const words = tokenSpans(cleanText(text)).map((span) => span.text);
  const terms: string[] = [];
  const surfaces = new Map<string, string>();
  const add = (term: string, surface: string) => {
    if (surfaces.has(term)) return;
    surfaces.set(term, surface);
    terms.push(term);
  };
  let previous: { term: string; word: string; known: boolean } | null = null;
  for (const word of words) {
    if (NUMBER_RE.test(word)) {
      previous = null;
      continue;
    }
    const term = stemTerm(word, lang);
    const known = isThemeWord(word);
    if (!known && [...word].length >= MIN_TERM_LETTERS) add(term, word);
    if (previous !== null && !(previous.known && known) && previous.term !== term)
      add(`${previous.term} ${term}`, `${previous.word} ${word}`);
    previous = { term, word, known };
  }
  return { terms, surfaces };
}
