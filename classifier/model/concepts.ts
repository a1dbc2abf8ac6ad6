/**
 * Cross-lingual concept classes (concepts.json) compiled for lookup (pure): which concepts a post's words
 * express, with the words as written for evidence. One feature per concept (`k:<id>`) whatever the
 * language, so the model can carry what it learns in one language to the others.
 */
import { z } from 'zod';
import conceptsJson from './concepts.json' with { type: 'json' };
import { matchKey } from '../lexicon.ts';
import { arabicVariants } from '../matcher.ts';
import { tokenise, type TokenSpan } from '../normalise.ts';
import { LANGUAGES, THEME_IDS, type Language, type LanguageOrUnd, type ThemeId } from '../types.ts';

const termsSchema = z.array(z.string().trim().min(1));
const conceptSchema = z
  .object({ themes: z.array(z.enum(THEME_IDS)) })
  .catchall(termsSchema)
  .superRefine((concept, ctx) => {
    for (const key of Object.keys(concept)) {
      if (key !== 'themes' && !(LANGUAGES as readonly string[]).includes(key))
        ctx.addIssue({ code: 'custom', path: [key], message: `not a language code: ${key}` });
    }
  });
export const conceptFileSchema = z.object({
  about: z.string(),
  concepts: z.record(z.string().regex(/^[a-z_]+$/), conceptSchema),
});

type AtomKind = 'exact' | 'prefix' | 'suffix';
interface Atom {
  text: string;
  kind: AtomKind;
}
interface Term {
  concept: number;
  /** Atom ids, one per word (adjacent words in the text). */
  atoms: number[];
  langs: number;
}

export interface CompiledConcepts {
  ids: string[];
  themes: ThemeId[][];
  languages: Language[];
  atoms: Atom[];
  exact: Map<string, number[]>;
  prefix: Map<string, number[]>;
  prefixLengths: number[];
  suffix: Map<string, number[]>;
  suffixLengths: number[];
  /** atom id → terms whose first word it is. */
  termsByFirst: Map<number, Term[]>;
}

/** Languages typed without diacritics as often as with: their terms also match the bare spelling. */
const BARE_SPELLING: readonly string[] = ['tr', 'so', 'bs'];
const bare = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
const MIN_PREFIX = 3;
const MAX_WORDS = 4;

/**
 * The words of a term as posts are tokenised: a word the tokeniser splits (at an apostrophe, hyphen, colon or
 * "&": "don't" → don t, Somali "go'aan" → go aan, "same-sex" → same sex) becomes its parts, a wildcard kept on
 * the outer part ("su'aal*" → su aal*). Without this such terms never matched a post.
 */
export function termWords(spelling: string): string[] {
  return spelling.split(/\s+/).flatMap((word) => {
    const parts = tokenise(word.replace(/^\*|\*$/g, ''));
    if (parts.length <= 1) return [word];
    const lead = word.startsWith('*') ? '*' : '';
    const trail = word.endsWith('*') ? '*' : '';
    return parts.map((part, i) => `${i === 0 ? lead : ''}${part}${i === parts.length - 1 ? trail : ''}`);
  });
}

/**
 * Validates and compiles a concept file; throws on an unknown language or a one-word prefix (`word*`) or
 * suffix (`*ending`) under 3 letters.
 */
export function compileConcepts(input: unknown): CompiledConcepts {
  const file = conceptFileSchema.parse(input);
  const languages = [...LANGUAGES];
  const out: CompiledConcepts = {
    ids: Object.keys(file.concepts),
    themes: [],
    languages,
    atoms: [],
    exact: new Map(),
    prefix: new Map(),
    prefixLengths: [],
    suffix: new Map(),
    suffixLengths: [],
    termsByFirst: new Map(),
  };
  const atomIds = new Map<string, number>();
  const atom = (text: string, kind: AtomKind): number => {
    const key = `${kind}:${text}`;
    let id = atomIds.get(key);
    if (id === undefined) {
      id = out.atoms.length;
      out.atoms.push({ text, kind });
      atomIds.set(key, id);
      const map = out[kind];
      map.set(text, [...(map.get(text) ?? []), id]);
    }
    return id;
  };
  out.ids.forEach((id, c) => {
    const { themes, ...byLanguage } = file.concepts[id] ?? { themes: [] };
    out.themes.push(themes);
    for (const [lang, terms] of Object.entries(byLanguage)) {
      const bit = 1 << languages.indexOf(lang as Language);
      for (const term of terms ?? []) {
        if (term.split(/\s+/).length > MAX_WORDS)
          throw new Error(`concepts: "${term}" (${id}, ${lang}) has more than ${MAX_WORDS} words`);
        const spellings = BARE_SPELLING.includes(lang) && bare(term) !== term ? [term, bare(term)] : [term];
        for (const spelling of spellings) {
          const words = termWords(spelling);
          const atoms = words.map((word) => {
            const kind: AtomKind = word.endsWith('*') ? 'prefix' : word.startsWith('*') ? 'suffix' : 'exact';
            const text = matchKey(word.replace(/^\*|\*$/g, ''));
            if (kind !== 'exact' && words.length === 1 && text.length < MIN_PREFIX)
              throw new Error(`concepts: "${term}" (${id}, ${lang}): a ${kind} needs ${MIN_PREFIX} letters`);
            return atom(text, kind);
          });
          const first = atoms[0] as number;
          const list = out.termsByFirst.get(first) ?? [];
          const same = list.find((t) => t.concept === c && t.atoms.join() === atoms.join());
          if (same) same.langs |= bit;
          else list.push({ concept: c, atoms, langs: bit });
          out.termsByFirst.set(first, list);
        }
      }
    }
  });
  const lengths = (map: Map<string, number[]>) =>
    [...new Set([...map.keys()].map((k) => k.length))].sort((a, b) => a - b);
  out.prefixLengths = lengths(out.prefix);
  out.suffixLengths = lengths(out.suffix);
  return out;
}

