/**
 * One detection run at event time `now`: read the counts of the model in force, run the pure detectors
 * (emerging/), apply the event lifecycle, store events with their times, record the run, and hand the stored
 * event ids to alert matching.
 */
import type { Queue } from 'bullmq';
import type { Db } from '../core/db/client.ts';
import {
  activeClusterSightings,
  clusterThemes,
  hourlyRumourCounts,
  recentRumourPosts,
} from '../core/db/emerging-counts.ts';
import { endEvents, listOngoingEvents, recordRun, upsertEvent } from '../core/db/emerging-events.ts';
import { enqueueAlertMatching, type MatchAlertsPayload } from '../core/queues/match-alerts.ts';
import { HOUR_MS } from '../emerging/baseline.ts';
import { stepEvents } from '../emerging/lifecycle.ts';
import { detectSpikes, spikeKey, SPIKE_RULES, type SpikeSeries } from '../emerging/spikes.ts';
import type { Signal } from '../emerging/types.ts';
import { detectWaves, WAVE_RULES, type WaveCluster } from '../emerging/waves.ts';
import { claimSignals } from './detect-claims.ts';

/** History read for the spike baseline. */
export const HISTORY_DAYS = 28;

/** Hands stored events to alert matching (queue `match-alerts`, owned by the alerts side). */
export async function notifyAlerts(
  queue: Queue<MatchAlertsPayload>,
  eventIds: readonly number[],
): Promise<number> {
  return enqueueAlertMatching(queue, eventIds);
}

export interface RunResult {
  opened: number[];
  updated: number[];
  ended: number[];
  /** New-claim work of the run: candidates stored, posts read, milliseconds. */
  claims: { candidates: number; recentPosts: number; baselinePosts: number; ms: number };
}

async function spikeSignals(
  db: Db,
  modelVersion: string,
  now: number,
): Promise<(Signal & { startedAt: number })[]> {
  const currentHour = Math.floor(now / HOUR_MS);
  const historyStartHour = currentHour - HISTORY_DAYS * 24;
  const hours = currentHour - historyStartHour;
  const counts = await hourlyRumourCounts(
    db,
    modelVersion,
    historyStartHour * HOUR_MS,
    currentHour * HOUR_MS,
  );
  const overall = new Array<number>(hours).fill(0);
  const histories = new Map<string, number[]>();
  for (const row of counts) {
    const index = row.hour - historyStartHour;
    if (index < 0 || index >= hours) continue;
    if (row.themeId === '*') {
      overall[index] = row.posts;
      continue;
    }
    const key = spikeKey(row.themeId, row.lang, row.place);
    let history = histories.get(key);
    if (!history) {
      history = new Array<number>(hours).fill(0);
      histories.set(key, history);
    }
    history[index] = row.posts;
  }
  const recent = await recentRumourPosts(db, modelVersion, now - SPIKE_RULES.windowHours * HOUR_MS, now);
  const series = new Map<string, SpikeSeries & { recent: { at: number; id: number }[] }>();
  const add = (
    themeId: string,
    lang: string | null,
    place: string | null,
    post: { at: number; id: number },
  ) => {
    const key = spikeKey(themeId, lang, place);
    let entry = series.get(key);
    if (!entry) {
      entry = { themeId, lang, place, history: histories.get(key) ?? [], recent: [] };
      series.set(key, entry);
    }
    entry.recent.push(post);
  };
  for (const post of recent) {
    if (post.lang !== null) add(post.themeId, post.lang, null, post);
    add(post.themeId, null, null, post);
    for (const place of post.places) add(post.themeId, null, place, post);
  }
  return detectSpikes({ now, historyStartHour, overall, series: [...series.values()] });
}

async function waveSignals(
  db: Db,
  modelVersion: string,
  now: number,
): Promise<(Signal & { startedAt: number })[]> {
  const windowFrom = now - WAVE_RULES.windowHours * HOUR_MS;
  const rows = await activeClusterSightings(
    db,
    windowFrom - WAVE_RULES.historyHours * HOUR_MS,
    windowFrom,
    now,
    WAVE_RULES.minSpreaders,
  );
  const byCluster = new Map<number, WaveCluster & { sightings: WaveCluster['sightings'][number][] }>();
  const info = await clusterThemes(db, modelVersion, [...new Set(rows.map((row) => row.clusterId))]);
  for (const row of rows) {
    let cluster = byCluster.get(row.clusterId);
    if (!cluster) {
      const meta = info.get(row.clusterId);
      cluster = {
        clusterId: row.clusterId,
        sightings: [],
        themes: meta?.themes ?? [],
        lang: meta?.lang ?? null,
      };
      byCluster.set(row.clusterId, cluster);
    }
    cluster.sightings.push({ at: row.at, postId: row.postId, sourceId: row.sourceId, account: row.account });
  }
  return detectWaves({ now, clusters: [...byCluster.values()] });
}

/** Runs spikes and waves at event time `now` (ms) for `modelVersion`; returns the event ids it touched. */
export async function runDetection(
  db: Db,
  modelVersion: string,
  now: number,
  alerts: Queue<MatchAlertsPayload> | null,
): Promise<RunResult> {
  const started = performance.now();
  const claimsStarted = performance.now();
  const claims = await claimSignals(db, modelVersion, now);
  const result: RunResult = {
    opened: [],
    updated: [],
    ended: [],
    claims: {
      candidates: claims.candidates,
      recentPosts: claims.recentPosts,
      baselinePosts: claims.baselinePosts,
      ms: Math.round(performance.now() - claimsStarted),
    },
  };
  const kinds = [
    { kind: 'spike' as const, signals: await spikeSignals(db, modelVersion, now), version: modelVersion },
    { kind: 'new_claim' as const, signals: claims.signals, version: modelVersion },
    { kind: 'wave' as const, signals: await waveSignals(db, modelVersion, now), version: null },
  ];
  for (const { kind, signals, version } of kinds) {
    const ongoing = await listOngoingEvents(db, [kind]);
    const step = stepEvents(signals, ongoing, now);
    for (const signal of step.open) {
      const stored = await upsertEvent(db, signal, {
        modelVersion: version,
        at: new Date(now),
        startedAt: new Date(signal.startedAt),
      });
      (stored.created ? result.opened : result.updated).push(stored.id);
    }
    for (const { event, signal } of step.update) {
      const stored = await upsertEvent(db, signal, {
        modelVersion: version,
        at: new Date(now),
        startedAt: event.startedAt,
      });
      result.updated.push(stored.id);
    }
    for (const { event, endedAt } of step.end) {
      if ((await endEvents(db, [event.id], new Date(endedAt))) > 0) result.ended.push(event.id);
    }
  }
  await recordRun(db, {
    eventTime: new Date(now),
    modelVersion,
    eventsOpen: result.opened.length + result.updated.length,
    eventsEnded: result.ended.length,
    candidates: claims.candidates,
    durationMs: performance.now() - started,
  });
  const touched = [...result.opened, ...result.updated];
  if (alerts !== null && touched.length > 0) await notifyAlerts(alerts, touched);
  return result;
}
