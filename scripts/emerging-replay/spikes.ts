/**
 * Steps the spike detector over the replay every 10 minutes of event time, as the scheduled job would, with the
 * same lifecycle; the baseline (profile, levels) is recomputed once per event hour, as it only moves hourly.
 */
import { HOUR_MS } from '../../emerging/baseline.ts';
import {
  detectSpikes,
  spikeBaseline,
  spikeKey,
  spikeProfile,
  SPIKE_RULES,
  usableHours,
  type SpikeBaseline,
  type SpikeRules,
  type SpikeSeries,
} from '../../emerging/spikes.ts';
import type { Profile } from '../../emerging/baseline.ts';
import { isRestrictedTheme } from '../../classifier/types.ts';
import { isRestrictedPost, type SeenPost } from './classify.ts';
import { ReplayEvents } from './replay-events.ts';

export const STEP_MS = 10 * 60_000;
export const HISTORY_DAYS = 28;

export interface ReplayAlert {
  kind: 'spike' | 'new_claim' | 'wave';
  key: string;
  at: number;
  startedAt: number;
  /** Ids of the posts in the window that opened it (scoring reads their intent). */
  postIds: number[];
}

interface KeySeries {
  themeId: string;
  lang: string | null;
  place: string | null;
  times: number[];
  ids: number[];
  hourly: Int32Array;
}

function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function replaySpikes(
  posts: readonly SeenPost[],
  startMs: number,
  endMs: number,
  fromMs: number,
  rules: SpikeRules = SPIKE_RULES,
): ReplayAlert[] {
  const startHour = Math.floor(startMs / HOUR_MS);
  const hours = Math.ceil((endMs - startMs) / HOUR_MS);
  const overall = new Int32Array(hours);
  const keys = new Map<string, KeySeries>();
  const add = (themeId: string, lang: string | null, place: string | null, post: SeenPost) => {
    const key = spikeKey(themeId, lang, place);
    let series = keys.get(key);
    if (!series) {
      series = { themeId, lang, place, times: [], ids: [], hourly: new Int32Array(hours) };
      keys.set(key, series);
    }
    series.times.push(post.at);
    series.ids.push(post.id);
    series.hourly[Math.floor(post.at / HOUR_MS) - startHour]! += 1;
  };
  for (const post of posts) {
    if (post.stance !== 'rumour') continue;
    overall[Math.floor(post.at / HOUR_MS) - startHour]! += 1;
    // As the job's counts (core/db/emerging-counts.ts): a restricted post counts for restricted themes only.
    const restricted = isRestrictedPost(post);
    for (const theme of post.themes) {
      if (restricted && !isRestrictedTheme(theme)) continue;
      if (post.lang !== null) add(theme, post.lang, null, post);
      add(theme, null, null, post);
      for (const place of post.places) add(theme, null, place, post);
    }
  }

  const alerts: ReplayAlert[] = [];
  const events = new ReplayEvents();
  let cachedHour = -1;
  let profile: Profile | undefined;
  let historyStartHour = startHour;
  const baselines = new Map<string, SpikeBaseline>();
  const windowMs = rules.windowHours * HOUR_MS;
  // History: the full hours from historyStartHour up to the current hour.
  const slice = (series: Int32Array) =>
    Array.from(series.subarray(historyStartHour - startHour, cachedHour - startHour));
  for (let now = fromMs; now <= endMs; now += STEP_MS) {
    const hour = Math.floor(now / HOUR_MS);
    if (hour !== cachedHour) {
      cachedHour = hour;
      historyStartHour = Math.max(startHour, hour - HISTORY_DAYS * 24);
      const usable = usableHours(now, historyStartHour, rules);
      profile = spikeProfile(slice(overall), historyStartHour, usable);
      baselines.clear();
    }
    const usable = usableHours(now, historyStartHour, rules);
    const series: SpikeSeries[] = [];
    for (const [key, data] of keys) {
      const from = lowerBound(data.times, now - windowMs);
      const to = lowerBound(data.times, now);
      // Too few posts to open anything and nothing ongoing: skip (the job's query does the same with HAVING).
      if (to - from < Math.min(rules.minPosts, rules.minPostsShort) && !events.has(key)) continue;
      let baseline = baselines.get(key);
      if (!baseline) {
        baseline = spikeBaseline(slice(data.hourly), historyStartHour, usable, profile as Profile, rules);
        baselines.set(key, baseline);
      }
      const recent = [];
      for (let i = from; i < to; i++) recent.push({ at: data.times[i] as number, id: data.ids[i] as number });
      series.push({
        themeId: data.themeId,
        lang: data.lang,
        place: data.place,
        history: [],
        recent,
        baseline,
      });
    }
    const signals = detectSpikes({ now, historyStartHour, overall: [], series, profile }, rules);
    for (const signal of events.step(signals, now)) {
      const data = keys.get(signal.eventKey) as KeySeries;
      const from = lowerBound(data.times, now - windowMs);
      const to = lowerBound(data.times, now);
      alerts.push({
        kind: 'spike',
        key: signal.eventKey,
        at: now,
        startedAt: signal.startedAt,
        postIds: data.ids.slice(from, to),
      });
    }
  }
  return alerts;
}
