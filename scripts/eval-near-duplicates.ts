/**
 * Near-duplicate evaluation on the labelled corpus. Positive pairs: each corpus post against a copy-paste
 * variant of itself with 1, 2 or 3 realistic edits (scripts/near-duplicate-edits.ts). Negative pairs: two
 * different posts of the same language that share a theme (or, for unrelated posts, a kind), from different
 * paraphrase groups. Prints, for MinHash and SimHash over several shingle kinds, the best threshold; then for
 * the parameters in force (core/near-duplicate.ts) precision and recall per threshold of the production
 * decision (a shared LSH band and similarity ≥ threshold), and recall per edit kind at the chosen threshold.
 * Run: `npx tsx scripts/eval-near-duplicates.ts [--seed N]`.
 */
import { parseArgs } from 'node:util';
import {
  bandHashes,
  fmix32,
  hash32,
  minhash,
  minhashSimilarity,
  NEAR_DUPLICATE,
  shingles,
  signatureTokens,
  type ShingleKind,
} from '../core/near-duplicate.ts';
import { loadCorpus, type CorpusExample } from '../classifier/model/corpus.ts';
import { createRng } from './generator/rng.ts';
import { copyPasteVariant, EDIT_KINDS, type EditKind } from './near-duplicate-edits.ts';

interface Pair {
  a: string;
  b: string;
  positive: boolean;
  edits: EditKind[];
}

function buildPairs(corpus: readonly CorpusExample[], seed: number): Pair[] {
  const rng = createRng(seed);
  const pairs: Pair[] = [];
  for (const post of corpus) {
    for (const count of [1, 2, 3]) {
      const variant = copyPasteVariant(post.text, post.lang ?? '', count, rng);
      if (variant.edits.length > 0)
        pairs.push({ a: post.text, b: variant.text, positive: true, edits: variant.edits });
    }
  }
  const topics = (p: CorpusExample) =>
    p.stance === 'unrelated' ? [`kind:${p.kind}`] : [...p.themes, ...p.about].map((t) => `theme:${t}`);
  for (let i = 0; i < corpus.length; i++) {
    for (let j = i + 1; j < corpus.length; j++) {
      const a = corpus[i]!;
      const b = corpus[j]!;
      if (a.lang !== b.lang || a.group === b.group) continue;
      const ta = topics(a);
      if (!topics(b).some((t) => ta.includes(t))) continue;
      pairs.push({ a: a.text, b: b.text, positive: false, edits: [] });
    }
  }
  return pairs;
}

interface Method {
  name: string;
  /** Similarity in [0, 1] and whether the two texts would meet in the banded lookup. */
  compare(a: string, b: string): { similarity: number; candidate: boolean } | null;
}

function minhashMethod(shingle: ShingleKind, hashes: number, bands: number, rows: number): Method {
  const cache = new Map<string, { values: Uint32Array; bands: number[] } | null>();
  const sign = (text: string) => {
    let hit = cache.get(text);
    if (hit === undefined) {
      const tokens = signatureTokens(text);
      if (tokens.length < NEAR_DUPLICATE.minTokens) hit = null;
      else {
        const values = minhash(shingles(tokens, shingle), hashes);
        hit = { values, bands: bandHashes(values, bands, rows) };
      }
      cache.set(text, hit);
    }
    return hit;
  };
  return {
    name: `minhash ${shingle} ${bands}x${rows}`,
    compare(a, b) {
      const sa = sign(a);
      const sb = sign(b);
      if (!sa || !sb) return null;
      return {
        similarity: minhashSimilarity(sa.values, sb.values),
        candidate: sa.bands.some((h, i) => sb.bands[i] === h),
      };
    },
  };
}

/** 64-bit SimHash as two 32-bit halves; similarity 1 − Hamming/64; bands of 64/bands bits. */
function simhashMethod(shingle: ShingleKind, bands: number): Method {
  const cache = new Map<string, [number, number] | null>();
  const sign = (text: string) => {
    let hit = cache.get(text);
    if (hit === undefined) {
      const tokens = signatureTokens(text);
      if (tokens.length < NEAR_DUPLICATE.minTokens) hit = null;
      else {
        const counts = new Int32Array(64);
        for (const s of shingles(tokens, shingle)) {
          const lo = hash32(s);
          const hi = fmix32(lo ^ 0x9e3779b9);
          for (let bit = 0; bit < 32; bit++) {
            counts[bit]! += (lo >>> bit) & 1 ? 1 : -1;
            counts[32 + bit]! += (hi >>> bit) & 1 ? 1 : -1;
          }
        }
        let lo = 0;
        let hi = 0;
        for (let bit = 0; bit < 32; bit++) {
          if (counts[bit]! > 0) lo |= 1 << bit;
          if (counts[32 + bit]! > 0) hi |= 1 << bit;
        }
        hit = [lo >>> 0, hi >>> 0];
      }
      cache.set(text, hit);
    }
    return hit;
  };
  const popcount = (x: number) => {
    let n = 0;
    for (let v = x >>> 0; v; v &= v - 1) n++;
    return n;
  };
  const width = 64 / bands;
  const band = (s: [number, number], i: number) => {
    const bit = i * width;
    const word = bit < 32 ? s[0] : s[1];
    return (word >>> (bit % 32)) & (width >= 32 ? 0xffffffff : (1 << width) - 1);
  };
  return {
    name: `simhash ${shingle} ${bands}x${width}bit`,
    compare(a, b) {
      const sa = sign(a);
      const sb = sign(b);
      if (!sa || !sb) return null;
      const distance = popcount(sa[0] ^ sb[0]) + popcount(sa[1] ^ sb[1]);
      let candidate = false;
      for (let i = 0; i < bands && !candidate; i++) candidate = band(sa, i) === band(sb, i);
      return { similarity: 1 - distance / 64, candidate };
    },
  };
}

