/**
 * New-claim signals of one detection run: per language, term document counts of the recent window against the
 * baseline window before it (posts read from Postgres, bounded, tokenised in process), the pure detector
 * (emerging/new-claims.ts), candidates stored by key (decided ones skipped), one signal per stored candidate.
 */
import type { LanguageOrUnd } from '../classifier/types.ts';
import { listCandidates, upsertCandidate, decidedCandidateKeys } from '../core/db/claim-candidates.ts';
import type { Db } from '../core/db/client.ts';
import { claimPostTexts, type ClaimPostRow } from '../core/db/emerging-counts.ts';
import { HOUR_MS } from '../emerging/baseline.ts';
import { postTerms } from '../emerging/claim-terms.ts';
import {
  claimSignal,
  CLAIM_RULES,
  BASELINE_STANCES,
  CLAIM_STANCES,
  detectNewClaims,
  keyTerms,
  type ClaimPost,
  type KnownCandidate,
} from '../emerging/new-claims.ts';
import type { Signal } from '../emerging/types.ts';

/** At most this many posts of the recent window and of the baseline window are read per run. */
export const MAX_RECENT_POSTS = 20_000;
export const MAX_BASELINE_POSTS = 40_000;

function toClaimPost(row: ClaimPostRow): ClaimPost {
  const { terms, surfaces } = postTerms(row.text, row.lang as LanguageOrUnd);
  return { id: row.id, at: row.at, author: row.author, source: String(row.sourceId), terms, surfaces };
}

export interface ClaimRun {
  signals: (Signal & { startedAt: number })[];
  candidates: number;
  recentPosts: number;
  baselinePosts: number;
}

export async function claimSignals(db: Db, modelVersion: string, now: number): Promise<ClaimRun> {
  const rules = CLAIM_RULES;
  const recentFrom = now - rules.windowHours * HOUR_MS;
  const baseFrom = recentFrom - rules.baselineHours * HOUR_MS;
  const recent = await claimPostTexts(db, modelVersion, recentFrom, now, CLAIM_STANCES, MAX_RECENT_POSTS);
  if (recent.length === 0) return { signals: [], candidates: 0, recentPosts: 0, baselinePosts: 0 };
  const langs = new Set(recent.map((row) => row.lang));
  const baseline = await claimPostTexts(
    db,
    modelVersion,
    baseFrom,
    recentFrom,
    BASELINE_STANCES,
    MAX_BASELINE_POSTS,
  );
  const df = new Map<string, { docs: number; df: Map<string, number> }>();
  for (const row of baseline) {
    if (!langs.has(row.lang)) continue;
    let entry = df.get(row.lang);
    if (!entry) df.set(row.lang, (entry = { docs: 0, df: new Map() }));
    entry.docs++;
    for (const term of postTerms(row.text, row.lang as LanguageOrUnd).terms)
      entry.df.set(term, (entry.df.get(term) ?? 0) + 1);
  }
  const stored = await listCandidates(db, { limit: 1000 });
  const decided = await decidedCandidateKeys(db);
  const signals: (Signal & { startedAt: number })[] = [];
  let candidates = 0;
  for (const lang of langs) {
    const known: KnownCandidate[] = stored
      .filter((c) => c.lang === lang)
      .map((c) => ({ key: c.candidate_key, terms: c.terms, decided: c.status !== 'new' }));
    for (const key of decided) {
      const [keyLang, ...rest] = key.split(':');
      if (keyLang === lang)
        known.push({ key: rest.join(':'), terms: keyTerms(rest.join(':')), decided: true });
    }
    const found = detectNewClaims({
      lang,
      now,
      posts: recent.filter((row) => row.lang === lang).map(toClaimPost),
      baseline: df.get(lang) ?? { docs: 0, df: new Map() },
      known,
    });
    const storedKeys = new Set(known.map((k) => k.key));
    for (const claim of found) {
      // Only a claim over its thresholds becomes a candidate; a stored one keeps being followed.
      if (!claim.triggered && !storedKeys.has(claim.key)) continue;
      const candidate = await upsertCandidate(db, {
        lang,
        key: claim.key,
        terms: claim.terms,
        displayTerms: claim.displayTerms,
        examplePostIds: claim.examplePostIds,
        postsRecent: claim.observed,
        score: claim.score,
      });
      candidates++;
      if (candidate.status !== 'new') continue;
      signals.push(claimSignal(claim, candidate.id, rules));
    }
  }
  return { signals, candidates, recentPosts: recent.length, baselinePosts: baseline.length };
}
