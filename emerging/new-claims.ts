/**
 * New claims (pure): in one language, the terms (stems and word bigrams, emerging/claim-terms.ts) whose share of
 * recent posts rises sharply over their share of a baseline window, grouped into candidate claims when they
 * share most of their posts. Every post counts, themed or not. A term must be rare in the baseline, reach a
 * minimum of posts and distinct authors, and pass both a ratio and a log-likelihood (G²) test, so ordinary words
 * and 1 → 3 fluctuations of a rare word stay quiet. Candidates carry a stable key (their sorted top terms) and
 * keep the key of a stored candidate they overlap, so a growing claim stays one candidate and a dismissed one
 * stays dismissed.
 */
import { claimPhrases } from './claim-phrases.ts';
import { HOUR_MS } from './baseline.ts';
import type { Signal } from './types.ts';

export interface ClaimRules {
  /** The recent window, hours. */
  windowHours: number;
  /** The baseline window before it, hours. */
  baselineHours: number;
  /** A rising term: at least this many recent posts and distinct authors (or sources where no author). */
  minTermPosts: number;
  minTermAuthors: number;
  /** Its recent share at least this many times its smoothed baseline share. */
  minRatio: number;
  /** Poisson log-likelihood G² of its recent posts against the baseline expectation. */
  minG2: number;
  /** Terms in more than this share of baseline posts are ordinary words (stop-words), never claims. */
  maxBaselineShare: number;
  /** A term joins a group when this share of the smaller one's posts is shared. */
  groupOverlap: number;
  /** A candidate opens an event with at least this many posts, distinct authors and sources. */
  minClaimPosts: number;
  minClaimAuthors: number;
  minClaimSources: number;
  /** Terms in a candidate's key. */
  keyTerms: number;
  /** Terms kept on a candidate. */
  maxTerms: number;
}

export const CLAIM_RULES: ClaimRules = {
  windowHours: 12,
  baselineHours: 14 * 24,
  minTermPosts: 3,
  minTermAuthors: 3,
  minRatio: 20,
  minG2: 30,
  maxBaselineShare: 0.01,
  groupOverlap: 0.5,
  minClaimPosts: 3,
  minClaimAuthors: 3,
  minClaimSources: 2,
  keyTerms: 3,
  maxTerms: 8,
};

/**
 * Posts a claim can be read from: what the classifier does not take for a counter-message or neutral news (those
 * spike on a news day and say nothing new is being claimed); rumours and posts it calls unrelated, themed or not.
 */
export const CLAIM_STANCES: readonly string[] = ['rumour', 'unrelated'];

/**
 * Posts the baseline is read from: every post of the language. A term is new when the whole conversation has not
 * used it, and a baseline of every stance does not shift when a model calls more or fewer posts rumours (with
 * rumour and unrelated posts only, the first replay claim's alert moved from 40 to 150 minutes between two models).
 */
export const BASELINE_STANCES: readonly string[] = ['rumour', 'counter', 'neutral', 'unrelated'];

export interface ClaimPost {
  id: number;
  at: number;
  /** Author pseudonym; null when the source gives none. */
  author: string | null;
  source: string;
  /** Distinct terms of the post (claim-terms.ts). */
  terms: readonly string[];
  surfaces: ReadonlyMap<string, string>;
}

/** Documents per term over the baseline window of one language. */
export interface TermBaseline {
  docs: number;
  df: ReadonlyMap<string, number>;
}

/** A stored candidate of the language: its key and terms, and whether an analyst decided it. */
export interface KnownCandidate {
  key: string;
  terms: readonly string[];
  decided: boolean;
}

export interface FoundClaim {
  lang: string;
  key: string;
  /** Terms by recent posts, most first (stems and bigrams). */
  terms: string[];
  /** Their most frequent surface forms, same order. */
  displayTerms: string[];
  /** Recent posts that carry the claim (at least two of its terms, or its one term). */
  postIds: number[];
  examplePostIds: number[];
  observed: number;
  /** Posts with the claim expected in the window at the baseline rate. */
  expected: number;
  authors: number;
  sources: number;
  /** G² of observed against expected. */
  score: number;
  triggered: boolean;
  /** The first recent post with the claim, ms. */
  startedAt: number;
}

/** Terms of a candidate key are sorted and joined by `|` (terms never contain it). */
export const claimKey = (terms: readonly string[]): string => [...terms].sort().join('|');
export const keyTerms = (key: string): string[] => key.split('|');

/** Poisson log-likelihood ratio statistic of `observed` against `expected` (0 when not above it). */
export function gSquared(observed: number, expected: number): number {
  if (observed <= expected) return 0;
  return 2 * (observed * Math.log(observed / expected) - (observed - expected));
}

interface Rising {
  term: string;
  posts: Set<number>;
  expected: number;
  g2: number;
}

const spreaderOf = (post: ClaimPost) => (post.author === null ? `source:${post.source}` : post.author);

