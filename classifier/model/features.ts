/**
 * What the trained model sees of a post (pure): the v0 pipeline's tokens and lexicon hits, turned into
 * named sparse features.
 *
 * - Words: `w:<key>` per distinct token in the lexicon's matching form (normalise.ts: case, Arabic
 *   diacritics/tatweel/alef/yaa/taa marbuta, Persian yeh/kaf, ZWNJ), numbers as `w:#`.
 * - Character n-grams (`c:`): 3–5 letters of each token's matching form inside word boundaries
 *   (`<soc`, `ocen>`), which carry typos, inflection, compounds and clitics (`والسوسيال`) to the same
 *   features in every language without a stemmer.
 * - Stems: natural's Porter stemmers where it has one for the post's language (`s:<stem>`, sv/en/no/de/fr/es/
 *   ru/uk); Arabic-script words without clitic prefixes (the matcher's `arabicVariants`, natural has no
 *   Arabic stemmer and its Persian one is a no-op); a 5-letter prefix for the other languages (`p:`).
 * - Lexicon (`x:`): social-services context level, Sweden/children/crime/elsewhere signals, theme phrases
 *   (strong, weak, campaign), stance cues (counter, neutral, affirmation) and the themes they rebut, sense
 *   markers of ambiguous words: the same hits and language mask as the v0 classifier.
 * - Concepts (`k:`): cross-lingual word classes from concepts.json (falsehood, attribution, take/steal,
 *   religion, money, threat, welfare benefits, …), one feature per concept whatever the language.
 * - Claim scope (`r:`): per sentence, a claim concept (take/steal, religion, money, …) with or without a
 *   negation or falsehood word: denied or asserted; a negated question is asked (`r:asked`), not denied.
 * - Style (`y:`): emoji, exclamation and question marks, shouting, hashtags, links, quotes, length.
 * - The v0 decision (`v:`): its stance and its themes / `about` themes; and the detected language (`l:`).
 *
 * Token-level work (keys, stems) is memoised per token, so a stream of posts mostly pays for the lexicon
 * matcher.
 */
import PorterStemmerDe from 'natural/lib/natural/stemmers/porter_stemmer_de.js';
import PorterStemmerEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import PorterStemmerEs from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import PorterStemmerNo from 'natural/lib/natural/stemmers/porter_stemmer_no.js';
import PorterStemmerRu from 'natural/lib/natural/stemmers/porter_stemmer_ru.js';
import PorterStemmerSv from 'natural/lib/natural/stemmers/porter_stemmer_sv.js';
import PorterStemmerUk from 'natural/lib/natural/stemmers/porter_stemmer_uk.js';
import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
import { languageMask, SURE_LANGUAGE } from '../classify.ts';
import { conceptEvidence as evidenceOf, conceptHits, conceptMask, type ConceptHit } from './concepts.ts';
import { lexicon, matchKey } from '../lexicon.ts';
import { arabicVariants, findHits } from '../matcher.ts';
import { cleanText, tokenSpans, type TokenSpan } from '../normalise.ts';
import { decide } from '../stance.ts';
import type { Classification, Language, LanguageOrUnd, LanguageResult, ThemeId } from '../types.ts';

/** Bumped whenever the features of a text change: part of every model version. */
export const FEATURES_VERSION = 'f5';

const SWEDISH_FLAG = '\u{1F1F8}\u{1F1EA}';
const PREFIX_LETTERS = 5;
const ARABIC_SCRIPT_RE = /[\u0600-\u06ff]/;
const LATIN_RE = /^[\p{Script=Latin}\p{M}]+$/u;
const CYRILLIC_RE = /^[\p{Script=Cyrillic}\p{M}]+$/u;
const NUMBER_RE = /^\p{N}+$/u;

const STEMMERS: Partial<Record<Language, Stemmer>> = {
  sv: PorterStemmerSv,
  en: PorterStemmerEn,
  nb: PorterStemmerNo,
  nn: PorterStemmerNo,
  da: PorterStemmerNo,
  de: PorterStemmerDe,
  fr: PorterStemmerFr,
  es: PorterStemmerEs,
  ru: PorterStemmerRu,
  uk: PorterStemmerUk,
};

