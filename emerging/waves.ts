/**
 * Copy-paste waves (pure): a near-duplicate cluster whose copies reach many distinct spreaders (accounts, or the
 * source where the author is unknown) within a short window, far more than the cluster's own pace before.
 * Evergreen campaign texts that are copied steadily stay quiet; a message pushed through many channels at once
 * opens an event.
 */
import { HOUR_MS } from './baseline.ts';
import { anscombeScore } from './spikes.ts';
import type { Signal } from './types.ts';

export interface WaveRules {
  /** The window, hours (default 3). */
  windowHours: number;
  /** How far back the cluster's usual pace is read, hours (default 7 days). */
  historyHours: number;
  /** Minimum distinct spreaders and distinct sources in the window. */
  minSpreaders: number;
  minSources: number;
  /** Spreaders in the window must be at least this many times the usual pace. */
  minRatio: number;
  minScore: number;
  restrictedThemes: readonly string[];
}

export const WAVE_RULES: WaveRules = {
  windowHours: 3,
  historyHours: 7 * 24,
  minSpreaders: 12,
  minSources: 3,
  minRatio: 4,
  minScore: 3,
  restrictedThemes: ['violence_threats'],
};

export interface WaveSighting {
  at: number;
  postId: number;
  sourceId: number;
  /** The sighting's author pseudonym; null when the source gives none. */
  account: string | null;
}

export interface WaveCluster {
  clusterId: number;
  /** Sightings of the cluster's posts over [now - historyHours - windowHours, now). */
  sightings: readonly WaveSighting[];
  /** Themes of the cluster's posts (for restricted routing and the reason). */
  themes: readonly string[];
  lang: string | null;
}

export const waveKey = (clusterId: number): string => `wave:${clusterId}`;

const spreader = (s: WaveSighting): string =>
  s.account === null ? `source:${s.sourceId}` : `account:${s.account}`;

/** One signal per cluster that has any sighting in the window. */
export function detectWaves(
  input: { now: number; clusters: readonly WaveCluster[] },
  rules: WaveRules = WAVE_RULES,
): (Signal & { startedAt: number })[] {
  const { now } = input;
  const windowStart = now - rules.windowHours * HOUR_MS;
  const historyStart = windowStart - rules.historyHours * HOUR_MS;
  const signals: (Signal & { startedAt: number })[] = [];
  for (const cluster of input.clusters) {
    const recent = cluster.sightings.filter((s) => s.at >= windowStart && s.at < now);
    if (recent.length === 0) continue;
    const before = cluster.sightings.filter((s) => s.at >= historyStart && s.at < windowStart);
    const spreaders = new Set(recent.map(spreader));
    const sources = new Set(recent.map((s) => s.sourceId));
    const accounts = new Set(recent.flatMap((s) => (s.account === null ? [] : [s.account])));
    // The usual pace: distinct spreaders of the history, spread evenly over its windows (at least one window's
    // worth of history is assumed, so a brand-new cluster is judged against a small but non-zero pace).
    const earliest =
      before.length > 0 ? Math.max(historyStart, Math.min(...before.map((s) => s.at))) : windowStart;
    const historyWindows = Math.max(1, (windowStart - earliest) / (rules.windowHours * HOUR_MS));
    const expected = Math.round((new Set(before.map(spreader)).size / historyWindows) * 10) / 10;
    const observed = spreaders.size;
    const score = Math.round(anscombeScore(observed, expected, 1) * 10) / 10;
    const triggered =
      observed >= rules.minSpreaders &&
      sources.size >= rules.minSources &&
      observed >= rules.minRatio * Math.max(1, expected) &&
      score >= rules.minScore;
    const first = Math.min(...recent.map((s) => s.at));
    signals.push({
      kind: 'wave',
      eventKey: waveKey(cluster.clusterId),
      themeId: cluster.themes[0] ?? null,
      lang: cluster.lang,
      place: null,
      clusterId: cluster.clusterId,
      candidateId: null,
      windowHours: rules.windowHours,
      observed,
      expected,
      spread: Math.round(Math.sqrt(Math.max(1, expected)) * 10) / 10,
      score,
      triggered,
      overExpected: observed > Math.max(1, expected) + Math.sqrt(Math.max(1, expected)),
      restricted: cluster.themes.some((theme) => rules.restrictedThemes.includes(theme)),
      reason: {
        kind: 'wave',
        clusterId: cluster.clusterId,
        sources: sources.size,
        accounts: accounts.size,
        posts: recent.length,
        windowHours: rules.windowHours,
      },
      examplePostIds: [...new Set([...recent].sort((a, b) => b.at - a.at).map((s) => s.postId))].slice(0, 10),
      startedAt: first,
    });
  }
  return signals;
}
