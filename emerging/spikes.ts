/**
 * Spike detection (pure): per theme × language, theme × all languages and theme × place, the posts of the latest
 * window against the level expected from history. A spike opens when the window is clearly over (score ≥ the
 * threshold, a minimum volume and ratio so 1 → 3 posts is never a spike), on the long window or, for a fast
 * start, on one of the shorter windows ending now (½, 1, 2, 3 h). The score is the Poisson tail of the count as a
 * normal z, so thin and large series need the same surprise. The event's figures are always the long window's,
 * so its reason reads "48 posts in the last 6 h, expected 9 ± 4".
 */
import {
  expectedOver,
  HOUR_MS,
  keyLevel,
  overdispersion,
  seasonalProfile,
  type Profile,
} from './baseline.ts';
import { poissonTailScore } from './poisson-tail.ts';
import type { Signal } from './types.ts';

export interface SpikeRules {
  /** The event window, hours (default 6). */
  windowHours: number;
  /**
   * Shorter windows ending now, also tested, hours (default ½, 1, 2, 3): a sharp rise is clearest in the window
   * that matches its age, and a young event is diluted by the hours before it in the long window.
   */
  scanHours: readonly number[];
  /** Minimum posts in the long window / in a shorter one. */
  minPosts: number;
  minPostsShort: number;
  /** Observed must be at least this many times the expected level. */
  minRatio: number;
  /** Score (standard deviations over expected) needed to open an event. */
  minScore: number;
  /** A place series is tested only when its level is at least this many posts a day. */
  minPlacePerDay: number;
  /**
   * Share of the all-languages excess one language must hold to open on the theme's evidence (≥ 1: never).
   */
  attributeShare: number;
  /** Let broader series open while a language series of the theme triggers (duplicate alerts). */
  echoes: boolean;
  /** Themes whose events are for the security role only. */
  restrictedThemes: readonly string[];
}

export const SPIKE_RULES: SpikeRules = {
  windowHours: 6,
  scanHours: [0.5, 1, 2, 3],
  minPosts: 10,
  minPostsShort: 6,
  minRatio: 2,
  minScore: 4.25,
  minPlacePerDay: 3,
  attributeShare: 0.5,
  echoes: false,
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
 * small counts, where (o − e)/√e would make 1 → 5 posts look enormous (the wave detector's score).
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
  return { observed, expected, spread, score: poissonTailScore(observed, expected, phi) };
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

interface Judged {
  series: SpikeSeries;
  level: number;
  /** The long window first, then the shorter ones of `scanHours`. */
  windows: Window[];
  triggered: boolean;
}

const windowOpens = (w: Window, minPosts: number, rules: SpikeRules): boolean =>
  w.observed >= minPosts && w.observed >= rules.minRatio * w.expected && w.score >= rules.minScore;

/** Whether a window is clearly over (volume, ratio, score); window 0 is the long one. */
const opensAt = (judged: Judged, index: number, rules: SpikeRules): boolean =>
  windowOpens(judged.windows[index] as Window, index === 0 ? rules.minPosts : rules.minPostsShort, rules);

/**
 * Opens language series on the evidence of their theme's all-languages series: when that series is clearly over
 * on a window and one language holds most of the excess there (and is itself over by volume and ratio), the
 * event is that language's. A rise split over languages stays the theme's; one language's rise is tested on
 * more posts this way, as the all-languages series is the more stable one.
 */
function attributeToLanguages(judged: Judged[], rules: SpikeRules): void {
  for (const parent of judged) {
    if (parent.series.lang !== null || parent.series.place !== null || !parent.triggered) continue;
    parent.windows.forEach((window, index) => {
      if (!opensAt(parent, index, rules)) return;
      const excess = window.observed - window.expected;
      for (const child of judged) {
        if (child.triggered || child.series.themeId !== parent.series.themeId || child.series.lang === null)
          continue;
        const own = child.windows[index] as Window;
        const minPosts = index === 0 ? rules.minPosts : rules.minPostsShort;
        if (
          own.observed - own.expected >= rules.attributeShare * excess &&
          own.observed >= minPosts &&
          own.observed >= rules.minRatio * own.expected
        )
          child.triggered = true;
      }
    });
  }
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
  const judged: Judged[] = [];
  for (const series of input.series) {
    const { level, phi } =
      series.baseline ?? spikeBaseline(series.history, historyStartHour, usable, profile, rules);
    if (series.place !== null && level * 24 < rules.minPlacePerDay) continue;
    const windows = [rules.windowHours, ...rules.scanHours].map((hours) =>
      measure(series.recent, now, hours, level, profile, phi),
    );
    const item: Judged = { series, level, windows, triggered: false };
    item.triggered = windows.some((_, index) => opensAt(item, index, rules));
    judged.push(item);
  }
  if (rules.attributeShare < 1) attributeToLanguages(judged, rules);
  const signals = judged.map(({ series, level, windows, triggered }) => {
    const long = windows[0] as Window;
    const score = Math.round(Math.max(...windows.map((w) => w.score)) * 10) / 10;
    const expected = Math.round(long.expected * 10) / 10;
    const spread = Math.round(long.spread * 10) / 10;
    const examples = [...series.recent].sort((a, b) => b.at - a.at || b.id - a.id).slice(0, 10);
    return {
      kind: 'spike' as const,
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
        kind: 'spike' as const,
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
    };
  });
  return rules.echoes ? signals : withoutEchoes(signals);
}

/**
 * A theme's rise in one language also lifts the theme's all-languages and place series: while a language series
 * of the theme triggers, those broader series do not open an event of their own (an ongoing one goes on), so
 * one rise is one alert.
 */
function withoutEchoes<S extends Signal>(signals: S[]): S[] {
  const rising = new Set(signals.filter((s) => s.triggered && s.lang !== null).map((s) => s.themeId));
  return signals.map((s) =>
    s.triggered && s.lang === null && rising.has(s.themeId) ? { ...s, triggered: false } : s,
  );
}
