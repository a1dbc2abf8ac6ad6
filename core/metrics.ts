/**
 * Prometheus text exposition (format 0.0.4) of what an operator watches: queue depths per state, jobs completed
 * and failed per queue since counting began (BullMQ's per-minute metrics in Redis, shared by every worker
 * process, so rate() gives jobs per second), each source's health state, and the classifier version in force.
 * Labels carry ids, kinds and states only: no source names, no post text.
 */
import { Queue } from 'bullmq';
import type { ActiveVersion } from './active-model.ts';
import type { Db } from './db/client.ts';
import { listSources } from './db/sources.ts';
import { QUEUE_NAMES } from './queues/all.ts';
import type { Redis } from './redis.ts';
import { sourceHealth } from './source-health.ts';

const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const SOURCE_STATES = ['ok', 'failing', 'paused', 'new', 'sample'] as const;

export interface MetricsDeps {
  db: Db;
  redis: Redis;
  prefix: string;
  modelVersion: ActiveVersion;
}

/** A label value escaped as the text format wants it (backslash, double quote, newline). */
export function labelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

type Labels = Record<string, string | number>;
interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Labels; value: number }[];
}

/** Renders metric families in the text format, one HELP and TYPE line each. */
export function renderFamilies(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const { labels, value } of family.samples) {
      const pairs = Object.entries(labels).map(([key, v]) => `${key}="${labelValue(String(v))}"`);
      lines.push(`${family.name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Opens queue handles once (on the shared producer connection); `collect()` reads everything fresh. */
export function createMetrics(deps: MetricsDeps): { collect(): Promise<string>; close(): Promise<void> } {
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: deps.redis, prefix: deps.prefix }));
  return {
    async collect() {
      const [perQueue, sources, version] = await Promise.all([
        Promise.all(
          queues.map(async (queue) => ({
            queue: queue.name,
            counts: await queue.getJobCounts(...DEPTH_STATES),
            completed: (await queue.getMetrics('completed', 0, 0)).meta.count,
            failed: (await queue.getMetrics('failed', 0, 0)).meta.count,
          })),
        ),
        listSources(deps.db),
        deps.modelVersion(),
      ]);
      const health = sources.map((source) => ({ source, state: sourceHealth(source).state }));
      return renderFamilies([
        {
          name: 'ryktesradar_queue_jobs',
          help: 'Jobs in each queue by state (failed: the dead-letter list).',
          type: 'gauge',
          samples: perQueue.flatMap(({ queue, counts }) =>
            DEPTH_STATES.map((state) => ({ labels: { queue, state }, value: counts[state] ?? 0 })),
          ),
        },
        {
          name: 'ryktesradar_jobs_completed_total',
          help: 'Jobs completed per queue since counting began, across every worker process.',
          type: 'counter',
          samples: perQueue.map(({ queue, completed }) => ({ labels: { queue }, value: completed })),
        },
        {
          name: 'ryktesradar_jobs_failed_total',
          help: 'Job attempts that failed per queue since counting began, across every worker process.',
          type: 'counter',
          samples: perQueue.map(({ queue, failed }) => ({ labels: { queue }, value: failed })),
        },
        {
          name: 'ryktesradar_sources',
          help: 'Sources by health state.',
          type: 'gauge',
          samples: SOURCE_STATES.map((state) => ({
            labels: { state },
            value: health.filter((h) => h.state === state).length,
          })),
        },
        {
          name: 'ryktesradar_source_health',
          help: 'Each source: 1 for its current health state.',
          type: 'gauge',
          samples: health.map(({ source, state }) => ({
            labels: { source_id: source.id, kind: source.kind, state },
            value: 1,
          })),
        },
        {
          name: 'ryktesradar_source_consecutive_failures',
          help: 'Polls of the source that failed in a row.',
          type: 'gauge',
          samples: health.map(({ source }) => ({
            labels: { source_id: source.id, kind: source.kind },
            value: source.consecutive_failures,
          })),
        },
        {
          name: 'ryktesradar_classifier_info',
          help: 'The classifier version in force (value always 1).',
          type: 'gauge',
          samples: [{ labels: { version }, value: 1 }],
        },
      ]);
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
