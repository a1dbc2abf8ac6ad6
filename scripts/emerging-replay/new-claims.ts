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
  CLAIM_STANCES,
  detectNewClaims,
  type ClaimPost,
  type ClaimRules,
  type KnownCandidate,
} from '../../emerging/new-claims.ts';
import type { LanguageOrUnd } from '../../classifier/types.ts';
import type { SeenPost } from './classify.ts';
import { ReplayEvents } from './replay-events.ts';
import { STEP_MS, type ReplayAlert } from './spikes.ts';

interface LangStream {
  posts: ClaimPost[];
  /** Index of the first post of the baseline window, of the recent window, and of the first post not yet in. */
  baseFrom: number;
  recentFrom: number;
  to: number;
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
    if (post.lang === null || !CLAIM_STANCES.includes(post.stance)) continue;
    let stream = langs.get(post.lang);
    if (!stream) {
      stream = { posts: [], baseFrom: 0, recentFrom: 0, to: 0, df: new Map() };
      langs.set(post.lang, stream);
    }
    const { terms, surfaces } = postTerms(post.text, post.lang as LanguageOrUnd);
    stream.posts.push({
      id: post.id,
      at: post.at,
      author: post.author,
      source: post.channel,
      terms,
      surfaces,
    });
  }
  for (const stream of langs.values()) stream.posts.sort((a, b) => a.at - b.at || a.id - b.id);

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
      // Baseline window [now - window - baseline, now - window): posts enter from the recent window, leave at
      // its far end.
      while (s.recentFrom < s.posts.length && (s.posts[s.recentFrom] as ClaimPost).at < now - windowMs)
        bump(s.posts[s.recentFrom++] as ClaimPost, 1);
      while (s.baseFrom < s.recentFrom && (s.posts[s.baseFrom] as ClaimPost).at < now - windowMs - baselineMs)
        bump(s.posts[s.baseFrom++] as ClaimPost, -1);
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
          baseline: { docs: s.recentFrom - s.baseFrom, df: s.df },
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