/** The features of one post before the model weighs them. */
export interface PostFeatures {
  /** Distinct word and stem features (`w:`, `s:`, `p:`). */
  words: string[];
  /** Distinct character n-gram features (`c:`), scaled apart from the words. */
  chars: string[];
  /** Lexicon, v0-decision and language features with their values (`x:`, `v:`, `l:`). */
  signals: Map<string, number>;
  /** Lexicon evidence per theme: matched theme phrases, slogans and rebutting cues, as written. */
  lexiconEvidence: Map<ThemeId, string[]>;
  /** Concept id → the words that expressed it, as written (concepts.json). */
  conceptEvidence: Map<string, string[]>;
  /** A word feature → the text it was read from (first occurrence), for "top feature" evidence. */
  surfaces: Map<string, string>;
  /** The v0 lexicon classifier's answer for the same post. */
  v0: Classification;
}

interface TokenInfo {
  /** The lexicon matching key (lexicon.ts `matchKey`). */
  match: string;
  /** `w:<key>` */
  word: string;
  /** `s:<stem>` / `p:<prefix>`, or null when it would equal the word. */
  stem: string | null;
  /** `c:<n-gram>` of the bounded key. */
  chars: string[];
}

const CHAR_MIN = 3;
const CHAR_MAX = 5;

/** Character n-grams of `<key>`; numbers and one-letter tokens give none. */
function charGrams(key: string): string[] {
  if (key === '#' || key.length < 2) return [];
  const letters = [...`<${key}>`];
  const out = new Set<string>();
  for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
    for (let i = 0; i + n <= letters.length; i++) out.add(`c:${letters.slice(i, i + n).join('')}`);
  }
  return [...out];
}

const CACHE_LIMIT = 100_000;
const tokenCache = new Map<string, TokenInfo>();

function stemOf(key: string, lang: LanguageOrUnd): string | null {
  if (NUMBER_RE.test(key)) return null;
  if (ARABIC_SCRIPT_RE.test(key)) {
    // The shortest clitic-free form the matcher would also accept, at least 3 letters.
    let best = key;
    for (const v of arabicVariants(key)) if (v.length >= 3 && v.length < best.length) best = v;
    return best === key ? null : `s:${best}`;
  }
  const stemmer = lang === 'und' ? undefined : STEMMERS[lang];
  const cyrillic = lang === 'ru' || lang === 'uk';
  if (stemmer && (cyrillic ? CYRILLIC_RE : LATIN_RE).test(key)) {
    const stem = stemmer.stem(key);
    return stem && stem !== key ? `s:${stem}` : null;
  }
  return key.length > PREFIX_LETTERS + 1 ? `p:${key.slice(0, PREFIX_LETTERS)}` : null;
}

