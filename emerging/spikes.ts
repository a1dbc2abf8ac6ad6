/**
 * Spike detection (pure): per theme × language, theme × all languages and theme × place, the posts of the latest
 * window against the level expected from history. A spike opens when the window is clearly over (score ≥ the
 * threshold, a minimum volume and ratio so 1 → 3 posts is never a spike), on the long window or, for a fast
 * start, on a short one. The event's figures are always the long window's, so its reason reads
 * "48 posts in the last 6 h, expected 9 ± 4".
 */
import {
  expectedOver,
  HOUR_MS,
  keyLevel,
  overdispersion,
  seasonalProfile,
  type Profile,
} from './baseline.ts';
import type { Signal } from './types.ts';

export interface SpikeRules {
  /** The event window, hours (default 6). */
  windowHours: number;
  /** A short window that lets a sharp rise open an event sooner, hours (default 2). */
  shortWindowHours: number;
  /** Minimum posts in the long / short window. */
  minPosts: number;
  minPostsShort: number;
  /** Observed must be at least this many times the expected level. */
  minRatio: number;
  /** Score (standard deviations over expected) needed to open an event. */
  minScore: number;
  /** A place series is tested only when its level is at least this many posts a day. */
  minPlacePerDay: number;
  /** Themes whose events are for the security role only. */
  restrictedThemes: readonly string[];
}

export const SPIKE_RULES: SpikeRules = {
  windowHours: 6,
  shortWindowHours: 2,
  minPosts: 10,
  minPostsShort: 6,
  minRatio: 2,
  minScore: 4,
  minPlacePerDay: 3,
  restrictedThemes: ['violence_threats'],
};

export interface SpikeSeries {
  themeId: string;
  /** null = all languages. */
  lang: string | null;
  /** Municipality code, null = everywhere. */
  place: string | null;
  /** Hourly counts of full hours: `history[i]` is the hour starting at (historyStartHour + i) × 1 h. */
  history: readonly number[];
  /** The posts of the latest long window, [now - windowHours, now): time (ms) and id. */
  recent: readonly { at: number; id: number }[];
  /** The baseline when the caller already has it for this hour (the replay caches it per hour). */
  baseline?: SpikeBaseline;
}

/** A series' level (posts per hour at profile 1) and overdispersion, from history before the window. */
export interface SpikeBaseline {
  level: number;
  phi: number;
}

export interface SpikeInput {
  /** Event time, ms. */
  now: number;
  /** Hours since the epoch of history[0] of every series and of `overall`. */
  historyStartHour: number;
  /** A dense series (every rumour post) for the seasonal profile; same hours as the series' history. */
  overall: readonly number[];
  series: readonly SpikeSeries[];
  /** The seasonal profile when the caller already has it for this hour. */
  profile?: Profile;
}

export const spikeKey = (themeId: string | null, lang: string | null, place: string | null): string =>
  `spike:${themeId ?? '*'}:${lang ?? '*'}:${place ?? '*'}`;

/**
 * Standard deviations over expected on the Anscombe scale, 2(√(o+3/8) − √(e+3/8)) / √φ: near-normal even for
 * the small counts of a theme in one language, where (o − e)/√e would make 1 → 5 posts look enormous.
 */
export function anscombeScore(observed: number, expected: number, phi: number): number {
  return (2 * (Math.sqrt(observed + 0.375) - Math.sqrt(expected + 0.375))) / Math.sqrt(phi);
}

interface Window {
  observed: number;
  expected: number;
  spread: number;
  score: number;
}

function measure(
  recent: readonly { at: number }[],
  now: number,
  hours: number,
  level: number,
  profile: Profile,
  phi: number,
): Window {
  const from = now - hours * HOUR_MS;
  let observed = 0;
  for (const post of recent) if (post.at >= from && post.at < now) observed++;
  const expected = expectedOver(level, profile, from, now);
  const spread = Math.max(1, Math.sqrt(phi * expected));
  return { observed, expected, spread, score: anscombeScore(observed, expected, phi) };
}

