/**
 * Steps the new-claim detector over the replay every 10 minutes of event time, per detected language, with the
 * job's windows: the recent window and the baseline window before it slide along the stream, term document
 * counts kept incrementally. Candidates get ids as the claim_candidates table would give them (one per
 * language and key), events the same lifecycle as the job.
 */
import { HOUR_MS } from '../../emerging/baseline.ts';
import { postTerms } from '../../emerging/claim-terms.ts';
import {
  claimSignal,
  CLAIM_RULES,
  BASELINE_STANCES,
  CLAIM_STANCES,
  detectNewClaims,
  type ClaimPost,
  type ClaimRules,
  type KnownCandidate,
} from '../../emerging/new-claims.ts';
import type { LanguageOrUnd } from '../../classifier/types.ts';
import { isRestrictedPost, type SeenPost } from './classify.ts';
import { ReplayEvents } from './replay-events.ts';
import { STEP_MS, type ReplayAlert } from './spikes.ts';

interface LangStream {
  /** Posts a claim can be read from (CLAIM_STANCES): the recent window's. */
  posts: ClaimPost[];
  /** Posts of every stance: the baseline's (BASELINE_STANCES). */
  base: ClaimPost[];
  /** Recent window: index of its first post and of the first post not yet in. */
  recentFrom: number;
  to: number;
  /** Baseline window: index of its first post and of the first post past it. */
  baseFrom: number;
  baseTo: number;
  df: Map<string, number>;
}

export function replayNewClaims(
  posts: readonly SeenPost[],
  endMs: number,
  fromMs: number,
  rules: ClaimRules = CLAIM_RULES,
): ReplayAlert[] {
  const langs = new Map<string, LangStream>();
  for (const post of posts) {
    if (post.lang === null || !BASELINE_STANCES.includes(post.stance)) continue;
    let stream = langs.get(post.lang);
    if (!stream) {
      stream = { posts: [], base: [], recentFrom: 0, to: 0, baseFrom: 0, baseTo: 0, df: new Map() };
      langs.set(post.lang, stream);
    }
    const { terms, surfaces } = postTerms(post.text, post.lang as LanguageOrUnd);
    const claimPost = {
      id: post.id,
      at: post.at,
      author: post.author,
      source: post.channel,
      terms,
      surfaces,
    };
    stream.base.push(claimPost);
    // As the job reads them (claimPostTexts): restricted posts never feed claims.
    if (CLAIM_STANCES.includes(post.stance) && !isRestrictedPost(post)) stream.posts.push(claimPost);
  }
  for (const stream of langs.values()) {
    stream.posts.sort((a, b) => a.at - b.at || a.id - b.id);
    stream.base.sort((a, b) => a.at - b.at || a.id - b.id);
  }

  const windowMs = rules.windowHours * HOUR_MS;
  const baselineMs = rules.baselineHours * HOUR_MS;
  const candidates = new Map<string, { id: number; known: KnownCandidate }>();
  const alerts: ReplayAlert[] = [];
  const events = new ReplayEvents();
  for (let now = fromMs; now <= endMs; now += STEP_MS) {
    const signals = [];
    const claimPosts = new Map<string, number[]>();
    for (const [lang, s] of langs) {
      const bump = (post: ClaimPost, by: number) => {
        for (const term of post.terms) s.df.set(term, (s.df.get(term) ?? 0) + by);
      };
      // Baseline window [now - window - baseline, now - window) of every stance: posts enter as they leave the
      // recent window, and leave at its far end.
      while (s.baseTo < s.base.length && (s.base[s.baseTo] as ClaimPost).at < now - windowMs)
        bump(s.base[s.baseTo++] as ClaimPost, 1);
      while (s.baseFrom < s.baseTo && (s.base[s.baseFrom] as ClaimPost).at < now - windowMs - baselineMs)
        bump(s.base[s.baseFrom++] as ClaimPost, -1);
      while (s.recentFrom < s.posts.length && (s.posts[s.recentFrom] as ClaimPost).at < now - windowMs)
        s.recentFrom++;
      while (s.to < s.posts.length && (s.posts[s.to] as ClaimPost).at < now) s.to++;
      if (s.to === s.recentFrom) continue;
      const known = [...candidates.entries()]
        .filter(([key]) => key.startsWith(`${lang}:`))
        .map(([, c]) => c.known);
      const found = detectNewClaims(
        {
          lang,
          now,
          posts: s.posts.slice(s.recentFrom, s.to),
          baseline: { docs: s.baseTo - s.baseFrom, df: s.df },
          known,
        },
        rules,
      );
      for (const claim of found) {
        // Like the job: only a claim over its thresholds becomes a stored candidate.
        const id = `${lang}:${claim.key}`;
        let candidate = candidates.get(id);
        if (!candidate && !claim.triggered) continue;
        if (!candidate) {
          candidate = {
            id: candidates.size + 1,
            known: { key: claim.key, terms: claim.terms, decided: false },
          };
          candidates.set(id, candidate);
        }
        const signal = claimSignal(claim, candidate.id, rules);
        claimPosts.set(signal.eventKey, claim.postIds);
        signals.push(signal);
      }
    }
    for (const signal of events.step(signals, now)) {
      alerts.push({
        kind: 'new_claim',
        key: `${signal.lang}:${signal.reason.kind === 'new_claim' ? signal.reason.terms.join(' ') : ''}`,
        at: now,
        startedAt: signal.startedAt,
        postIds: claimPosts.get(signal.eventKey) ?? [],
      });
    }
  }
  return alerts;
}
