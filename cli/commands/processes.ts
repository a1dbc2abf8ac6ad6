/** Long-running commands: `start` (everything in one process) and `collector`, `worker`, `dashboard` apart. */
import type { Command } from 'commander';
import { warmUpLanguageDetection } from '../../classifier/language.ts';
import { startCollector } from '../../collectors/main.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { cachedActiveVersion } from '../../core/active-model.ts';
import { startMetricsServer } from '../../core/metrics-server.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import type { Resources } from '../../core/resources.ts';
import { startDashboard } from '../../dashboard/main.ts';
import { startAnalysisWorker } from '../../workers/main.ts';
import { ensureDemoAdmin } from '../demo-account.ts';
import { openPrepared } from '../context.ts';
import { runUntilSignal } from '../run-until-signal.ts';
import { loadSampleData, sampleProgress } from '../sample-data.ts';
import { DEMO_DAYS, DEMO_COUNT } from './demo.ts';

type Part = 'collector' | 'worker' | 'dashboard';

async function runParts(parts: Part[], options: { demo?: boolean } = {}): Promise<void> {
  // Long-running: start without Redis and keep reconnecting until it is there (workers wait for it).
  const resources = await openPrepared({ redis: 'reconnecting' });
  const started: Stoppable[] = [];
  try {
    // Prometheus /metrics on its own port when METRICS_PORT is set (give it to one process per host).
    const { metrics } = resources.config;
    if (metrics) {
      started.push(
        await startMetricsServer(
          {
            db: resources.db,
            redis: resources.redis,
            prefix: resources.config.redis.prefix,
            modelVersion: cachedActiveVersion(resources.db, shippedClassifier().version),
            logger: resources.logger,
          },
          metrics,
        ),
      );
    }
    // Workers first so that jobs enqueued by the collector or the demo are taken at once.
    if (parts.includes('worker')) {
      // Pay the language models' load (seconds, ~550 MB) before taking jobs, not on the first batch.
      resources.logger.info({ ms: warmUpLanguageDetection() }, 'language detection loaded');
      started.push(await startAnalysisWorker(resources));
    }
    if (parts.includes('collector')) started.push(await startCollector(resources));
    if (parts.includes('dashboard')) {
      const dashboard = await startDashboard(resources);
      started.push(dashboard);
      console.log(`Ryktesradar dashboard: ${dashboard.url}`);
      if (options.demo) await printDemoAdmin(resources);
    }
  } catch (error) {
    for (const part of started) await part.close();
    await resources.close();
    throw error;
  }
  if (options.demo) void loadDemoInBackground(resources);
  await runUntilSignal(resources, started);
}

async function printDemoAdmin(resources: Resources): Promise<void> {
  const created = await ensureDemoAdmin(resources.db, resources.config.dashboard.host);
  if (!created) return;
  console.log(
    [
      '',
      '=== Demo login (created now because no account existed; shown only this once) ===',
      `  email:    ${created.email}`,
      `  password: ${created.password}`,
      '  Role admin, on this machine only. Create your own account with',
      '  `npx ryktesradar users add <email> --role admin`, then `npx ryktesradar users disable ' +
        created.email +
        '`.',
      '',
    ].join('\n'),
  );
}

/** How often the terminal hears how far the sample's analysis is, and for how long at most. */
const SAMPLE_PROGRESS_EVERY_MS = 10_000;
const SAMPLE_PROGRESS_LIMIT_MS = 30 * 60_000;

/**
 * Tells the terminal how far the sample's analysis is, then that it is ready: the dashboard shows partial
 * figures until then. Stops quietly when the process shuts down meanwhile (its connections close).
 */
async function reportSampleProgress(resources: Resources): Promise<void> {
  const deadline = Date.now() + SAMPLE_PROGRESS_LIMIT_MS;
  let last = -1;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_PROGRESS_EVERY_MS).unref());
    const progress = await sampleProgress(resources).catch(() => null);
    if (progress === null) return;
    if (progress.analysed >= progress.total) {
      console.log(
        `Sample data ready: ${progress.total} labelled SAMPLE posts analysed ("Exempeldata", not real). ` +
          'Remove with: npx ryktesradar demo --remove',
      );
      return;
    }
    if (progress.analysed !== last)
      console.log(`Sample data: analysed ${progress.analysed}/${progress.total}…`);
    last = progress.analysed;
  }
}

async function loadDemoInBackground(resources: Resources): Promise<void> {
  try {
    const existing = await sampleProgress(resources);
    if (existing.total > 0) {
      console.log(
        `Sample data already loaded (${existing.total} labelled sample posts); remove with: npx ryktesradar demo --remove`,
      );
      return;
    }
    const loaded = await loadSampleData(resources, { count: DEMO_COUNT, days: DEMO_DAYS });
    console.log(
      `Loading ${loaded.inserted} labelled SAMPLE posts (generated, not real) through the queue and worker…`,
    );
    await reportSampleProgress(resources);
  } catch (error) {
    resources.logger.error(
      { err: error instanceof Error ? error.message : String(error) },
      'sample data failed',
    );
  }
}

export function registerProcesses(program: Command): void {
  program
    .command('start')
    .description('run collector, worker and dashboard in one process (small installs)')
    .option('--demo', 'also load the labelled sample data set (generated posts) if it is not loaded yet')
    .action(async (options: { demo?: boolean }) => runParts(['worker', 'collector', 'dashboard'], options));
  program
    .command('collector')
    .description('run only the collectors (scale out: run several)')
    .action(async () => runParts(['collector']));
  program
    .command('worker')
    .description('run only the analysis worker (scale out: run several on the same Redis and Postgres)')
    .action(async () => runParts(['worker']));
  program
    .command('dashboard')
    .description('run only the dashboard')
    .action(async () => runParts(['dashboard']));
}
