/**
 * Near-duplicate signatures (pure, no I/O): the locality-sensitive fingerprint that lets a copy-pasted
 * message be found again after the small edits a forward picks up (emoji, hashtags, "انشر / sprid / share",
 * "Forwarded:" / "عاجل", line breaks, a changed number or place, a typo, a cut-off tail, Arabic diacritics).
 *
 * Text → `normaliseText` (classifier/normalise.ts, so Arabic/Persian letter variants, tashkeel, digits, emoji
 * and hashtag marks fold exactly as for classification) → tokens → shingles → MinHash signature of
 * `hashes` 32-bit minima → `bands` band hashes of `rows` minima each. Two posts are *candidates* when any
 * band hash is equal (the banded LSH lookup stored in Postgres) and *near-duplicates* when the estimated
 * Jaccard similarity of their shingle sets (the share of equal minima) is at least `threshold`.
 *
 * The shingle kind, MinHash against SimHash, the band layout and the threshold were chosen by
 * `scripts/eval-near-duplicates.ts` on the labelled corpus (realistic copy-paste edits as positives,
 * different posts of the same theme and language as negatives); the README quotes its figures.
 * Changing any parameter changes every signature: bump `version` and re-sign stored posts.
 */
import { normaliseText, tokenise } from '../classifier/normalise.ts';

export type ShingleKind = `word-${number}` | `char-${number}`;

export interface SignatureParams {
  version: number;
  shingle: ShingleKind;
  hashes: number;
  bands: number;
  rows: number;
  /** Estimated Jaccard similarity at or above which two posts are near-duplicates. */
  threshold: number;
  /** Texts with fewer tokens get no signature: a three-word post matches too many others by chance. */
  minTokens: number;
}

export const NEAR_DUPLICATE: Readonly<SignatureParams> = Object.freeze({
  version: 1,
  shingle: 'char-5',
  hashes: 128,
  bands: 32,
  rows: 4,
  threshold: 0.5,
  minTokens: 4,
});

export interface Signature {
  /** `hashes` minima as signed 32-bit integers (Postgres `integer[]`). */
  minhash: number[];
  /** One hash per band, signed 32-bit, band i at index i. */
  bands: number[];
}

/** The token stream a signature reads: normalised, one space between tokens. */
export function signatureTokens(text: string): string[] {
  return tokenise(normaliseText(text));
}

/** The distinct shingles of a token stream; a stream shorter than one shingle is one shingle. */
export function shingles(tokens: readonly string[], kind: ShingleKind): Set<string> {
  const [unit, size] = kind.split('-') as ['word' | 'char', string];
  const n = Number(size);
  const out = new Set<string>();
  if (unit === 'word') {
    if (tokens.length <= n) out.add(tokens.join(' '));
    else for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(' '));
    return out;
  }
  const chars = [...tokens.join(' ')];
  if (chars.length <= n) out.add(chars.join(''));
  else for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's avalanche. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return fmix32(hash);
}

/** murmur3's finaliser: a bijection on 32 bits that spreads every input bit over the output. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seedCache = new Map<number, Uint32Array>();
/** Fixed per-permutation seeds (from a constant, never from Math.random): signatures are stable forever. */
function seeds(count: number): Uint32Array {
  let out = seedCache.get(count);
  if (!out) {
    out = new Uint32Array(count);
    let state = 0x5eed1234;
    for (let i = 0; i < count; i++) {
      state = fmix32(state + 0x9e3779b9);
      out[i] = state;
    }
    seedCache.set(count, out);
  }
  return out;
}

/** MinHash of a shingle set: for each of `count` hash permutations, the least hash over the set (unsigned). */
export function minhash(set: ReadonlySet<string>, count: number): Uint32Array {
  const perm = seeds(count);
  const out = new Uint32Array(count).fill(0xffffffff);
  for (const shingle of set) {
    const base = hash32(shingle);
    for (let i = 0; i < count; i++) {
      const h = fmix32(base ^ perm[i]!);
      if (h < out[i]!) out[i] = h;
    }
  }
  return out;
}

/** Band hashes of a MinHash signature: `bands` × `rows` minima, each band folded to 32 bits with its index. */
export function bandHashes(values: ArrayLike<number>, bands: number, rows: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < rows; r++) h = fmix32(h ^ values[b * rows + r]!) + r;
    out.push(fmix32(h) | 0);
  }
  return out;
}

/** Estimated Jaccard similarity: the share of positions where two MinHash signatures agree. */
export function minhashSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if ((a[i]! | 0) === (b[i]! | 0)) same++;
  return same / n;
}

/** Exact Jaccard similarity of two sets (for measurement; production compares signatures). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The signature of a post's text, or null when it is too short to sign (it then forms its own cluster). */
export function signText(text: string, params: SignatureParams = NEAR_DUPLICATE): Signature | null {
  const tokens = signatureTokens(text);
  if (tokens.length < params.minTokens) return null;
  const values = minhash(shingles(tokens, params.shingle), params.hashes);
  return {
    minhash: Array.from(values, (v) => v | 0),
    bands: bandHashes(values, params.bands, params.rows),
  };
}

/** Whether two signatures share a band (would meet in the LSH lookup). */
export function shareBand(a: Signature, b: Signature): boolean {
  return a.bands.some((hash, i) => b.bands[i] === hash);
}

/** The near-duplicate decision as production makes it: a shared band and similarity ≥ threshold. */
export function isNearDuplicate(
  a: Signature,
  b: Signature,
  params: SignatureParams = NEAR_DUPLICATE,
): boolean {
  return shareBand(a, b) && minhashSimilarity(a.minhash, b.minhash) >= params.threshold;
}
