/**
 * Finds the lexicon's phrases in a token sequence (pure). Per token: its matching key, the atoms it
 * satisfies (Arabic-script tokens also without clitic prefixes), cached by token text; then phrases are
 * extended from the tokens whose atoms start one.
 */
import { matchKey, type CompiledLexicon } from './lexicon.ts';
import type { TokenSpan } from './normalise.ts';

/** A phrase found at tokens start..end (inclusive). */
export interface Hit {
  phrase: number;
  start: number;
  end: number;
}

const ARABIC_SCRIPT_RE = /[\u0600-\u06ff]/;
/** Conjunction, prepositions, article and future prefix (in folded spelling: ک for ك). */
const CONJUNCTIONS = ['و', 'ف'];
const PROCLITICS = ['وال', 'فال', 'بال', 'کال', 'لل', 'ال', 'ب', 'ل', 'ک', 'س'];
/** Imperfect-verb prefixes (ی is the folded ي). */
const IMPERFECT = ['ی', 'ت', 'ن', 'ا'];
const PERSIAN_VERB = ['نمی', 'می'];

/** A folded Arabic-script word and its forms without clitic prefixes (stems of ≥ 2–3 letters only). */
export function arabicVariants(key: string): string[] {
  const out = new Set([key]);
  const bases = [key];
  if (key.length > 3 && CONJUNCTIONS.includes(key[0] ?? '')) bases.push(key.slice(1));
  for (const base of bases) {
    out.add(base);
    for (const p of PROCLITICS)
      if (base.startsWith(p) && base.length - p.length >= 2) out.add(base.slice(p.length));
  }
  for (const v of [...out]) {
    for (const p of IMPERFECT) if (v.startsWith(p) && v.length > 3) out.add(v.slice(1));
  }
  for (const p of PERSIAN_VERB)
    if (key.startsWith(p) && key.length - p.length >= 2) out.add(key.slice(p.length));
  return [...out];
}

function atomsOfKey(lex: CompiledLexicon, key: string): number[] {
  const found = new Set<number>();
  const add = (ids: number[] | undefined) => ids?.forEach((id) => found.add(id));
  for (const v of ARABIC_SCRIPT_RE.test(key) ? arabicVariants(key) : [key]) {
    add(lex.exact.get(v));
    for (const n of lex.prefixLengths) {
      if (n > v.length) break;
      add(lex.prefix.get(v.slice(0, n)));
    }
    for (const n of lex.suffixLengths) {
      if (n > v.length) break;
      add(lex.suffix.get(v.slice(v.length - n)));
    }
    for (const c of lex.contains) if (v.includes(c.text)) found.add(c.atom);
  }
  return [...found];
}

const NO_ATOMS: number[] = [];
const CACHE_LIMIT = 200_000;
const caches = new WeakMap<CompiledLexicon, Map<string, number[]>>();

/** Atom ids a token (as written) satisfies; memoised per lexicon, cleared when it grows past 200k tokens. */
export function atomsOfToken(lex: CompiledLexicon, token: string): number[] {
  let cache = caches.get(lex);
  if (!cache) caches.set(lex, (cache = new Map()));
  let atoms = cache.get(token);
  if (atoms === undefined) {
    const found = atomsOfKey(lex, matchKey(token));
    atoms = found.length === 0 ? NO_ATOMS : found;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, atoms);
  }
  return atoms;
}

function satisfies(tokenAtoms: number[] | undefined, slot: number[]): boolean {
  if (!tokenAtoms || tokenAtoms.length === 0) return false;
  for (const a of slot) if (tokenAtoms.includes(a)) return true;
  return false;
}

function isStop(lex: CompiledLexicon, tokenAtoms: number[] | undefined): boolean {
  return !!tokenAtoms && tokenAtoms.some((a) => lex.stopAtoms.has(a));
}

/** Last token of `phrase` matched from `start`, or -1. Gaps take the first token that fits, never a negation. */
function extend(lex: CompiledLexicon, atomsAt: number[][], phraseId: number, start: number): number {
  const phrase = lex.phrases[phraseId];
  if (!phrase) return -1;
  let pos = start;
  for (let k = 1; k < phrase.slots.length; k++) {
    const slot = phrase.slots[k] ?? [];
    const last = Math.min(pos + 1 + (phrase.gapBefore[k] ?? 0), atomsAt.length - 1);
    let next = -1;
    for (let j = pos + 1; j <= last; j++) {
      if (satisfies(atomsAt[j], slot)) {
        next = j;
        break;
      }
      if (isStop(lex, atomsAt[j])) break;
    }
    if (next < 0) return -1;
    pos = next;
  }
  return pos;
}

/** Every phrase occurrence in the tokens (a phrase may occur at several starts). */
export function findHits(lex: CompiledLexicon, tokens: readonly TokenSpan[]): Hit[] {
  const atomsAt = tokens.map((t) => atomsOfToken(lex, t.text));
  const hits: Hit[] = [];
  const tried = new Set<number>();
  for (let i = 0; i < atomsAt.length; i++) {
    const atoms = atomsAt[i] ?? NO_ATOMS;
    if (atoms.length === 0) continue;
    tried.clear();
    for (const atom of atoms) {
      for (const phraseId of lex.byFirstAtom.get(atom) ?? NO_ATOMS) {
        if (tried.has(phraseId)) continue;
        tried.add(phraseId);
        const end = extend(lex, atomsAt, phraseId, i);
        if (end >= 0) hits.push({ phrase: phraseId, start: i, end });
      }
    }
  }
  return hits;
}