function tokenInfo(token: string, lang: LanguageOrUnd): TokenInfo {
  const cacheKey = `${lang}\u0000${token}`;
  let info = tokenCache.get(cacheKey);
  if (!info) {
    const folded = matchKey(token);
    const key = NUMBER_RE.test(folded) ? '#' : folded;
    info = { match: folded, word: `w:${key}`, stem: stemOf(key, lang), chars: charGrams(key) };
    if (tokenCache.size >= CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(cacheKey, info);
  }
  return info;
}

/**
 * A token's counting term (emerging/new-claims.ts): its stem (`s:`) or prefix (`p:`) where the model has one,
 * else its matching key; numbers are `#`. The same memoised forms the model's word features use.
 */
export function stemTerm(token: string, lang: LanguageOrUnd): string {
  const info = tokenInfo(token, lang);
  return (info.stem ?? info.word).slice(2);
}

function addSignal(signals: Map<string, number>, name: string, value = 1, cap = 3): void {
  signals.set(name, Math.min(cap, (signals.get(name) ?? 0) + value));
}

function addEvidence(evidence: Map<ThemeId, string[]>, theme: ThemeId, surface: string): void {
  const list = evidence.get(theme);
  if (!list) evidence.set(theme, [surface]);
  else if (!list.includes(surface)) list.push(surface);
}

/** Lexicon signals and per-theme evidence from the matcher's hits, for the active languages only. */
function lexiconSignals(
  tokens: readonly TokenSpan[],
  cleaned: string,
  mask: number,
  signals: Map<string, number>,
  evidence: Map<ThemeId, string[]>,
  hits: ReturnType<typeof findHits>,
): void {
  for (const hit of hits) {
    const phrase = lexicon.phrases[hit.phrase];
    if (!phrase) continue;
    const surface = cleaned.slice(tokens[hit.start]?.start ?? 0, tokens[hit.end]?.end ?? 0);
    for (const p of phrase.payloads) {
      if ((p.langs & mask) === 0) continue;
      switch (p.kind) {
        case 'context':
          addSignal(signals, `x:ctx:${p.level}`);
          break;
        case 'campaign':
          addSignal(signals, 'x:campaign');
          for (const theme of p.themes) {
            addSignal(signals, `x:th:${theme}`);
            addEvidence(evidence, theme, surface);
          }
          break;
        case 'theme':
          addSignal(signals, p.strong ? `x:th:${p.theme}` : `x:weak:${p.theme}`);
          addSignal(signals, p.strong ? 'x:strong' : 'x:weak');
          addEvidence(evidence, p.theme, surface);
          break;
        case 'cue':
          addSignal(signals, `x:cue:${p.stance}`, p.weight);
          if (p.scoped) addSignal(signals, `x:cue:${p.stance}:scoped`);
          for (const theme of p.themes) {
            addSignal(signals, `x:cue-th:${theme}`);
            addEvidence(evidence, theme, surface);
          }
          break;
        default:
          addSignal(signals, `x:${p.kind}`);
      }
    }
  }
}

const EMOJI_RE = /\p{Extended_Pictographic}/gu;
const CAPS_WORD_RE = /(?:^|[^\p{L}])\p{Lu}{4,}(?=$|[^\p{L}])/gu;

/**
 * Language-independent style (`y:`): emoji, exclamation and question marks, shouting, hashtags, links,
 * quotation marks, digits, line breaks and length. Read from the raw text (cleaning drops emoji and links).
 */
function styleSignals(text: string, tokens: number, signals: Map<string, number>): void {
  const emoji = text.match(EMOJI_RE)?.length ?? 0;
  const flag = (name: string, on: boolean) => {
    if (on) signals.set(`y:${name}`, 1);
  };
  flag('emoji', emoji > 0);
  flag('emoji2', emoji > 1);
  flag('excl', text.includes('!'));
  flag('excl2', /!!|!.*!/s.test(text));
  flag('question', /[?؟]/.test(text));
  flag('shout', (text.match(CAPS_WORD_RE)?.length ?? 0) > 0);
  flag('hashtag', /(^|\s)#[\p{L}\p{N}_]/u.test(text));
  flag('link', /https?:\/\/|www\./i.test(text));
  flag('quote', /["“”«»„]/.test(text));
  flag('digits', /\p{N}/u.test(text));
  flag('lines', text.includes('\n'));
  signals.set(`y:len${tokens <= 12 ? 12 : tokens <= 25 ? 25 : tokens <= 50 ? 50 : 99}`, 1);
}

/** Concepts that make a claim about what social services do (a denial or an assertion of it). */
const CLAIMS = new Set([
  'take_steal',
  'religion',
  'pork_alcohol',
  'lgbt',
  'host_family',
  'immigrant_racism',
  'abuse',
  'money',
  'secrecy',
  'pretext',
  'school_report',
  'nazi_fascist',
  'leave',
  'threat',
]);
const DENIALS = new Set(['negation', 'falsehood']);
const SENTENCE_END_RE = /[.!?…\n؟;]/;
const QUESTION_RE = /[?؟]/;

/**
 * Claims per sentence (`r:`): a sentence with a claim concept and a negation or falsehood word denies it
 * (`r:denied`, `r:denied:<concept>`: "soc does not take children") unless it is a question (`r:asked`: "why
 * don't they take Swedish children?"); one without asserts it (`r:asserted`).
 */
function claimScope(
  tokens: readonly TokenSpan[],
  text: string,
  hits: readonly ConceptHit[],
  signals: Map<string, number>,
): void {
  if (hits.length === 0) return;
  const sentenceOf: number[] = [];
  const questions = new Set<number>();
  let n = 0;
  tokens.forEach((t, i) => {
    const gap = i > 0 ? text.slice(tokens[i - 1]?.end ?? 0, t.start) : '';
    if (SENTENCE_END_RE.test(gap)) {
      if (QUESTION_RE.test(gap)) questions.add(n);
      n++;
    }
    sentenceOf.push(n);
  });
  if (QUESTION_RE.test(text.slice(tokens.at(-1)?.end ?? 0))) questions.add(n);
  const bySentence = new Map<number, Set<string>>();
  for (const hit of hits) {
    const sentence = sentenceOf[hit.start] ?? 0;
    const set = bySentence.get(sentence) ?? new Set<string>();
    set.add(hit.id);
    bySentence.set(sentence, set);
  }
  for (const [sentence, ids] of bySentence) {
    const claims = [...ids].filter((id) => CLAIMS.has(id));
    if (claims.length === 0) continue;
    const denied = [...ids].some((id) => DENIALS.has(id));
    // "Why don't they take Swedish children?" asks, it does not deny.
    if (denied && questions.has(sentence)) {
      addSignal(signals, 'r:asked', 1, 2);
      continue;
    }
    addSignal(signals, denied ? 'r:denied' : 'r:asserted', 1, 2);
    if (denied) for (const id of claims) signals.set(`r:denied:${id}`, 1);
  }
}

/** Features of a post whose language is already detected. */
export function extractFeatures(text: string, language: LanguageResult): PostFeatures {
  const cleaned = cleanText(text);
  const tokens = tokenSpans(cleaned);
  const lang = language.lang;
  const words = new Set<string>();
  const chars = new Set<string>();
  const surfaces = new Map<string, string>();
  const keys: string[] = [];
  for (const t of tokens) {
    const info = tokenInfo(t.text, lang);
    keys.push(info.match);
    if (!words.has(info.word)) {
      words.add(info.word);
      surfaces.set(info.word, t.text);
    }
    for (const c of info.chars) chars.add(c);
    if (info.stem && !words.has(info.stem)) {
      words.add(info.stem);
      surfaces.set(info.stem, t.text);
    }
  }

  const signals = new Map<string, number>();
  const lexiconEvidence = new Map<ThemeId, string[]>();
  signals.set(`l:${lang}`, 1);
  styleSignals(text, tokens.length, signals);
  let v0: Classification = { stance: 'unrelated', themes: [], about: [] };
  const maskLang = language.confidence >= SURE_LANGUAGE ? lang : 'und';
  const found = conceptHits(tokens, cleaned, conceptMask(maskLang, language.lang2));
  const conceptEvidence = evidenceOf(found);
  for (const id of conceptEvidence.keys()) signals.set(`k:${id}`, 1);
  claimScope(tokens, cleaned, found, signals);
  if (tokens.length > 0) {
    const hits = findHits(lexicon, tokens);
    if (hits.length > 0) {
      const mask = languageMask(lexicon, maskLang, language.lang2);
      lexiconSignals(tokens, cleaned, mask, signals, lexiconEvidence, hits);
      v0 = decide(lexicon, tokens, keys, cleaned, hits, mask, { swedishFlag: text.includes(SWEDISH_FLAG) });
    }
  }
  signals.set(`v:${v0.stance}`, 1);
  for (const m of v0.themes) signals.set(`v:theme:${m.id}`, 1);
  for (const m of v0.about) signals.set(`v:about:${m.id}`, 1);
  return { words: [...words], chars: [...chars], signals, lexiconEvidence, conceptEvidence, surfaces, v0 };
}