function risingTerms(posts: readonly ClaimPost[], baseline: TermBaseline, rules: ClaimRules): Rising[] {
  const byTerm = new Map<string, number[]>();
  posts.forEach((post, index) => {
    for (const term of post.terms) {
      const list = byTerm.get(term);
      if (list) list.push(index);
      else byTerm.set(term, [index]);
    }
  });
  const rising: Rising[] = [];
  for (const [term, indexes] of byTerm) {
    if (indexes.length < rules.minTermPosts) continue;
    const before = baseline.df.get(term) ?? 0;
    if (before > rules.maxBaselineShare * baseline.docs) continue;
    // Smoothed baseline share (half a document), so a term never seen before is judged against a small rate.
    const expected = ((before + 0.5) / (baseline.docs + 1)) * posts.length;
    if (indexes.length < rules.minRatio * expected) continue;
    const g2 = gSquared(indexes.length, expected);
    if (g2 < rules.minG2) continue;
    const spreaders = new Set(indexes.map((i) => spreaderOf(posts[i] as ClaimPost)));
    if (spreaders.size < rules.minTermAuthors) continue;
    rising.push({ term, posts: new Set(indexes.map((i) => (posts[i] as ClaimPost).id)), expected, g2 });
  }
  return rising.sort((a, b) => b.posts.size - a.posts.size || b.g2 - a.g2 || (a.term < b.term ? -1 : 1));
}

function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let shared = 0;
  for (const id of a) if (b.has(id)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/** Candidate claims of one language at event time `now` from its recent window's posts. */
export function detectNewClaims(
  input: {
    lang: string;
    now: number;
    /** Posts of the language in [now - windowHours, now). */
    posts: readonly ClaimPost[];
    baseline: TermBaseline;
    known: readonly KnownCandidate[];
  },
  rules: ClaimRules = CLAIM_RULES,
): FoundClaim[] {
  const { posts, baseline } = input;
  const from = input.now - rules.windowHours * HOUR_MS;
  const recent = posts.filter((post) => post.at >= from && post.at < input.now);
  if (recent.length === 0 || baseline.docs === 0) return [];
  // Group: each rising term joins the first group whose lead term shares most of its posts.
  const groups: Rising[][] = [];
  for (const term of risingTerms(recent, baseline, rules)) {
    const group = groups.find((g) => overlap((g[0] as Rising).posts, term.posts) >= rules.groupOverlap);
    if (group) group.push(term);
    else groups.push([term]);
  }
  const byId = new Map(recent.map((post) => [post.id, post]));
  const found = new Map<string, FoundClaim>();
  for (const group of groups) {
    const terms = group.slice(0, rules.maxTerms).map((t) => t.term);
    const own = claimKey(terms.slice(0, rules.keyTerms));
    // A stored candidate that shares most of its terms keeps its key (and its decision).
    const match = input.known.find((k) => {
      const set = new Set(k.terms);
      const shared = terms.filter((t) => set.has(t)).length;
      return shared > 0 && shared >= rules.groupOverlap * Math.min(set.size, terms.length);
    });
    if (match?.decided) continue;
    const key = match?.key ?? own;
    if (found.has(key)) continue;
    const needed = Math.min(2, terms.length);
    const claimPosts = recent.filter((post) => {
      let n = 0;
      for (const term of terms) if (post.terms.includes(term) && ++n >= needed) return true;
      return false;
    });
    if (claimPosts.length === 0) continue;
    // Expected posts with the claim: the baseline rate of its second most common term (an upper bound of
    // posts holding two of its terms), or of its one term.
    const rates = terms
      .map((t) => ((baseline.df.get(t) ?? 0) + 0.5) / (baseline.docs + 1))
      .sort((a, b) => b - a);
    const expected = Math.round((rates[needed - 1] ?? 0) * recent.length * 100) / 100;
    const observed = claimPosts.length;
    const authors = new Set(claimPosts.map(spreaderOf)).size;
    const sources = new Set(claimPosts.map((post) => post.source)).size;
    const surface = (term: string) => {
      const counts = new Map<string, number>();
      for (const id of group.find((t) => t.term === term)?.posts ?? []) {
        const s = byId.get(id)?.surfaces.get(term);
        if (s !== undefined) counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? term;
    };
    const newest = [...claimPosts].sort((a, b) => b.at - a.at || b.id - a.id);
    found.set(key, {
      lang: input.lang,
      key,
      terms,
      displayTerms: terms.map(surface),
      postIds: claimPosts.map((post) => post.id),
      examplePostIds: newest.slice(0, 10).map((post) => post.id),
      observed,
      expected,
      authors,
      sources,
      score: Math.round(gSquared(observed, Math.max(expected, 0.01)) * 10) / 10,
      triggered:
        observed >= rules.minClaimPosts &&
        authors >= rules.minClaimAuthors &&
        sources >= rules.minClaimSources,
      startedAt: Math.min(...claimPosts.map((post) => post.at)),
    });
  }
  return [...found.values()];
}

export const claimEventKey = (candidateId: number): string => `claim:${candidateId}`;

/** The event signal of a found claim once its candidate row (`candidateId`) is known. */
export function claimSignal(
  found: FoundClaim,
  candidateId: number,
  rules: ClaimRules = CLAIM_RULES,
): Signal & { startedAt: number } {
  const spread = Math.round(Math.sqrt(Math.max(1, found.expected)) * 10) / 10;
  return {
    kind: 'new_claim',
    eventKey: claimEventKey(candidateId),
    themeId: null,
    lang: found.lang,
    place: null,
    clusterId: null,
    candidateId,
    windowHours: rules.windowHours,
    observed: found.observed,
    expected: found.expected,
    spread,
    score: found.score,
    triggered: found.triggered,
    overExpected: found.observed > found.expected + spread,
    // Restricted posts never reach the claim detector (claimPostTexts leaves them out).
    restricted: false,
    reason: {
      kind: 'new_claim',
      lang: found.lang,
      terms: claimPhrases(found.displayTerms).slice(0, 5),
      observed: found.observed,
      expected: found.expected,
      windowHours: rules.windowHours,
    },
    examplePostIds: found.examplePostIds,
    startedAt: found.startedAt,
  };
}
