/**
 * The v0 classifier (pure): lexicon matching for stance and rumour themes, see stance.ts for the rules.
 * Runs on every post: the lexicon is compiled once at import and token lookups are memoised.
 */
import { detectLanguageOfClean } from './language.ts';
import { lexicon, matchKey, type CompiledLexicon } from './lexicon.ts';
import { findHits } from './matcher.ts';
import { cleanText, tokenSpans } from './normalise.ts';
import { decide } from './stance.ts';
import type { Classification, Language, LanguageOrUnd, LanguageResult } from './types.ts';

/** Identifies the classifier and lexicon that produced a result (stored with every classification). */
export const MODEL_VERSION = `lexicon-v0+${lexicon.version}`;

/** Lexicon languages searched for a post language besides its own: the diaspora mixes in Swedish and English. */
const ALWAYS = ['sv', 'en'] as const;
/** Languages that share the Arabic script read each other's lexicons (keyboards and loanwords cross). */
const ARABIC_SCRIPT: readonly Language[] = ['ar', 'fa', 'prs', 'ckb'];
/** Lexicon to use for a language without its own. */
const LEXICON_OF: Partial<Record<Language, Language>> = { prs: 'fa', hr: 'bs', sr: 'bs' };

/** Bit mask of the lexicon languages to search for a post in `lang` (all of them for und or no lexicon). */
export function languageMask(
  lex: CompiledLexicon,
  lang: LanguageOrUnd,
  lang2: Language | null = null,
): number {
  const bit = (l: Language) => {
    const i = lex.languages.indexOf(LEXICON_OF[l] ?? l);
    return i < 0 ? 0 : 1 << i;
  };
  if (lang === 'und' || bit(lang) === 0) return lex.allLanguages;
  let mask = bit(lang);
  for (const l of ALWAYS) mask |= bit(l);
  if (ARABIC_SCRIPT.includes(lang)) for (const l of ARABIC_SCRIPT) mask |= bit(l);
  if (lang2) mask |= bit(lang2) === 0 ? lex.allLanguages : bit(lang2);
  return mask;
}

/** The Swedish flag is stripped with the other emoji, but it names Sweden. */
const SWEDISH_FLAG = '\u{1F1F8}\u{1F1EA}';

function classifyClean(
  cleaned: string,
  lang: LanguageOrUnd,
  lang2: Language | null,
  swedishFlag: boolean,
): Classification {
  const tokens = tokenSpans(cleaned);
  if (tokens.length === 0) return { stance: 'unrelated', themes: [], about: [] };
  const hits = findHits(lexicon, tokens);
  if (hits.length === 0) return { stance: 'unrelated', themes: [], about: [] };
  const keys = tokens.map((t) => matchKey(t.text));
  return decide(lexicon, tokens, keys, cleaned, hits, languageMask(lexicon, lang, lang2), { swedishFlag });
}

/**
 * Stance and rumour themes of a post in `lang` (`und` or a language without a lexicon searches every
 * lexicon). `options.lang2`, a code-mixed second language, adds its lexicon.
 */
export function classify(
  text: string,
  lang: LanguageOrUnd,
  options: { lang2?: Language | null } = {},
): Classification {
  return classifyClean(cleanText(text), lang, options.lang2 ?? null, text.includes(SWEDISH_FLAG));
}

/** Below this language confidence every lexicon is searched: a misread language must not hide a rumour. */
export const SURE_LANGUAGE = 0.8;

/** Language detection and classification in one pass over the cleaned text. */
export function classifyWithLanguage(text: string): {
  language: LanguageResult;
  classification: Classification;
} {
  const cleaned = cleanText(text);
  const language = detectLanguageOfClean(cleaned);
  const lang = language.confidence >= SURE_LANGUAGE ? language.lang : 'und';
  const classification = classifyClean(cleaned, lang, language.lang2, text.includes(SWEDISH_FLAG));
  return { language, classification };
}