interface Scored {
  pair: Pair;
  similarity: number;
  candidate: boolean;
}

const THRESHOLDS = Array.from({ length: 15 }, (_, i) => Math.round((0.2 + i * 0.05) * 100) / 100);

function confusion(scored: readonly Scored[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let negatives = 0;
  for (const s of scored) {
    const yes = s.candidate && s.similarity >= threshold;
    if (s.pair.positive) {
      positives++;
      if (yes) tp++;
    } else {
      negatives++;
      if (yes) fp++;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = positives === 0 ? 0 : tp / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, positives, negatives, precision, recall, f1, fpRate: fp / Math.max(1, negatives) };
}

function score(method: Method, pairs: readonly Pair[]): Scored[] {
  return pairs.map((pair) => {
    // A text too short to sign is a miss for a positive pair and a correct "no" for a negative one.
    const result = method.compare(pair.a, pair.b) ?? { similarity: 0, candidate: false };
    return { pair, ...result };
  });
}

/** The most similar negative pair: how much room the threshold leaves before a false merge. */
const maxNegative = (scored: readonly Scored[]) =>
  scored.reduce((max, s) => (s.pair.positive ? max : Math.max(max, s.similarity)), 0);

const pct = (x: number) => `${(x * 100).toFixed(2)}%`.padStart(8);

function main(): void {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '7' } } });
  const corpus = loadCorpus();
  const pairs = buildPairs(corpus, Number(values.seed));
  const positives = pairs.filter((p) => p.positive).length;
  console.log(
    `corpus ${corpus.length} posts; ${positives} positive pairs (copy-paste variants), ` +
      `${pairs.length - positives} negative pairs (same language and theme, different posts)\n`,
  );

  const methods: Method[] = [
    ...(['word-1', 'word-2', 'word-3', 'char-3', 'char-4', 'char-5', 'char-6'] as const).map((s) =>
      minhashMethod(s, 128, 32, 4),
    ),
    ...(['word-1', 'word-2', 'char-4', 'char-5'] as const).map((s) => simhashMethod(s, 8)),
  ];
  console.log('method                        best-F1 threshold  precision   recall   FP-rate  max-negative');
  for (const method of methods) {
    const scored = score(method, pairs);
    const best = THRESHOLDS.map((t) => ({ t, ...confusion(scored, t) })).reduce((x, y) =>
      y.f1 > x.f1 ? y : x,
    );
    console.log(
      `${method.name.padEnd(30)}${best.f1.toFixed(3).padStart(7)}${String(best.t).padStart(10)}` +
        `${pct(best.precision)}${pct(best.recall)}  ${pct(best.fpRate)}` +
        `${maxNegative(scored).toFixed(3).padStart(14)}`,
    );
  }

  const p = NEAR_DUPLICATE;
  const chosen = minhashMethod(p.shingle, p.hashes, p.bands, p.rows);
  const scored = score(chosen, pairs);
  console.log(`\nin force: ${chosen.name}, ${p.hashes} hashes, min ${p.minTokens} tokens`);
  console.log('threshold  precision   recall   FP-rate     TP     FP');
  for (const t of THRESHOLDS) {
    const c = confusion(scored, t);
    console.log(
      `${(t === p.threshold ? '*' : ' ') + String(t).padEnd(9)}${pct(c.precision)}${pct(c.recall)}  ` +
        `${pct(c.fpRate)}${String(c.tp).padStart(7)}${String(c.fp).padStart(7)}`,
    );
  }
  const c = confusion(scored, p.threshold);
  const missedByBands = scored.filter(
    (s) => s.pair.positive && !s.candidate && s.similarity >= p.threshold,
  ).length;
  console.log(
    `\nchosen threshold ${p.threshold}: precision ${pct(c.precision).trim()}, recall ${pct(c.recall).trim()}, ` +
      `${c.fp} false merges of ${c.negatives} negative pairs; ${missedByBands} positives above the ` +
      `threshold missed by the band lookup`,
  );

  console.log('\nrecall per edit (variants with that single edit), at the chosen threshold:');
  for (const kind of EDIT_KINDS) {
    const single = scored.filter(
      (s) => s.pair.positive && s.pair.edits.length === 1 && s.pair.edits[0] === kind,
    );
    if (single.length === 0) continue;
    const hits = single.filter((s) => s.candidate && s.similarity >= p.threshold).length;
    console.log(`  ${kind.padEnd(18)}${pct(hits / single.length)}  (${single.length} pairs)`);
  }
  for (const count of [1, 2, 3]) {
    const group = scored.filter((s) => s.pair.positive && s.pair.edits.length === count);
    const hits = group.filter((s) => s.candidate && s.similarity >= p.threshold).length;
    console.log(
      `  ${count} edit(s)${' '.repeat(10)}${pct(hits / Math.max(1, group.length))}  (${group.length} pairs)`,
    );
  }
}

main();
