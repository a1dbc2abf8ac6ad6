/**
 * Steps the wave detector over the replay every 10 minutes. Clusters are exact copies of a text (the store
 * keeps exact copies as sightings of one post and near-duplicates in one cluster; the replay's copies are
 * verbatim); a sighting's source is its channel and its account the author.
 */
import { HOUR_MS } from '../../emerging/baseline.ts';
import {
  detectWaves,
  WAVE_RULES,
  type WaveCluster,
  type WaveRules,
  type WaveSighting,
} from '../../emerging/waves.ts';
import type { SeenPost } from './classify.ts';
import { ReplayEvents } from './replay-events.ts';
import { STEP_MS, type ReplayAlert } from './spikes.ts';

export function replayWaves(
  posts: readonly SeenPost[],
  endMs: number,
  fromMs: number,
  rules: WaveRules = WAVE_RULES,
): ReplayAlert[] {
  const clusterOf = new Map<string, number>();
  const sourceOf = new Map<string, number>();
  const clusters = new Map<number, { sightings: WaveSighting[]; themes: string[]; lang: string | null }>();
  for (const post of posts) {
    let id = clusterOf.get(post.text);
    if (id === undefined) {
      id = clusterOf.size + 1;
      clusterOf.set(post.text, id);
      clusters.set(id, { sightings: [], themes: post.themes, lang: post.lang });
    }
    let source = sourceOf.get(post.channel);
    if (source === undefined) {
      source = sourceOf.size + 1;
      sourceOf.set(post.channel, source);
    }
    clusters
      .get(id)
      ?.sightings.push({ at: post.at, postId: post.id, sourceId: source, account: post.author });
  }
  // Only texts seen more than a few times can ever make a wave.
  const copied = [...clusters.entries()].filter(([, c]) => c.sightings.length >= rules.minSpreaders);
  const alerts: ReplayAlert[] = [];
  const events = new ReplayEvents();
  const span = (rules.historyHours + rules.windowHours) * HOUR_MS;
  for (let now = fromMs; now <= endMs; now += STEP_MS) {
    const input: WaveCluster[] = [];
    for (const [clusterId, c] of copied) {
      const sightings = c.sightings.filter((s) => s.at >= now - span && s.at < now);
      if (sightings.some((s) => s.at >= now - rules.windowHours * HOUR_MS))
        input.push({ clusterId, sightings, themes: c.themes, lang: c.lang });
    }
    const signals = detectWaves({ now, clusters: input }, rules);
    for (const signal of events.step(signals, now)) {
      const c = clusters.get(signal.clusterId as number);
      const postIds = (c?.sightings ?? [])
        .filter((s) => s.at >= now - rules.windowHours * HOUR_MS && s.at < now)
        .map((s) => s.postId);
      alerts.push({ kind: 'wave', key: signal.eventKey, at: now, startedAt: signal.startedAt, postIds });
    }
  }
  return alerts;
}