/** The onset: the 10-minute-aligned start of the stretch before `now` whose excess is most significant. */
function onset(
  recent: readonly { at: number }[],
  now: number,
  hours: number,
  level: number,
  profile: Profile,
): number {
  const step = HOUR_MS / 6;
  let best = now - hours * HOUR_MS;
  let bestZ = -Infinity;
  for (let start = now - step; start >= now - hours * HOUR_MS; start -= step) {
    let observed = 0;
    for (const post of recent) if (post.at >= start && post.at < now) observed++;
    const expected = expectedOver(level, profile, start, now);
    const z = (observed - expected) / Math.sqrt(Math.max(expected, 1));
    if (z > bestZ) {
      bestZ = z;
      best = start;
    }
  }
  return best;
}

/** Hours of history (from historyStartHour) that lie before the current window: the baseline's data. */
export function usableHours(now: number, historyStartHour: number, rules: SpikeRules = SPIKE_RULES): number {
  return Math.max(0, Math.floor((now - rules.windowHours * HOUR_MS) / HOUR_MS) - historyStartHour);
}

export function spikeProfile(overall: readonly number[], historyStartHour: number, usable: number): Profile {
  return seasonalProfile(overall.slice(0, usable), historyStartHour);
}

export function spikeBaseline(
  history: readonly number[],
  historyStartHour: number,
  usable: number,
  profile: Profile,
  rules: SpikeRules = SPIKE_RULES,
): SpikeBaseline {
  const past = history.slice(0, usable);
  const level = keyLevel(past, historyStartHour, profile);
  return { level, phi: overdispersion(past, historyStartHour, level, profile, rules.windowHours) };
}

/** One signal per series that can be judged (places below their minimum volume are skipped). */
export function detectSpikes(
  input: SpikeInput,
  rules: SpikeRules = SPIKE_RULES,
): (Signal & { startedAt: number })[] {
  const { now, historyStartHour } = input;
  // Level and spread come from history before the current window, so an ongoing event does not hide itself.
  const usable = usableHours(now, historyStartHour, rules);
  const profile = input.profile ?? spikeProfile(input.overall, historyStartHour, usable);
  const signals: (Signal & { startedAt: number })[] = [];
  for (const series of input.series) {
    const { level, phi } =
      series.baseline ?? spikeBaseline(series.history, historyStartHour, usable, profile, rules);
    if (series.place !== null && level * 24 < rules.minPlacePerDay) continue;
    const long = measure(series.recent, now, rules.windowHours, level, profile, phi);
    const short = measure(series.recent, now, rules.shortWindowHours, level, profile, phi);
    const opens = (w: Window, minPosts: number) =>
      w.observed >= minPosts && w.observed >= rules.minRatio * w.expected && w.score >= rules.minScore;
    const triggered = opens(long, rules.minPosts) || opens(short, rules.minPostsShort);
    const score = Math.round(Math.max(long.score, short.score) * 10) / 10;
    const expected = Math.round(long.expected * 10) / 10;
    const spread = Math.round(long.spread * 10) / 10;
    const examples = [...series.recent].sort((a, b) => b.at - a.at || b.id - a.id).slice(0, 10);
    signals.push({
      kind: 'spike',
      eventKey: spikeKey(series.themeId, series.lang, series.place),
      themeId: series.themeId,
      lang: series.lang,
      place: series.place,
      clusterId: null,
      candidateId: null,
      windowHours: rules.windowHours,
      observed: long.observed,
      expected,
      spread,
      score,
      triggered,
      // "Back to normal" is inside the usual band, not merely under the mean: noise alone crosses the mean.
      overExpected: long.observed > long.expected + long.spread,
      restricted: rules.restrictedThemes.includes(series.themeId),
      reason: {
        kind: 'spike',
        themeId: series.themeId,
        lang: series.lang,
        place: series.place,
        observed: long.observed,
        expected,
        spread,
        windowHours: rules.windowHours,
        baseline: profile.kind,
      },
      examplePostIds: examples.map((post) => post.id),
      startedAt: triggered ? onset(series.recent, now, rules.windowHours, level, profile) : now,
    });
  }
  return signals;
}