export const concepts: CompiledConcepts = compileConcepts(conceptsJson);

const ARABIC_SCRIPT_RE = /[\u0600-\u06ff]/;
const ARABIC_SCRIPT_LANGS: readonly Language[] = ['ar', 'fa', 'prs', 'ckb'];
const ALWAYS: readonly Language[] = ['sv', 'en'];
const CONCEPT_LANGUAGE_OF: Partial<Record<Language, Language>> = { prs: 'fa', hr: 'bs', sr: 'bs' };

/**
 * Bit mask of the concept languages to use for a post: its language, Swedish and English (the diaspora
 * mixes them in), the Arabic-script languages together, and `lang2`; all of them when the language is
 * unknown or has no terms.
 */
export function conceptMask(lang: LanguageOrUnd, lang2: Language | null): number {
  const all = (1 << concepts.languages.length) - 1;
  const bit = (l: Language) => 1 << concepts.languages.indexOf(CONCEPT_LANGUAGE_OF[l] ?? l);
  if (lang === 'und') return all;
  let mask = bit(lang);
  for (const l of ALWAYS) mask |= bit(l);
  if (ARABIC_SCRIPT_LANGS.includes(lang)) for (const l of ARABIC_SCRIPT_LANGS) mask |= bit(l);
  if (lang2) mask |= bit(lang2);
  return mask;
}

const CACHE_LIMIT = 100_000;
const atomCache = new Map<string, number[]>();

function atomsOf(token: string): number[] {
  let found = atomCache.get(token);
  if (found) return found;
  const ids = new Set<number>();
  const key = matchKey(token);
  for (const v of ARABIC_SCRIPT_RE.test(key) ? arabicVariants(key) : [key]) {
    for (const id of concepts.exact.get(v) ?? []) ids.add(id);
    for (const n of concepts.prefixLengths) {
      if (n > v.length) break;
      for (const id of concepts.prefix.get(v.slice(0, n)) ?? []) ids.add(id);
    }
    for (const n of concepts.suffixLengths) {
      if (n >= v.length) break;
      for (const id of concepts.suffix.get(v.slice(v.length - n)) ?? []) ids.add(id);
    }
  }
  found = [...ids];
  if (atomCache.size >= CACHE_LIMIT) atomCache.clear();
  atomCache.set(token, found);
  return found;
}

/** One concept occurrence over tokens start..end (inclusive). */
export interface ConceptHit {
  id: string;
  start: number;
  end: number;
  surface: string;
}

/** Every concept occurrence in `tokens` for the languages in `mask`. */
export function conceptHits(tokens: readonly TokenSpan[], text: string, mask: number): ConceptHit[] {
  const hits: ConceptHit[] = [];
  const atomsAt = tokens.map((t) => atomsOf(t.text));
  for (let i = 0; i < tokens.length; i++) {
    for (const a of atomsAt[i] ?? []) {
      for (const term of concepts.termsByFirst.get(a) ?? []) {
        if ((term.langs & mask) === 0) continue;
        let end = i;
        while (
          end - i + 1 < term.atoms.length &&
          (atomsAt[end + 1] ?? []).includes(term.atoms[end - i + 1] ?? -1)
        )
          end++;
        if (end - i + 1 < term.atoms.length) continue;
        const id = concepts.ids[term.concept] as string;
        hits.push({ id, start: i, end, surface: text.slice(tokens[i]?.start ?? 0, tokens[end]?.end ?? 0) });
      }
    }
  }
  return hits;
}

/** Concept id → the words that expressed it (as written), from concept hits. */
export function conceptEvidence(hits: readonly ConceptHit[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const hit of hits) {
    const list = found.get(hit.id);
    if (!list) found.set(hit.id, [hit.surface]);
    else if (!list.includes(hit.surface)) list.push(hit.surface);
  }
  return found;
}

/** Concept id → the words that expressed it (as written), for the concepts found in `tokens`. */
export function findConcepts(
  tokens: readonly TokenSpan[],
  text: string,
  mask: number,
): Map<string, string[]> {
  return conceptEvidence(conceptHits(tokens, text, mask));
}

/** Rumour themes a concept can serve as evidence for. */
export function conceptThemes(id: string): readonly ThemeId[] {
  return concepts.themes[concepts.ids.indexOf(id)] ?? [];
}
